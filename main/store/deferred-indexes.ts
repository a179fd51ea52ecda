import type { SourceDescriptor } from '../core/source-descriptor.js';
import type { WritableDb } from './open-case.js';
import { deferrableIndexes, ensureSourceIndexes } from './source-tables.js';
import { isProcessAlive } from './process-alive.js';

/** case_meta key holding the indexes dropped for a bulk load, until they are rebuilt. */
const DEFERRED_KEY = 'deferred_indexes';

interface DeferredIndexes {
  /** The importing process: while it lives, nobody else rebuilds (it would take the write lock for minutes). */
  pid: number;
  indexes: { name: string; sql: string }[];
}

/**
 * Drops the timeline's and the source tables' secondary indexes for a bulk load: building them
 * once, sorted, after the load is several times cheaper than maintaining them row by row. Unique
 * indexes (dedupe) stay. Their SQL is kept in the case file first, in the same transaction, so an
 * interrupted import is repaired when the case is next opened.
 */
export function deferIndexes(db: WritableDb, descriptors: readonly SourceDescriptor[]): void {
  db.transaction(() => {
    const indexes = deferrableIndexes(db, descriptors);
    if (indexes.length === 0) return;
    const value: DeferredIndexes = { pid: process.pid, indexes };
    db.prepare(`INSERT OR REPLACE INTO case_meta(key, value) VALUES (?, ?)`).run(DEFERRED_KEY, JSON.stringify(value));
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  })();
}

/**
 * Rebuilds indexes dropped by `deferIndexes` and creates any the descriptors ask for. With
 * `onlyIfAbandoned`, leaves them to a live importing process (opening a case during an import must
 * never abort it); returns whether it rebuilt.
 */
export function restoreIndexes(
  db: WritableDb,
  descriptors: readonly SourceDescriptor[],
  options: { onlyIfAbandoned?: boolean } = {},
): boolean {
  const row = db.prepare(`SELECT value FROM case_meta WHERE key = ?`).get(DEFERRED_KEY) as { value: string } | undefined;
  if (row) {
    const deferred = parseDeferred(row.value);
    if (options.onlyIfAbandoned && deferred.pid !== process.pid && isProcessAlive(deferred.pid)) return false;
    db.transaction(() => {
      for (const index of deferred.indexes) db.exec(index.sql.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
      db.prepare(`DELETE FROM case_meta WHERE key = ?`).run(DEFERRED_KEY);
    })();
  }
  if (descriptors.length > 0) db.transaction(() => ensureSourceIndexes(db, descriptors))();
  return true;
}

/** Whether a bulk load has indexes dropped right now. */
export function hasDeferredIndexes(db: WritableDb): boolean {
  return db.prepare(`SELECT 1 FROM case_meta WHERE key = ?`).get(DEFERRED_KEY) !== undefined;
}

function parseDeferred(text: string): DeferredIndexes {
  const value = JSON.parse(text) as DeferredIndexes | { name: string; sql: string }[];
  // Cases written before v3 kept a bare list (no owner).
  return Array.isArray(value) ? { pid: 0, indexes: value } : value;
}

