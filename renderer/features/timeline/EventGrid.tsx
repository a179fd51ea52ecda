import { useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { EventRecord } from '../../../preload/contract/event-record';
import type { PivotHandler } from '../../components/PivotValue';
import { FIELD_LOOK, isTimelineField, type TimelineField } from '../../lib/fields';
import { formatEventCount } from '../../lib/format';
import type { ViewOrder } from '../../lib/page-cache';
import type { TimeZoneMode } from '../../lib/time';
import { buildColumns, gridFeatures } from './columns';
import type { EventLoader } from './event-loader';
import { visibleWindow } from './grid-window';

/** Fixed row height: dense, and 1M rows stay under the browser's maximum element height. */
export const ROW_HEIGHT = 22;
/** The sticky header row's height (the list starts below it in the scroll container). */
export const HEADER_HEIGHT = 26;
/** Rows fetched beyond the viewport in each direction, so short scrolls find rows ready. */
const PREFETCH = 100;

export interface EventGridProps {
  loader: EventLoader;
  total: number;
  fields: readonly TimelineField[];
  zone: TimeZoneMode;
  order: ViewOrder;
  onToggleOrder: () => void;
  onPivot: PivotHandler;
  selectedIndex: number | null;
  onSelect: (index: number, event: EventRecord | null) => void;
  /** Opens the detail pane for a row (click or Enter). */
  onOpen: (index: number, event: EventRecord) => void;
}

/**
 * The timeline: an ARIA grid over every matching event. Only the rows on screen exist in the DOM
 * (TanStack Virtual) and only their pages are in memory (EventLoader); the grid's row count is the
 * filter's total, so the scrollbar spans the whole list and rows not loaded yet show placeholders.
 */
export function EventGrid(props: EventGridProps) {
  const { loader, total, fields, zone, order, onToggleOrder, onPivot, selectedIndex, onSelect, onOpen } = props;
  const version = useSyncExternalStore(loader.subscribe, loader.getVersion);
  const scrollRef = useRef<HTMLDivElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    // Before the first layout measurement (and in tests), assume a typical viewport.
    initialRect: { width: 1200, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    loader.setWanted(first, last + 1, PREFETCH);
  }, [loader, first, last]);

  // A new filter starts at the top.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [loader, virtualizer]);

  const data = useMemo(() => visibleWindow(loader, version, items), [loader, version, items]);
  const columns = useMemo(
    () => buildColumns(fields, { zone, order, onToggleOrder, onPivot }),
    [fields, zone, order, onToggleOrder, onPivot],
  );
  const table = useTable({ features: gridFeatures, columns, data, getRowId: (row) => String(row.index) });

  const template = fields.map((field) => `${FIELD_LOOK[field].width}px`).join(' ');
  const contentWidth = fields.reduce((sum, field) => sum + FIELD_LOOK[field].width, 0);

  const moveTo = (index: number) => {
    const target = Math.min(Math.max(index, 0), total - 1);
    if (target < 0) return;
    onSelect(target, loader.getRow(target)?.event ?? null);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = selectedIndex ?? -1;
    const page = Math.max(1, items.length - 2);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current <= 0 ? 0 : current - 1);
        break;
      case 'PageDown':
        moveTo(current + page);
        break;
      case 'PageUp':
        moveTo(current - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'Enter': {
        const row = selectedIndex === null ? undefined : loader.getRow(selectedIndex);
        if (row && selectedIndex !== null) onOpen(selectedIndex, row.event);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const rowModel = table.getRowModel().rows;
  const starts = new Map(items.map((item) => [item.index, item.start - HEADER_HEIGHT]));
  const loadError = loader.getError();
  const activeRow = selectedIndex !== null && starts.has(selectedIndex) ? `event-row-${selectedIndex}` : undefined;

  return (
    <div className="grid-frame">
      <div
        ref={scrollRef}
        role="grid"
        aria-label="Events"
        aria-rowcount={total}
        aria-colcount={fields.length}
        aria-activedescendant={activeRow}
        aria-busy={loadError === null && rowModel.some((row) => row.original.event === null)}
        tabIndex={0}
        className="grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="grid-head" style={{ width: contentWidth, height: HEADER_HEIGHT }}>
          {table.getHeaderGroups().map((group) => (
            <div
              role="row"
              key={group.id}
              className="grid-row grid-header-row"
              style={{ gridTemplateColumns: template }}
            >
              {group.headers.map((header, column) => (
                <div
                  role="columnheader"
                  key={header.id}
                  aria-colindex={column + 1}
                  aria-sort={header.column.id === 'time' ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                  className={`grid-cell grid-header-cell${isTimelineField(header.column.id) && FIELD_LOOK[header.column.id].mono ? ' mono' : ''}`}
                >
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </div>
              ))}
            </div>
          ))}
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), width: contentWidth }}>
          {rowModel.map((row) => {
            const { index, event } = row.original;
            const selected = index === selectedIndex;
            return (
              <div
                role="row"
                key={row.id}
                id={`event-row-${index}`}
                aria-rowindex={index + 1}
                aria-selected={selected}
                className={`grid-row${selected ? ' selected' : ''}${event?.errorCode ? ' has-error' : ''}${index % 2 ? ' odd' : ''}`}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${starts.get(index) ?? 0}px)`,
                  height: ROW_HEIGHT,
                }}
                onClick={() => {
                  onSelect(index, event);
                  if (event) onOpen(index, event);
                }}
              >
                {row.getAllCells().map((cell, column) => (
                  <div
                    role="gridcell"
                    key={cell.id}
                    aria-colindex={column + 1}
                    className={`grid-cell${isTimelineField(cell.column.id) && FIELD_LOOK[cell.column.id].mono ? ' mono' : ''}`}
                  >
                    <table.FlexRender cell={cell} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {total === 0 && <p className="grid-empty">No events match this search.</p>}
      </div>
      {loadError !== null && (
        <div className="grid-error" role="alert">
          Could not load events: {loadError}{' '}
          <button type="button" className="button small" onClick={() => loader.retry()}>
            Retry
          </button>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite">
        {formatEventCount(total)}
      </p>
    </div>
  );
}
