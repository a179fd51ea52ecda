import {
  columnOrderingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  tableFeatures,
  type ColumnOrderState,
  type ColumnSizingState,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import type { PivotHandler } from '../../components/PivotValue';
import type { ColumnSpec } from '../../lib/fields';
import type { ViewOrder } from '../../lib/page-cache';
import { COLUMN_WIDTH_LIMITS } from '../../lib/settings';
import type { TimeZoneMode } from '../../lib/time';
import { CellValues, MarksCell, TimeHeader, type MarkHandlers } from './columns';
import type { GridRow } from './grid-window';

/**
 * The timeline grid's column model, owned by a TanStack Table (v9) instance: the definitions (one
 * per catalogue column, plus the marks column), which are visible, their order and their widths.
 * Rows are not the table's business: the grid's own capped virtual window (scroll-map.ts) decides
 * which rows exist, and only those are handed to the table as its data.
 */

/** The table's features: exactly the column-model ones (no row processing). */
export const gridFeatures = tableFeatures({ columnVisibilityFeature, columnOrderingFeature, columnSizingFeature });
export type GridFeatures = typeof gridFeatures;

/** Id of the marks column (star, notes, tags): always first, always shown. */
export const MARKS_COLUMN = '__marks';
/** Width of the marks column (star, notes, tags), pixels. */
export const MARKS_WIDTH = 110;

const helper = createColumnHelper<GridFeatures, GridRow>();

/** What header and cell renderers need besides the row. */
export interface GridView {
  zone: TimeZoneMode;
  order: ViewOrder;
  onToggleOrder: () => void;
  onPivot: PivotHandler;
  marks: MarkHandlers;
}

/** The column definitions: marks, then every column the grid may show, by query name. */
export function gridColumnDefs(definitions: readonly ColumnSpec[], view: GridView) {
  const context = { zone: view.zone, onPivot: view.onPivot };
  return helper.columns([
    helper.display({
      id: MARKS_COLUMN,
      size: MARKS_WIDTH,
      minSize: MARKS_WIDTH,
      maxSize: MARKS_WIDTH,
      enableHiding: false,
      header: () => (
        <>
          <span className="visually-hidden">marks</span>
          <span aria-hidden="true">★</span>
        </>
      ),
      cell: ({ row }) => <MarksCell event={row.original.event} handlers={view.marks} />,
    }),
    ...definitions.map((spec) =>
      helper.display({
        id: spec.name,
        size: spec.width,
        minSize: COLUMN_WIDTH_LIMITS.min,
        maxSize: COLUMN_WIDTH_LIMITS.max,
        header: () =>
          spec.name === 'time' ? (
            <TimeHeader zone={view.zone} order={view.order} onToggleOrder={view.onToggleOrder} />
          ) : (
            spec.label
          ),
        cell: ({ row, column }) => (
          // The cell sees the width the table holds (ARNs are shortened to fit it).
          <CellValues event={row.original.event} column={{ ...spec, width: column.getSize() }} context={context} />
        ),
      }),
    ),
  ]);
}

/** The table's column state for the columns shown (in order) out of all definitions. */
export interface GridColumnState {
  columnVisibility: ColumnVisibilityState;
  columnOrder: ColumnOrderState;
  columnSizing: ColumnSizingState;
}

/** Visibility, order and sizing for `shown` (the visible columns, in order, with their widths). */
export function gridColumnState(definitions: readonly ColumnSpec[], shown: readonly ColumnSpec[]): GridColumnState {
  const visible = new Set(shown.map((column) => column.name));
  const columnVisibility: ColumnVisibilityState = {};
  for (const column of definitions) if (!visible.has(column.name)) columnVisibility[column.name] = false;
  const columnSizing: ColumnSizingState = { [MARKS_COLUMN]: MARKS_WIDTH };
  for (const column of shown) columnSizing[column.name] = column.width;
  const rest = definitions.map((column) => column.name).filter((name) => !visible.has(name));
  return { columnVisibility, columnOrder: [MARKS_COLUMN, ...shown.map((column) => column.name), ...rest], columnSizing };
}

/** The definitions the table needs: every one of `available`, plus any shown column missing from it. */
export function gridDefinitions(
  available: readonly ColumnSpec[] | undefined,
  shown: readonly ColumnSpec[],
): readonly ColumnSpec[] {
  if (available === undefined) return shown;
  const names = new Set(available.map((column) => column.name));
  const missing = shown.filter((column) => !names.has(column.name));
  return missing.length === 0 ? available : [...available, ...missing];
}

/** The widths that changed between two sizing states (what a resize reports to its owner). */
export function changedSizes(before: ColumnSizingState, after: ColumnSizingState): [string, number][] {
  return Object.entries(after).filter(([name, width]) => name !== MARKS_COLUMN && before[name] !== width);
}
