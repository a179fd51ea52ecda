import type { WritableDb } from './open-case.js';

/** case_meta key holding the SQL of indexes dropped for a bulk load, until they are rebuilt. */
const DEFERRED_KEY = 'deferred_indexes';

/**
 * Secondary indexes of the events table: everything but the unique dedupe key, which every insert
 * needs. Building them once, sorted, after a bulk load is several times cheaper than maintaining
 * them row by row.
 */
function secondaryIndexes(db: WritableDb): { name: string; sql: string }[] {
  return db
    .prepare(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL AND name <> 'events_by_dedupe_key'`,
    )
    .all() as { name: string; sql: string }[];
}

/**
 * Drops the events table's secondary indexes for a bulk load. Their SQL is kept in the case file
 * first, in the same transaction, so an interrupted import is repaired when the case is next opened.
 */
export function deferEventIndexes(db: WritableDb): void {
  db.transaction(() => {
    const indexes = secondaryIndexes(db);
    if (indexes.length === 0) return;
    db.prepare(`INSERT OR REPLACE INTO case_meta(key, value) VALUES (?, ?)`).run(DEFERRED_KEY, JSON.stringify(indexes));
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  })();
}

/** Rebuilds indexes dropped by `deferEventIndexes` (no-op when none are pending). */
export function restoreEventIndexes(db: WritableDb): void {
  const row = db.prepare(`SELECT value FROM case_meta WHERE key = ?`).get(DEFERRED_KEY) as { value: string } | undefined;
  if (!row) return;
  const indexes = JSON.parse(row.value) as { name: string; sql: string }[];
  db.transaction(() => {
    for (const index of indexes) db.exec(index.sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    db.prepare(`DELETE FROM case_meta WHERE key = ?`).run(DEFERRED_KEY);
  })();
}
