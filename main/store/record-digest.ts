import { createHash, type Hash } from 'node:crypto';
import type { ReadonlyDb } from './open-case.js';
import { RawBlockReader } from './raw-blocks.js';
import { rawOf } from './queries/timeline.js';

/**
 * What one evidence file contributed to the timeline, as a count and a digest over its rows in
 * id order (dedupe key and raw record of each). The importer records both in the audit log; verify
 * re-derives them from the case, so deleted or edited rows show.
 */
export class RecordDigest {
  private readonly hash: Hash = createHash('sha256');
  count = 0;

  add(dedupeKey: string, raw: string): void {
    this.hash.update(dedupeKey).update('\n').update(raw).update('\n');
    this.count += 1;
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }
}

/** Every evidence file's row count and digest, re-derived from the timeline (one pass), with progress. */
export function deriveRecordDigests(
  db: ReadonlyDb,
  onRow?: (rowsDone: number) => void,
): Map<number, { count: number; digest: string }> {
  const result = new Map<number, { count: number; digest: string }>();
  let current = null as { fileId: number; digest: RecordDigest } | null;
  let rows = 0;
  const finish = () => {
    if (current) result.set(current.fileId, { count: current.digest.count, digest: current.digest.digest() });
  };
  const iterator = db
    .prepare(
      `SELECT t.file_id AS fileId, t.dedupe_key AS dedupeKey, r.raw, t.raw_block AS rawBlock, t.raw_offset AS rawOffset,
              t.raw_length AS rawLength
       FROM timeline AS t LEFT JOIN timeline_raw AS r ON r.id = t.id ORDER BY t.file_id, t.id`,
    )
    .iterate() as Iterable<{ fileId: number; dedupeKey: string; raw: string | null; rawBlock: number | null; rawOffset: number | null; rawLength: number | null }>;
  const blocks = new RawBlockReader(db);
  for (const item of iterator) {
    const row = { fileId: item.fileId, dedupeKey: item.dedupeKey, raw: rawOf(item, blocks) };
    if (current?.fileId !== row.fileId) {
      finish();
      current = { fileId: row.fileId, digest: new RecordDigest() };
    }
    current.digest.add(row.dedupeKey, row.raw);
    rows += 1;
    if (onRow && (rows & 0xffff) === 0) onRow(rows);
  }
  finish();
  return result;
}

/** The per-file counts and digests the importer recorded in the audit log (the latest per file). */
export function recordedDigests(db: ReadonlyDb): Map<number, { count: number; digest: string; sha256: string }> {
  const rows = db
    .prepare(`SELECT detail FROM audit_log WHERE action = 'evidence.records' ORDER BY id`)
    .all() as { detail: string }[];
  const result = new Map<number, { count: number; digest: string; sha256: string }>();
  for (const row of rows) {
    const detail = JSON.parse(row.detail) as { fileId: number; count: number; digest: string; sha256: string };
    // A file's rows come from one successful parse (a failed one rolls back with its entry): the latest wins.
    result.set(detail.fileId, detail);
  }
  return result;
}
