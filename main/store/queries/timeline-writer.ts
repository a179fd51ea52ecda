import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import {
  ipKeyColumn,
  type FieldValue,
  type SourceDescriptor,
  type SourceRecord,
} from '../../core/source-descriptor.js';
import type { ReadonlyDb, WritableDb } from '../open-case.js';
import { ensureSourceTables, fullTextDocumentSql } from '../source-tables.js';
import { ipKey } from '../../core/ip-key.js';
import type { RecordDigest } from '../record-digest.js';
import { RawBlockWriter, type PackedRaw } from '../raw-blocks.js';

/** The sources the writer can be handed records of. */
export interface SourceLookup {
  readonly descriptors: readonly SourceDescriptor[];
  require(id: string): SourceDescriptor;
}

/**
 * The identity of a record across imports: its source's own id when it has one (CloudTrail's
 * eventID is unique per event), else a hash of the raw record. Equal keys at the same time are one
 * record (the spine's unique index is `(time, dedupe_key)`, so inserts stay local in time).
 */
export function dedupeKey(record: SourceRecord): string {
  if (record.nativeId) return `${record.source}:id:${record.nativeId}`;
  return `${record.source}:sha256:${createHash('sha256').update(record.raw).digest('base64url')}`;
}

/** The highest timeline row id (0 for an empty case). */
export function lastTimelineId(db: ReadonlyDb): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM timeline`).get() as { id: number }).id;
}

/** A stored value for one field: booleans as 0/1, lists as JSON text (NULL when empty). */
function sqlValue(
  type: SourceDescriptor['fields'][number]['type'],
  value: FieldValue | undefined,
): string | number | null {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'bool':
      return value === true ? 1 : value === false ? 0 : null;
    case 'list':
      return Array.isArray(value) && value.length > 0 ? JSON.stringify(value) : null;
    case 'int':
    case 'time':
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
    default:
      return Array.isArray(value) ? JSON.stringify(value) : typeof value === 'string' ? value : String(value);
  }
}

/** One source's prepared insert, its values mapped from the descriptor. */
class DetailInsert {
  private readonly statement: Statement;
  /** Highest row id whose full-text document is indexed. */
  indexedUpTo: number;

  constructor(
    db: WritableDb,
    readonly descriptor: SourceDescriptor,
    afterId: number,
  ) {
    const columns = ['id', 'time'];
    for (const field of descriptor.fields) {
      columns.push(field.column);
      if (field.type === 'ip') columns.push(ipKeyColumn(field.column));
    }
    this.statement = db.prepare(
      `INSERT INTO ${descriptor.table}(${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    this.indexedUpTo = afterId;
  }

  run(id: number | bigint, record: SourceRecord): void {
    const values: (string | number | bigint | Buffer | null)[] = [id, record.time];
    for (const field of this.descriptor.fields) {
      const value = sqlValue(field.type, record.fields[field.name]);
      values.push(value);
      if (field.type === 'ip') values.push(typeof value === 'string' ? ipKey(value) : null);
    }
    this.statement.run(values);
  }
}

/**
 * Writes records of any registered source onto the timeline: a spine row, the source's detail row
 * and the raw record, skipping records the case already holds. Call inside a transaction; before it
 * commits, `flush()` the rollups and `indexFullText()` the new rows.
 */
export class TimelineWriter {
  private readonly insertSpine: Statement;
  private readonly rawBlocks: RawBlockWriter;
  private readonly addMinutes: Statement;
  private readonly addSourceRows: Statement;
  private readonly details = new Map<string, DetailInsert>();
  private pendingMinutes = new Map<number, number>();
  private pendingSources = new Map<string, number>();
  private readonly startId: number;

  constructor(
    private readonly db: WritableDb,
    private readonly sources: SourceLookup,
  ) {
    this.insertSpine = db.prepare(
      `INSERT OR IGNORE INTO timeline(time, source, file_id, locator, dedupe_key, raw_block, raw_offset, raw_length)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.rawBlocks = new RawBlockWriter(db);
    this.addMinutes = db.prepare(
      `INSERT INTO event_minutes(minute, count) VALUES (?, ?)
       ON CONFLICT(minute) DO UPDATE SET count = count + excluded.count`,
    );
    this.addSourceRows = db.prepare(
      `INSERT INTO timeline_sources(source, rows) VALUES (?, ?)
       ON CONFLICT(source) DO UPDATE SET rows = rows + excluded.rows`,
    );
    this.startId = lastTimelineId(db);
    // Before any transaction: a table created inside a rolled-back file would vanish under its statement.
    ensureSourceTables(db, sources.descriptors);
  }

  /**
   * Returns true when stored, false when the case already had it (a duplicate). `digest` collects
   * what the file contributed (see RecordDigest).
   */
  write(record: SourceRecord, fileId: number, locator: string, digest?: RecordDigest): boolean {
    const detail = this.detailFor(record.source);
    const key = dedupeKey(record);
    const bytes = this.rawBlocks.isPacked ? null : Buffer.from(record.raw, 'utf8');
    const raw = this.rawBlocks.locate(bytes);
    const result = this.insertSpine.run(
      record.time,
      record.source,
      fileId,
      locator,
      key,
      raw.block,
      raw.offset,
      raw.length,
    );
    if (result.changes === 0) {
      this.rawBlocks.skip();
      return false;
    }
    this.rawBlocks.keep(bytes);
    digest?.add(key, record.raw);
    const id = result.lastInsertRowid;
    detail.run(id, record);
    const minute = Math.floor(record.time / 60_000);
    this.pendingMinutes.set(minute, (this.pendingMinutes.get(minute) ?? 0) + 1);
    this.pendingSources.set(record.source, (this.pendingSources.get(record.source) ?? 0) + 1);
    return true;
  }

  /**
   * The next records written are a file whose raw records were packed ahead (packRawRecords over
   * them, in the order they will be written) — until `flush()` or `discard()`.
   */
  usePackedRaw(packed: PackedRaw): void {
    this.rawBlocks.usePacked(packed);
  }

  /** Stores the open raw block and the per-minute and per-source rollups; call before committing (inside the file's savepoint). */
  flush(): void {
    this.rawBlocks.flush();
    for (const [minute, count] of this.pendingMinutes) this.addMinutes.run(minute, count);
    for (const [source, rows] of this.pendingSources) this.addSourceRows.run(source, rows);
    this.pendingMinutes.clear();
    this.pendingSources.clear();
  }

  /** Forgets unflushed rollup counts (the transaction was rolled back). */
  discard(): void {
    this.rawBlocks.discard();
    this.pendingMinutes.clear();
    this.pendingSources.clear();
  }

  /**
   * Adds the full-text documents of every row written since the last call. Run once per
   * transaction, just before COMMIT and outside any savepoint: FTS5 flushes its pending data at
   * every savepoint, which made per-file inserts expensive.
   */
  indexFullText(): void {
    for (const detail of this.details.values()) {
      const document = fullTextDocumentSql(detail.descriptor);
      if (document) {
        this.db
          .prepare(
            `INSERT INTO timeline_fts(rowid, doc) SELECT id, ${document} FROM ${detail.descriptor.table} WHERE id > ? ORDER BY id`,
          )
          .run(detail.indexedUpTo);
      }
      detail.indexedUpTo = lastTimelineId(this.db);
    }
  }

  private detailFor(source: string): DetailInsert {
    let detail = this.details.get(source);
    if (!detail) {
      const descriptor = this.sources.require(source);
      detail = new DetailInsert(this.db, descriptor, this.startId);
      this.details.set(source, detail);
    }
    return detail;
  }
}
