import type { ReadonlyDb } from '../../main/store/open-case.js';
import { countTimeline, queryTimeline, type StoredTimelineRow } from '../../main/store/queries/timeline.js';
import { filterFor } from '../../main/services/read-queries.js';
import { SOURCES } from '../../main/ingest/sources/index.js';

/** How many timeline rows a search matches, as the app and the CLI count them. */
export function countMatches(db: ReadonlyDb, query = '', range: { from?: number; to?: number } = {}): number {
  return countTimeline(db, filterFor(db, { query, ...range }));
}

/** The first rows a search matches in time order (with raw records). */
export function firstMatches(db: ReadonlyDb, query: string, limit = 1, order: 'asc' | 'desc' = 'asc'): StoredTimelineRow[] {
  return queryTimeline(db, SOURCES, { filter: filterFor(db, { query }), order, limit, withRaw: true });
}
