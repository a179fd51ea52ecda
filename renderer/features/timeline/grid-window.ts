import type { GridRow } from './columns';

interface RowSource {
  getRow(index: number): { event: GridRow['event'] } | undefined;
}

/**
 * The table's data: just the rows the virtualizer shows, each with its event or null (a
 * placeholder). `version` is the loader's change counter: a new version means new rows, so the
 * caller's memo recomputes (it is otherwise unused).
 */
export function visibleWindow(source: RowSource, version: number, items: readonly { index: number }[]): GridRow[] {
  void version;
  return items.map(({ index }) => ({ index, event: source.getRow(index)?.event ?? null }));
}
