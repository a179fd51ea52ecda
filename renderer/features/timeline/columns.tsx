import type { MouseEvent } from 'react';
import type { EventRecord } from '../../../preload/contract/event-record';
import type { PivotHandler } from '../../components/PivotValue';
import { shortenArn } from '../../lib/arn';
import { fieldValues, type ColumnSpec } from '../../lib/fields';
import type { ViewOrder } from '../../lib/page-cache';
import { formatTime, zoneLabel, type TimeZoneMode } from '../../lib/time';

/** What the cells need besides the row. */
export interface CellContext {
  zone: TimeZoneMode;
  onPivot: PivotHandler;
}

/** Longest cell text before it is cut (the tooltip keeps the whole value). */
const CELL_CHARS = 60;

/** The text a cell shows for one value: times in the chosen zone, ARNs cut in the middle. */
export function cellLabel(column: ColumnSpec, value: string, zone: TimeZoneMode): string {
  if (column.type === 'time') {
    const ms = Number(value);
    return Number.isFinite(ms) ? formatTime(ms, zone) : value;
  }
  if (/arn$/i.test(column.name) || column.name === 'actor' || value.startsWith('arn:')) {
    return shortenArn(value, Math.max(24, Math.floor(column.width / 7.5)));
  }
  return value.length > CELL_CHARS * 4 ? `${value.slice(0, CELL_CHARS * 4)}…` : value;
}

/** The time column's header: the zone, and the button that flips the order. */
export function TimeHeader({
  zone,
  order,
  onToggleOrder,
}: {
  zone: TimeZoneMode;
  order: ViewOrder;
  onToggleOrder: () => void;
}) {
  const newestFirst = order === 'desc';
  return (
    <button
      type="button"
      className="sort-button"
      onClick={onToggleOrder}
      aria-label={`time (${zoneLabel(zone)}), ${newestFirst ? 'newest first' : 'oldest first'}: change order`}
    >
      time <span className="muted">({zoneLabel(zone)})</span> <span aria-hidden="true">{newestFirst ? '▼' : '▲'}</span>
    </button>
  );
}

/**
 * One cell's values as text. A plain click goes to the row (it opens the event); filtering is
 * explicit: the ＋/− buttons that show on hover or focus, or Alt-click (include) and Alt+Shift-click
 * (exclude) on a value. Evidence text is only ever a text child or an attribute value.
 */
export function CellValues({
  event,
  column,
  context,
}: {
  event: EventRecord | null;
  column: ColumnSpec;
  context: CellContext;
}) {
  if (event === null) return <span className="placeholder">…</span>;
  const values = fieldValues(event, column.name);
  if (values.length === 0) return <span className="null">—</span>;
  return (
    <>
      {values.map((value, index) => (
        <CellValue key={index} column={column} value={value} context={context} />
      ))}
    </>
  );
}

function CellValue({ column, value, context }: { column: ColumnSpec; value: string; context: CellContext }) {
  const label = cellLabel(column, value, context.zone);
  const onClick = (event: MouseEvent) => {
    if (!event.altKey) return; // a plain click opens the row
    event.stopPropagation();
    context.onPivot(column.name, value, event.shiftKey);
  };
  const filter = (exclude: boolean) => (event: MouseEvent) => {
    event.stopPropagation();
    context.onPivot(column.name, value, exclude);
  };
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return (
    <span className={`cell-value${column.name === 'errorCode' ? ' error-value' : ''}`}>
      <span className="cell-text" title={`${shown} (Alt-click: filter, Alt+Shift-click: exclude)`} onClick={onClick}>
        {label}
      </span>
      <span className="cell-filter">
        <button
          type="button"
          tabIndex={-1}
          className="filter-in"
          aria-label={`Include ${column.name} = ${shown}`}
          onClick={filter(false)}
        >
          ＋
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="filter-out"
          aria-label={`Exclude ${column.name} = ${shown}`}
          onClick={filter(true)}
        >
          −
        </button>
      </span>
    </span>
  );
}

export interface MarkHandlers {
  onStar: (event: EventRecord) => void;
  onTagFilter: (tag: string) => void;
}

/** The marks cell: star toggle, tag chips (each a one-click filter), and the note count. */
export function MarksCell({ event, handlers }: { event: EventRecord | null; handlers: MarkHandlers }) {
  if (event === null) return null;
  return (
    <span className="marks">
      <button
        type="button"
        tabIndex={-1}
        className={`mark-star${event.starred ? ' on' : ''}`}
        aria-label={event.starred ? 'Starred (unstar)' : 'Star'}
        aria-pressed={event.starred}
        onClick={(click) => {
          click.stopPropagation();
          handlers.onStar(event);
        }}
      >
        {event.starred ? '★' : '☆'}
      </button>
      {event.notes > 0 && (
        <span
          className="mark-note"
          title={`${event.notes} note${event.notes === 1 ? '' : 's'}`}
          aria-label={`${event.notes} notes`}
        >
          ✎{event.notes}
        </span>
      )}
      {event.tags.map((tag) => (
        <button
          key={tag}
          type="button"
          tabIndex={-1}
          className="tag-chip"
          title={`Show only tag:${tag}`}
          onClick={(click) => {
            click.stopPropagation();
            handlers.onTagFilter(tag);
          }}
        >
          {tag}
        </button>
      ))}
    </span>
  );
}
