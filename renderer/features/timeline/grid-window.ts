import type { EventRecord } from '../../../preload/contract/event-record';

/** A grid row: its index in the filtered list and the event, or null while its page loads. */
export interface GridRow {
  index: number;
  event: EventRecord | null;
}

interface RowSource {
  getRow(index: number): { event: EventRecord } | undefined;
}

/**
 * The rows on screen, each with its event or null (a placeholder). `version` is the loader's
 * change counter: a new version means new rows, so a caller's memo recomputes (it is otherwise
 * unused).
 */
export function visibleWindow(source: RowSource, version: number, items: readonly { index: number }[]): GridRow[] {
  void version;
  return items.map(({ index }) => ({ index, event: source.getRow(index)?.event ?? null }));
}
