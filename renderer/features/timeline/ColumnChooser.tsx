import { TIMELINE_FIELDS, type TimelineField } from '../../lib/fields';

interface ColumnChooserProps {
  columns: readonly TimelineField[];
  onToggle: (field: TimelineField) => void;
}

/** Which normalized fields are columns (remembered in localStorage by the caller). */
export function ColumnChooser({ columns, onToggle }: ColumnChooserProps) {
  const chosen = new Set(columns);
  return (
    <details className="menu">
      <summary className="button small">Columns</summary>
      <fieldset className="menu-panel column-list">
        <legend>Columns</legend>
        {TIMELINE_FIELDS.map((field) => (
          <label key={field} className="check">
            <input
              type="checkbox"
              checked={chosen.has(field)}
              disabled={chosen.has(field) && chosen.size === 1}
              onChange={() => onToggle(field)}
            />
            {field}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
