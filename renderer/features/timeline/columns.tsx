import { createColumnHelper, tableFeatures, type ColumnDef } from '@tanstack/react-table';
import type { EventRecord } from '../../../preload/contract/event-record';
import { PivotValue, type PivotHandler } from '../../components/PivotValue';
import { fieldValues, type TimelineField } from '../../lib/fields';
import type { ViewOrder } from '../../lib/page-cache';
import { eventTimeMs, formatTime, zoneLabel, type TimeZoneMode } from '../../lib/time';

/** A grid row: its index in the filtered list and the event, or null while its page loads. */
export interface GridRow {
  index: number;
  event: EventRecord | null;
}

// The table only lays out the rows on screen; sorting and filtering happen in the case file.
export const gridFeatures = tableFeatures({});
const helper = createColumnHelper<typeof gridFeatures, GridRow>();

export interface ColumnContext {
  zone: TimeZoneMode;
  order: ViewOrder;
  onToggleOrder: () => void;
  onPivot: PivotHandler;
}

export function buildColumns(
  fields: readonly TimelineField[],
  context: ColumnContext,
): ColumnDef<typeof gridFeatures, GridRow>[] {
  return fields.map((field) =>
    helper.display({
      id: field,
      header: () => (field === 'time' ? <TimeHeader context={context} /> : field),
      cell: ({ row }) => <CellValues event={row.original.event} field={field} context={context} />,
    }),
  );
}

function TimeHeader({ context }: { context: ColumnContext }) {
  const newestFirst = context.order === 'desc';
  return (
    <button
      type="button"
      className="sort-button"
      onClick={context.onToggleOrder}
      aria-label={`time (${zoneLabel(context.zone)}), ${newestFirst ? 'newest first' : 'oldest first'}: change order`}
    >
      time <span className="muted">({zoneLabel(context.zone)})</span>{' '}
      <span aria-hidden="true">{newestFirst ? '▼' : '▲'}</span>
    </button>
  );
}

function CellValues({
  event,
  field,
  context,
}: {
  event: EventRecord | null;
  field: TimelineField;
  context: ColumnContext;
}) {
  if (event === null) return <span className="placeholder">…</span>;
  const values = fieldValues(event, field);
  if (values.length === 0) return <span className="null">—</span>;
  if (field === 'time') {
    return (
      <PivotValue
        field="time"
        value={event.time}
        label={formatTime(eventTimeMs(event.time), context.zone)}
        onPivot={context.onPivot}
        focusable={false}
      />
    );
  }
  return (
    <>
      {values.map((value, index) => (
        <PivotValue
          key={index}
          field={field}
          value={value}
          onPivot={context.onPivot}
          focusable={false}
          className={field === 'errorCode' ? 'error-value' : undefined}
        />
      ))}
    </>
  );
}
