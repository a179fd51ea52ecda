import type { Statement } from 'better-sqlite3';
import type { NormalizedEvent } from '../../core/event.js';
import { dedupeKey } from '../../core/dedupe.js';
import type { ReadonlyDb, WritableDb } from '../open-case.js';
import { statement } from '../statement-cache.js';

/**
 * The text full-text search sees for an event: the fields investigators search by words, derived
 * from the stored columns (so the index can be built in bulk). Raw records are not indexed whole:
 * their JSON keys would drown the words that matter.
 */
const FULL_TEXT_DOCUMENT_SQL = `concat_ws(' ', event_name, event_source, principal_arn, user_name, access_key_id,
  source_ip, user_agent, error_code, error_message, region, account_id, resources, request_parameters,
  response_elements)`;

/**
 * Adds the full-text documents of every event with an id above `afterId` (the events written since
 * the last call); returns the highest id indexed. Run once per transaction, just before COMMIT and
 * outside any savepoint: FTS5 flushes its pending data at every savepoint, which made per-file
 * inserts expensive.
 */
export function indexFullTextSince(db: WritableDb, afterId: number): number {
  statement(
    db,
    `INSERT INTO events_fts(rowid, doc) SELECT id, ${FULL_TEXT_DOCUMENT_SQL} FROM events WHERE id > ? ORDER BY id`,
  ).run(afterId);
  return lastEventId(db);
}

/** The highest event row id (0 for an empty case). */
export function lastEventId(db: ReadonlyDb): number {
  return (statement(db, `SELECT coalesce(max(id), 0) AS id FROM events`).get() as { id: number }).id;
}

/**
 * Inserts events, skipping ones the case already holds. Call inside a transaction; the full-text
 * index follows with `indexFullTextSince` before it commits.
 */
export class EventWriter {
  private readonly insertEvent: Statement;
  private readonly insertRaw: Statement;
  private readonly addMinutes: Statement;
  /** Per-minute counts of what was written since the last flush. */
  private pendingMinutes = new Map<number, number>();

  constructor(db: WritableDb) {
    this.insertEvent = db.prepare(
      `INSERT OR IGNORE INTO events(time, source, event_name, event_source, region, account_id, principal_arn,
         principal_type, user_name, access_key_id, session_issuer_arn, source_ip, user_agent, error_code,
         error_message, read_only, resources, request_parameters, response_elements, event_id, event_type,
         file_id, locator, dedupe_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertRaw = db.prepare(`INSERT INTO event_raw(id, raw) VALUES (?, ?)`);
    this.addMinutes = db.prepare(
      `INSERT INTO event_minutes(minute, count) VALUES (?, ?)
       ON CONFLICT(minute) DO UPDATE SET count = count + excluded.count`,
    );
  }

  /** Writes the per-minute rollup for what was written; call before committing. */
  flush(): void {
    for (const [minute, count] of this.pendingMinutes) this.addMinutes.run(minute, count);
    this.pendingMinutes.clear();
  }

  /** Forgets unflushed rollup counts (the transaction was rolled back). */
  discard(): void {
    this.pendingMinutes.clear();
  }

  /** Returns true when stored, false when the case already had it (a duplicate). */
  write(event: NormalizedEvent, fileId: number, locator: string): boolean {
    const result = this.insertEvent.run(
      event.time,
      event.source,
      event.eventName,
      event.eventSource,
      event.region,
      event.accountId,
      event.principalArn,
      event.principalType,
      event.userName,
      event.accessKeyId,
      event.sessionIssuerArn,
      event.sourceIp,
      event.userAgent,
      event.errorCode,
      event.errorMessage,
      event.readOnly === null ? null : event.readOnly ? 1 : 0,
      event.resources.length > 0 ? JSON.stringify(event.resources) : null,
      event.requestParameters,
      event.responseElements,
      event.eventId,
      event.eventType,
      fileId,
      locator,
      dedupeKey(event),
    );
    if (result.changes === 0) return false;
    const id = result.lastInsertRowid;
    this.insertRaw.run(id, event.raw);
    const minute = Math.floor(event.time / 60_000);
    this.pendingMinutes.set(minute, (this.pendingMinutes.get(minute) ?? 0) + 1);
    return true;
  }
}
