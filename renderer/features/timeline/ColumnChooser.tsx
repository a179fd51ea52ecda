import type { ColumnSpec } from '../../lib/fields';

interface ColumnChooserProps {
  /** Every column the catalogue offers. */
  available: readonly ColumnSpec[];
  /** The shown columns, in order. */
  columns: readonly string[];
  onToggle: (name: string) => void;
  onMove: (name: string, step: -1 | 1) => void;
}

/** Which catalogue fields are columns and in what order (remembered in localStorage by the caller). */
export function ColumnChooser({ available, columns, onToggle, onMove }: ColumnChooserProps) {
  const shown = columns
    .map((name) => available.find((column) => column.name === name))
    .filter((column) => column !== undefined);
  const hidden = available.filter((column) => !columns.includes(column.name));
  return (
    <details className="menu">
      <summary className="button small">Columns</summary>
      <fieldset className="menu-panel column-list">
        <legend>Columns</legend>
        {shown.map((column, index) => (
          <span key={column.name} className="column-choice">
            <label className="check">
              <input type="checkbox" checked disabled={columns.length === 1} onChange={() => onToggle(column.name)} />
              {column.name}
            </label>
            <button
              type="button"
              className="button tiny"
              aria-label={`Move ${column.name} left`}
              disabled={index === 0}
              onClick={() => onMove(column.name, -1)}
            >
              ←
            </button>
            <button
              type="button"
              className="button tiny"
              aria-label={`Move ${column.name} right`}
              disabled={index === shown.length - 1}
              onClick={() => onMove(column.name, 1)}
            >
              →
            </button>
          </span>
        ))}
        {hidden.map((column) => (
          <label key={column.name} className="check">
            <input type="checkbox" checked={false} onChange={() => onToggle(column.name)} />
            {column.name}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
