import type { Annotation, TagCount } from '../../../preload/contract/api.js';
import type { ReadonlyDb, WritableDb } from '../open-case.js';

/** An event's star, tags and note (empty when never annotated). */
export function getAnnotation(db: ReadonlyDb, id: number): Annotation {
  const row = db.prepare(`SELECT starred, note FROM annotations WHERE event_id = ?`).get(id) as
    | { starred: number; note: string }
    | undefined;
  const tags = (db.prepare(`SELECT tag FROM event_tags WHERE event_id = ? ORDER BY tag`).all(id) as { tag: string }[]).map(
    (row) => row.tag,
  );
  return { id, starred: row?.starred === 1, note: row?.note ?? '', tags };
}

export interface AnnotationChange {
  starred?: boolean | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
  /** Replaces the note; '' clears it. */
  note?: string | undefined;
}

/** Applies a change to one event's annotation. Call inside a transaction (with its audit entry). */
export function changeAnnotation(db: WritableDb, id: number, change: AnnotationChange): Annotation {
  const current = getAnnotation(db, id);
  db.prepare(
    `INSERT INTO annotations(event_id, starred, note, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(event_id) DO UPDATE SET starred = excluded.starred, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(
    id,
    (change.starred ?? current.starred) ? 1 : 0,
    change.note ?? current.note,
    Date.now(),
  );
  const addTag = db.prepare(`INSERT OR IGNORE INTO event_tags(event_id, tag) VALUES (?, ?)`);
  const removeTag = db.prepare(`DELETE FROM event_tags WHERE event_id = ? AND tag = ?`);
  for (const tag of change.addTags ?? []) addTag.run(id, tag.trim());
  for (const tag of change.removeTags ?? []) removeTag.run(id, tag.trim());
  return getAnnotation(db, id);
}

/** Every tag in use with how many events carry it, most used first. */
export function listTags(db: ReadonlyDb): TagCount[] {
  return db
    .prepare(`SELECT tag, count(*) AS count FROM event_tags GROUP BY tag COLLATE NOCASE ORDER BY count DESC, tag`)
    .all() as TagCount[];
}

/** Finds an event by its source id (CloudTrail eventID) or, failing that, by its case-local row id. */
export function resolveEventRef(db: ReadonlyDb, ref: string): number | null {
  const bySourceId = db.prepare(`SELECT id FROM events WHERE event_id = ? ORDER BY id LIMIT 1`).get(ref) as
    | { id: number }
    | undefined;
  if (bySourceId) return bySourceId.id;
  if (/^\d+$/.test(ref)) {
    const byRowId = db.prepare(`SELECT id FROM events WHERE id = ?`).get(Number(ref)) as { id: number } | undefined;
    if (byRowId) return byRowId.id;
  }
  return null;
}
