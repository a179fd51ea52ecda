import type { WritableDb } from './open-case.js';

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction. A deferred transaction that reads first and then
 * writes cannot wait for a lock another connection holds (SQLite answers "database is locked" at
 * once); an immediate one takes the write lock up front, waiting up to the busy timeout.
 */
export function immediateTransaction<T>(db: WritableDb, work: () => T): T {
  return db.transaction(work).immediate();
}
