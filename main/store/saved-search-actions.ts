import type { WritableDb } from './open-case.js';
import { appendAudit, type Actor } from './audit.js';
import { deleteSavedSearch, saveSearch, type StoredSearch } from './queries/saved-searches.js';
import { immediateTransaction } from './immediate-transaction.js';

/** Saves a search and audits it, all or nothing. */
export function saveSearchAudited(
  db: WritableDb,
  search: Omit<StoredSearch, 'id' | 'createdAt'>,
  actor: Actor,
): StoredSearch {
  return immediateTransaction(db, () => {
    const saved = saveSearch(db, search);
    appendAudit(db, actor, 'search.save', saved);
    return saved;
  });
}

/** Deletes a saved search and audits it; returns whether it existed. */
export function deleteSearchAudited(db: WritableDb, id: number, actor: Actor): boolean {
  return immediateTransaction(db, () => {
    const deleted = deleteSavedSearch(db, id);
    if (deleted) appendAudit(db, actor, 'search.delete', deleted);
    return deleted !== null;
  });
}
