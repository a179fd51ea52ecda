import type { ReadonlyDb, WritableDb } from '../open-case.js';

/** One analyst comment on a timeline row. */
export interface StoredNote {
  id: number;
  author: string;
  /** ms UTC. */
  at: number;
  text: string;
}

/** A row's star, tags and notes (empty when never annotated). */
export interface StoredAnnotation {
  id: number;
  starred: boolean;
  tags: string[];
  notes: StoredNote[];
}

export function getAnnotation(db: ReadonlyDb, id: number): StoredAnnotation {
  const mark = db.prepare(`SELECT starred FROM marks WHERE event_id = ?`).get(id) as { starred: number } | undefined;
  const tags = (db.prepare(`SELECT tag FROM timeline_tags WHERE event_id = ? ORDER BY tag`).all(id) as { tag: string }[]).map(
    (row) => row.tag,
  );
  const notes = db.prepare(`SELECT id, author, at, text FROM notes WHERE event_id = ? ORDER BY at, id`).all(id) as StoredNote[];
  return { id, starred: mark?.starred === 1, tags, notes };
}

export interface AnnotationChange {
  starred?: boolean | undefined;
  addTags?: readonly string[] | undefined;
  removeTags?: readonly string[] | undefined;
  /** A new note's text. */
  addNote?: string | undefined;
  /** A note to delete (it must belong to the row). */
  deleteNote?: number | undefined;
}

/** Whether the timeline has a row with this id. */
export function timelineRowExists(db: ReadonlyDb, id: number): boolean {
  return db.prepare(`SELECT 1 FROM timeline WHERE id = ?`).get(id) !== undefined;
}

/** Applies a change to one row's annotation. Call inside a transaction (with its audit entry). */
export function changeAnnotation(db: WritableDb, id: number, change: AnnotationChange, author: string): StoredAnnotation {
  const now = Date.now();
  if (change.starred !== undefined) {
    db.prepare(
      `INSERT INTO marks(event_id, starred, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(event_id) DO UPDATE SET starred = excluded.starred, updated_at = excluded.updated_at`,
    ).run(id, change.starred ? 1 : 0, now);
  }
  const addTag = db.prepare(`INSERT OR IGNORE INTO timeline_tags(event_id, tag) VALUES (?, ?)`);
  const removeTag = db.prepare(`DELETE FROM timeline_tags WHERE event_id = ? AND tag = ?`);
  for (const tag of change.addTags ?? []) addTag.run(id, tag.trim());
  for (const tag of change.removeTags ?? []) removeTag.run(id, tag.trim());
  if (change.addNote !== undefined && change.addNote.trim() !== '') {
    db.prepare(`INSERT INTO notes(event_id, author, at, text) VALUES (?, ?, ?, ?)`).run(id, author, now, change.addNote);
  }
  if (change.deleteNote !== undefined) {
    db.prepare(`DELETE FROM notes WHERE id = ? AND event_id = ?`).run(change.deleteNote, id);
  }
  return getAnnotation(db, id);
}

/** Every tag in use with how many rows carry it, most used first. */
export function listTags(db: ReadonlyDb): { tag: string; count: number }[] {
  return db
    .prepare(`SELECT tag, count(*) AS count FROM timeline_tags GROUP BY tag COLLATE NOCASE ORDER BY count DESC, tag`)
    .all() as { tag: string; count: number }[];
}

/**
 * Finds a row by its source's own id (CloudTrail eventID) or, failing that, by its case-local row
 * id. `nativeIdColumns`: the tables and columns that hold sources' own ids.
 */
export function resolveEventRef(
  db: ReadonlyDb,
  ref: string,
  nativeIdColumns: readonly { table: string; column: string }[],
): number | null {
  for (const { table, column } of nativeIdColumns) {
    const exists = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table);
    if (!exists) continue;
    const row = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ? ORDER BY id LIMIT 1`).get(ref) as { id: number } | undefined;
    if (row) return row.id;
  }
  if (/^\d+$/.test(ref) && timelineRowExists(db, Number(ref))) return Number(ref);
  return null;
}
