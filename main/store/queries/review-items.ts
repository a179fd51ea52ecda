import type { ReadonlyDb, WritableDb } from '../open-case.js';
import { statement } from '../statement-cache.js';

/** What a lessons-learned item is about. */
export const REVIEW_KINDS = ['went-well', 'went-badly', 'gap', 'action'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** Where an action item stands. */
export const REVIEW_STATUSES = ['open', 'in-progress', 'done'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** One review item as stored (times in ms UTC). */
export interface StoredReviewItem {
  id: number;
  kind: ReviewKind;
  text: string;
  owner: string | null;
  dueAt: number | null;
  status: ReviewStatus | null;
  /** The timeline row that motivated it. */
  eventId: number | null;
  author: string;
  createdAt: number;
  updatedAt: number;
}

export interface NewReviewItem {
  kind: ReviewKind;
  text: string;
  owner?: string | null | undefined;
  dueAt?: number | null | undefined;
  status?: ReviewStatus | null | undefined;
  eventId?: number | null | undefined;
}

/** Fields that may change; `null` clears, absent keeps. */
export interface ReviewItemChange {
  text?: string | undefined;
  owner?: string | null | undefined;
  dueAt?: number | null | undefined;
  status?: ReviewStatus | null | undefined;
  eventId?: number | null | undefined;
}

export function isReviewKind(value: string): value is ReviewKind {
  return (REVIEW_KINDS as readonly string[]).includes(value);
}

export function isReviewStatus(value: string): value is ReviewStatus {
  return (REVIEW_STATUSES as readonly string[]).includes(value);
}

const COLUMNS = `id, kind, text, owner, due_at AS dueAt, status, event_id AS eventId, author, created_at AS createdAt, updated_at AS updatedAt`;

/** Every item, by kind (in REVIEW_KINDS order) then id. */
export function listReviewItems(db: ReadonlyDb): StoredReviewItem[] {
  const rank = REVIEW_KINDS.map((kind, i) => `WHEN '${kind}' THEN ${i}`).join(' ');
  return statement(db, `SELECT ${COLUMNS} FROM review_items ORDER BY CASE kind ${rank} ELSE 99 END, id`).all() as StoredReviewItem[];
}

export function getReviewItem(db: ReadonlyDb, id: number): StoredReviewItem | null {
  return (statement(db, `SELECT ${COLUMNS} FROM review_items WHERE id = ?`).get(id) as StoredReviewItem | undefined) ?? null;
}

/** Inserts an item; returns its id. Call inside a transaction with its audit entry. */
export function insertReviewItem(db: WritableDb, item: NewReviewItem, author: string, now: number): number {
  const result = statement(
    db,
    `INSERT INTO review_items(kind, text, owner, due_at, status, event_id, author, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(item.kind, item.text, item.owner ?? null, item.dueAt ?? null, item.status ?? null, item.eventId ?? null, author, now, now);
  return Number(result.lastInsertRowid);
}

/** Applies a change to an existing item (the caller checked it exists). */
export function changeReviewItem(db: WritableDb, id: number, change: ReviewItemChange, now: number): void {
  const sets: string[] = [];
  const params: (string | number | null)[] = [];
  const set = (column: string, value: string | number | null | undefined) => {
    if (value === undefined) return;
    sets.push(`${column} = ?`);
    params.push(value);
  };
  set('text', change.text);
  set('owner', change.owner);
  set('due_at', change.dueAt);
  set('status', change.status);
  set('event_id', change.eventId);
  sets.push('updated_at = ?');
  params.push(now);
  db.prepare(`UPDATE review_items SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
}

export function removeReviewItem(db: WritableDb, id: number): void {
  statement(db, `DELETE FROM review_items WHERE id = ?`).run(id);
}
