import type { WritableDb } from './open-case.js';
import { appendAudit, type Actor } from './audit.js';
import { immediateTransaction } from './immediate-transaction.js';
import { getReportSection, putReportSection, type ReportSectionName, type StoredReportSection } from './queries/report-sections.js';
import {
  changeReviewItem,
  getReviewItem,
  insertReviewItem,
  removeReviewItem,
  type NewReviewItem,
  type ReviewItemChange,
  type StoredReviewItem,
} from './queries/review-items.js';
import { timelineRowExists } from './queries/annotations.js';
import { RowNotFoundError } from './annotate.js';

/**
 * The report's and the review's audited writes (the CLI and the API both call these): each change
 * and its audit entry in one immediate transaction, all or nothing.
 */

export class ReviewItemNotFoundError extends Error {
  override name = 'ReviewItemNotFoundError';
}

/** Writes a report section (empty text clears it). */
export function setReportSection(db: WritableDb, section: ReportSectionName, text: string, actor: Actor): StoredReportSection | null {
  return immediateTransaction(db, () => {
    const before = getReportSection(db, section);
    putReportSection(db, section, text, actor, Date.now());
    const after = getReportSection(db, section);
    appendAudit(db, actor, 'report.section.set', { section, before: before?.text ?? null, after: after?.text ?? null });
    return after;
  });
}

function checkEvent(db: WritableDb, eventId: number | null | undefined): void {
  if (eventId !== null && eventId !== undefined && !timelineRowExists(db, eventId)) throw new RowNotFoundError(`no event with id ${eventId}`);
}

export function addReviewItem(db: WritableDb, item: NewReviewItem, actor: Actor): StoredReviewItem {
  return immediateTransaction(db, () => {
    checkEvent(db, item.eventId);
    const id = insertReviewItem(db, item, actor, Date.now());
    const after = getReviewItem(db, id) as StoredReviewItem;
    appendAudit(db, actor, 'review.item.add', { id, after });
    return after;
  });
}

export function updateReviewItem(db: WritableDb, id: number, change: ReviewItemChange, actor: Actor): StoredReviewItem {
  return immediateTransaction(db, () => {
    const before = getReviewItem(db, id);
    if (!before) throw new ReviewItemNotFoundError(`no review item ${id}`);
    checkEvent(db, change.eventId);
    changeReviewItem(db, id, change, Date.now());
    const after = getReviewItem(db, id) as StoredReviewItem;
    appendAudit(db, actor, 'review.item.update', { id, before, after });
    return after;
  });
}

export function deleteReviewItem(db: WritableDb, id: number, actor: Actor): void {
  immediateTransaction(db, () => {
    const before = getReviewItem(db, id);
    if (!before) throw new ReviewItemNotFoundError(`no review item ${id}`);
    removeReviewItem(db, id);
    appendAudit(db, actor, 'review.item.delete', { id, before });
  });
}
