import type { WritableDb } from './open-case.js';
import { appendAudit, type Actor } from './audit.js';
import { changeAnnotation, getAnnotation, timelineRowExists, type AnnotationChange, type StoredAnnotation } from './queries/annotations.js';
import { immediateTransaction } from './immediate-transaction.js';

export class RowNotFoundError extends Error {
  override name = 'RowNotFoundError';
}

/**
 * The one annotate transaction (the CLI and the API both call it): the change and its audit entry,
 * all or nothing. Immediate, so that while an import holds the write lock it waits its turn instead
 * of failing at once.
 */
export function annotateRow(db: WritableDb, id: number, change: AnnotationChange, actor: Actor): StoredAnnotation {
  return immediateTransaction(db, () => {
    if (!timelineRowExists(db, id)) throw new RowNotFoundError(`no event with id ${id}`);
    const before = getAnnotation(db, id);
    const after = changeAnnotation(db, id, change, actor);
    appendAudit(db, actor, 'annotation.set', { id, before, after });
    return after;
  });
}
