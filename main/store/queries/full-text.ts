import type { ReadonlyDb } from '../open-case.js';
import { statement } from '../statement-cache.js';

/** How many timeline rows a full-text query (FTS5 syntax) matches: milliseconds even for common words. */
export function countFullTextMatches(db: ReadonlyDb, ftsQuery: string): number {
  return (statement(db, `SELECT count(*) AS n FROM timeline_fts WHERE timeline_fts MATCH ?`).get(ftsQuery) as { n: number }).n;
}
