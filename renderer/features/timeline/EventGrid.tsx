import {
  useTable,
  type Cell,
  type ColumnSizingState,
  type Header,
  type Row,
  type Updater,
} from '@tanstack/react-table';
import {
  memo,
  useEffect,
  useImperativeHandle,
  useMemo,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { EventRecord } from '../../../preload/contract/event-record';
import type { PivotHandler } from '../../components/PivotValue';
import type { ColumnSpec } from '../../lib/fields';
import { formatEventCount } from '../../lib/format';
import type { ViewOrder } from '../../lib/page-cache';
import { clampWidth } from '../../lib/settings';
import type { TimeZoneMode } from '../../lib/time';
import type { MarkHandlers } from './columns';
import type { EventLoader } from './event-loader';
import {
  changedSizes,
  gridColumnDefs,
  gridColumnState,
  gridDefinitions,
  gridFeatures,
  MARKS_COLUMN,
  type GridFeatures,
} from './grid-table';
import { visibleWindow, type GridRow } from './grid-window';
import {
  pageRows,
  revealRow,
  rowOffset,
  scrollFromTopRow,
  scrollGeometry,
  topRowFromScroll,
  visibleRows,
  wheelRows,
} from './scroll-map';

/** Fixed row height in pixels. */
export const ROW_HEIGHT = 22;
/** The sticky header row's height in pixels. */
export const HEADER_HEIGHT = 26;
export { MARKS_WIDTH } from './grid-table';
/** Rows fetched beyond the viewport in each direction, so short scrolls find rows ready. */
const PREFETCH = 100;
/** Rows are positioned relative to a base row, a multiple of this (see the strip below). */
const STRIP_ROWS = 1024;
/** Rows are drawn in whole chunks of this many (see `drawFirst`); it divides STRIP_ROWS. */
const DRAW_CHUNK = 32;

/** What the timeline can ask of the grid from outside (keys, go-to-time, context searches). */
export interface GridHandle {
  /** Selects row `index` (clamped) and scrolls it into view. */
  moveTo: (index: number, align?: 'nearest' | 'center') => void;
  /** Moves the selection by `delta` rows. */
  moveBy: (delta: number) => void;
  focus: () => void;
}

export interface EventGridProps {
  loader: EventLoader;
  /** Rows in the list: the count, or while it runs the rows known so far. */
  total: number;
  /** The columns shown, in order, with their widths. */
  columns: readonly ColumnSpec[];
  /** Every column the grid may show (the table's definitions); defaults to `columns`. */
  available?: readonly ColumnSpec[];
  zone: TimeZoneMode;
  order: ViewOrder;
  onToggleOrder: () => void;
  onPivot: PivotHandler;
  marks: MarkHandlers;
  selectedIndex: number | null;
  onSelect: (index: number, event: EventRecord | null) => void;
  /** Opens the detail pane for a row (click or Enter). */
  onOpen: (index: number, event: EventRecord) => void;
  /** A column was dragged to a new width. */
  onResize: (name: string, width: number) => void;
  /** A newer query is running: these rows are about to be replaced. */
  stale: boolean;
  /** The row the grid should show centred when it first shows this loader (context searches). */
  initialIndex?: number | null;
  /** Row to highlight as the anchor of a context search. */
  anchorId?: number | null;
  handleRef?: Ref<GridHandle>;
}

/**
 * The timeline: an ARIA grid over every matching event, of any length. Only the rows on screen
 * exist in the DOM and only their pages are in memory (EventLoader). The scroll area is capped
 * (scroll-map.ts): the grid keeps the top row as its state and draws rows relative to the
 * viewport, so the millionth row and the ten-millionth are reachable and never overlap.
 */
export function EventGrid(props: EventGridProps) {
  const { loader, total, columns, zone, order, onToggleOrder, onPivot, marks, selectedIndex, onSelect, onOpen } = props;
  const version = useSyncExternalStore(loader.subscribe, loader.getVersion);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(600 - HEADER_HEIGHT);
  const [top, setTop] = useState(() =>
    props.initialIndex == null
      ? 0
      : revealRow(scrollGeometry(total, ROW_HEIGHT, 600 - HEADER_HEIGHT), 0, props.initialIndex, 'center'),
  );
  // The scroll offset we last set ourselves, so its scroll event is not read back as the user's.
  const ownScroll = useRef<number | null>(null);
  const geometry = scrollGeometry(total, ROW_HEIGHT, viewport);
  const topRow = Math.min(top, geometry.maxTop);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setViewport(Math.max(ROW_HEIGHT, element.clientHeight - HEADER_HEIGHT));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new result set starts at the top, or centred on the row it was opened for (set while
  // rendering, React's pattern for state that follows a prop; the total grows as the count arrives
  // and must not move the view).
  const initialIndex = props.initialIndex ?? null;
  const [positionedFor, setPositionedFor] = useState({ loader, initialIndex });
  if (positionedFor.loader !== loader || positionedFor.initialIndex !== initialIndex) {
    setPositionedFor({ loader, initialIndex });
    const start = scrollGeometry(loader.getTotal() ?? total, ROW_HEIGHT, viewport);
    setTop(initialIndex === null ? 0 : revealRow(start, 0, initialIndex, 'center'));
  }

  // The scroll offset follows the top row.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const wanted = scrollFromTopRow(geometry, topRow);
    if ((window as unknown as { __skip?: boolean }).__skip) return;
    if (Math.abs(element.scrollTop - wanted) >= 1) {
      ownScroll.current = wanted;
      element.scrollTop = wanted;
    }
  });

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const offset = element.scrollTop;
    if (ownScroll.current !== null && Math.abs(offset - ownScroll.current) < 1) return;
    ownScroll.current = null;
    // Unscaled, an offset is exactly a row position; scaled, it maps onto the rows (scrollbar drag).
    setTop(topRowFromScroll(geometry, offset));
  };

  // When one pixel stands for many rows, the wheel moves by rows, not by pixels.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || !geometry.scaled) return;
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0 || event.ctrlKey) return;
      event.preventDefault();
      setTop((current) =>
        Math.min(Math.max(current + wheelRows(event.deltaY, event.deltaMode, geometry), 0), geometry.maxTop),
      );
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [geometry]);

  const { first, end } = visibleRows(geometry, topRow);
  useEffect(() => {
    loader.setWanted(first, end, PREFETCH);
  }, [loader, first, end]);

  // The rows drawn: the visible ones rounded out to whole chunks, so most scroll steps only move
  // the strip (no row enters or leaves) and the others add or drop a chunk.
  const drawFirst = Math.floor(first / DRAW_CHUNK) * DRAW_CHUNK;
  const drawEnd = Math.max(end, Math.min(total, Math.ceil(end / DRAW_CHUNK) * DRAW_CHUNK));
  const rows = useMemo(() => {
    const indexes = Array.from({ length: Math.max(0, drawEnd - drawFirst) }, (_, offset) => ({
      index: drawFirst + offset,
    }));
    return visibleWindow(loader, version, indexes);
  }, [loader, version, drawFirst, drawEnd]);

  // The column model: a TanStack Table over the rows on screen (the table owns the columns; which
  // rows exist is the virtual window's decision above).
  const { onResize, available } = props;
  const definitions = useMemo(() => gridDefinitions(available, columns), [available, columns]);
  const columnDefs = useMemo(
    () => gridColumnDefs(definitions, { zone, order, onToggleOrder, onPivot, marks }),
    [definitions, zone, order, onToggleOrder, onPivot, marks],
  );
  const columnState = useMemo(() => gridColumnState(definitions, columns), [definitions, columns]);
  const table = useTable({
    features: gridFeatures,
    columns: columnDefs,
    data: rows,
    getRowId: (row: GridRow) => String(row.index),
    state: columnState,
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) => {
      const next = typeof updater === 'function' ? updater(columnState.columnSizing) : updater;
      for (const [name, width] of changedSizes(columnState.columnSizing, next)) onResize(name, clampWidth(width));
    },
  });
  const leafColumns = table.getVisibleLeafColumns();
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const specs = useMemo(() => new Map(definitions.map((column) => [column.name, column])), [definitions]);

  const moveTo = (index: number, align: 'nearest' | 'center' = 'nearest') => {
    const target = Math.min(Math.max(Math.round(index), 0), total - 1);
    if (target < 0) return;
    onSelect(target, loader.getRow(target)?.event ?? null);
    setTop((current) => revealRow(geometry, Math.min(current, geometry.maxTop), target, align));
  };
  const moveBy = (delta: number) =>
    moveTo((selectedIndex ?? (delta > 0 ? Math.floor(topRow) - 1 : Math.ceil(topRow))) + delta);
  useImperativeHandle(props.handleRef, () => ({ moveTo, moveBy, focus: () => scrollRef.current?.focus() }));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = pageRows(geometry);
    switch (event.key) {
      case 'ArrowDown':
        moveBy(1);
        break;
      case 'ArrowUp':
        moveBy(-1);
        break;
      case 'PageDown':
        moveBy(page);
        break;
      case 'PageUp':
        moveBy(-page);
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

  // Rows are placed from a base row that moves in steps of STRIP_ROWS, in a strip translated as one:
  // a scroll of a few rows moves the strip (its own layer), mounts the rows that enter and leaves
  // every other row as it was — no re-render, no style change, no repaint.
  const base = Math.floor(drawFirst / STRIP_ROWS) * STRIP_ROWS;
  const stripOffset = rowOffset(geometry, topRow, base);
  // Tall enough for every row it can hold, whatever the scroll: its bounds never change, so the
  // layer is never repainted whole (rows entering are painted alone).
  const stripHeight = (STRIP_ROWS + Math.ceil(viewport / ROW_HEIGHT) + 2 * DRAW_CHUNK) * ROW_HEIGHT;
  const template = leafColumns.map((column) => `${column.getSize()}px`).join(' ');
  const contentWidth = table.getTotalSize();
  const loadError = loader.getError();
  const activeRow =
    selectedIndex !== null && selectedIndex >= drawFirst && selectedIndex < drawEnd
      ? `event-row-${selectedIndex}`
      : undefined;
  const anchorId = props.anchorId ?? null;

  return (
    <div className={`grid-frame${props.stale ? ' stale' : ''}`}>
      <div
        ref={scrollRef}
        role="grid"
        aria-label="Events"
        aria-rowcount={total}
        aria-colcount={leafColumns.length}
        aria-activedescendant={activeRow}
        aria-busy={props.stale || (loadError === null && rows.some((row) => row.event === null))}
        tabIndex={0}
        className="grid"
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        <div role="rowgroup" className="grid-head" style={{ width: contentWidth, height: HEADER_HEIGHT }}>
          <div role="row" className="grid-row grid-header-row" style={{ gridTemplateColumns: template }}>
            {headers.map((header, index) => {
              const spec = specs.get(header.column.id);
              const isTime = header.column.id === 'time';
              return (
                <div
                  role="columnheader"
                  key={header.id}
                  aria-colindex={index + 1}
                  aria-sort={isTime ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                  className={`grid-cell grid-header-cell${spec?.mono ? ' mono' : ''}`}
                >
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  {header.column.id !== MARKS_COLUMN && <ResizeHandle header={header} />}
                </div>
              );
            })}
          </div>
        </div>
        <div
          role="rowgroup"
          className="grid-viewport"
          style={{ width: contentWidth, height: viewport, top: HEADER_HEIGHT }}
        >
          <div
            role="presentation"
            className="grid-strip"
            style={{ transform: `translateY(${stripOffset}px)`, height: stripHeight }}
          >
            {table.getRowModel().rows.map((row) => {
              const { index, event } = row.original;
              return (
                <GridRowView
                  key={index}
                  row={row}
                  index={index}
                  event={event}
                  top={(index - base) * ROW_HEIGHT}
                  template={template}
                  selected={index === selectedIndex}
                  anchor={event !== null && event.id === anchorId}
                  cells={columnDefs}
                  specs={specs}
                  FlexRender={table.FlexRender}
                  onSelect={onSelect}
                  onOpen={onOpen}
                />
              );
            })}
          </div>
        </div>
        <div
          className="grid-spacer"
          aria-hidden="true"
          style={{ height: Math.max(0, geometry.height - viewport), width: contentWidth }}
        />
        {total === 0 && !props.stale && <p className="grid-empty">No events match this search.</p>}
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

interface GridRowViewProps {
  /** The table's row: its cells. A new object every render, so not compared (see below). */
  row: Row<GridFeatures, GridRow>;
  index: number;
  event: EventRecord | null;
  /** Pixels from the top of the strip. */
  top: number;
  template: string;
  selected: boolean;
  anchor: boolean;
  /** The column definitions: a new value when columns, time zone, order or handlers change. */
  cells: unknown;
  specs: ReadonlyMap<string, ColumnSpec>;
  FlexRender: (props: { cell: Cell<GridFeatures, GridRow, unknown> }) => ReactNode;
  onSelect: (index: number, event: EventRecord | null) => void;
  onOpen: (index: number, event: EventRecord) => void;
}

/**
 * One row of the grid. It renders again only when what it shows changes (its event — a star or a
 * tag makes a new one —, place, columns, selection): scrolling leaves the rows already on screen
 * alone.
 */
const GridRowView = memo(
  function GridRowView({
    row,
    index,
    event,
    top,
    template,
    selected,
    anchor,
    specs,
    FlexRender,
    onSelect,
    onOpen,
  }: GridRowViewProps) {
    const failed = event !== null && (event.outcome === 'failure' || Boolean(event.fields.errorCode));
    const classes = ['grid-row'];
    if (selected) classes.push('selected');
    if (failed) classes.push('has-error');
    if (index % 2) classes.push('odd');
    if (anchor) classes.push('anchor');
    return (
      <div
        role="row"
        id={`event-row-${index}`}
        aria-rowindex={index + 1}
        aria-selected={selected}
        className={classes.join(' ')}
        style={{ gridTemplateColumns: template, top, height: ROW_HEIGHT }}
        onClick={() => {
          onSelect(index, event);
          if (event) onOpen(index, event);
        }}
      >
        {row.getVisibleCells().map((cell, columnIndex) => {
          const id = cell.column.id;
          const className =
            id === MARKS_COLUMN ? 'grid-cell marks-cell' : `grid-cell${specs.get(id)?.mono ? ' mono' : ''}`;
          return (
            <div role="gridcell" key={id} aria-colindex={columnIndex + 1} className={className}>
              <FlexRender cell={cell} />
            </div>
          );
        })}
      </div>
    );
  },
  (previous, next) =>
    previous.index === next.index &&
    previous.event === next.event &&
    previous.top === next.top &&
    previous.template === next.template &&
    previous.selected === next.selected &&
    previous.anchor === next.anchor &&
    previous.cells === next.cells &&
    previous.specs === next.specs &&
    previous.onSelect === next.onSelect &&
    previous.onOpen === next.onOpen,
);

/** Drag the header's right edge to resize the column: the table's sizing state changes, and its owner keeps it. */
function ResizeHandle({ header }: { header: Header<GridFeatures, GridRow, unknown> }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    start.current = { x: event.clientX, width: header.column.getSize() };
  };
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    if (!start.current) return;
    const width = clampWidth(start.current.width + event.clientX - start.current.x);
    header.getContext().table.setColumnSizing((sizing) => ({ ...sizing, [header.column.id]: width }));
  };
  const onPointerUp = () => {
    start.current = null;
  };
  return (
    <span
      className="col-resize"
      aria-hidden="true"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    />
  );
}
