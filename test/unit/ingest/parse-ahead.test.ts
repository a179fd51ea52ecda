import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync, inflateRawSync } from 'node:zlib';
import yazl from 'yazl';
import { ingestPaths, type IngestSummary } from '../../../main/ingest/pipeline.js';
import { ParseAhead } from '../../../main/ingest/parse-ahead/parse-ahead.js';
import {
  prepareFile,
  type FileEnd,
  type FileHeader,
  type RecordBatch,
} from '../../../main/ingest/parse-ahead/prepare-file.js';
import { DEFAULT_EXPANSION_LIMITS } from '../../../main/ingest/containers/limits.js';
import { openCase, type ReadonlyDb } from '../../../main/store/open-case.js';
import { RawBlockReader } from '../../../main/store/raw-blocks.js';
import { cloudTrailRecord, recordsFile, writeAwsLogsTree, writeEvidence } from '../../fixtures/cloudtrail-records.js';
import { EVIDENCE_DIR } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-parse-ahead-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PREPARE = {
  maxRecordBytes: 8 * 1024 * 1024,
  limits: DEFAULT_EXPANSION_LIMITS,
  batchRecords: 2000,
  windowRecords: 4000,
};

function zip(path: string, entries: { name: string; data: Buffer }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = new yazl.ZipFile();
    for (const entry of entries) archive.addBuffer(entry.data, entry.name);
    archive.outputStream
      .pipe(createWriteStream(path))
      .on('close', () => resolve())
      .on('error', reject);
    archive.end();
  });
}

/** Every kind of file the writer's own path handles, beside plain deliveries the worker parses. */
async function mixedTree(root: string): Promise<void> {
  writeAwsLogsTree(join(root, 'deliveries'), 4, 30);
  // A record that is not an object, between good ones: `partial`, with the record named.
  writeEvidence(
    join(root, 'odd/with-bad-record.json.gz'),
    `{"Records":[${JSON.stringify(cloudTrailRecord(500))},42,${JSON.stringify(cloudTrailRecord(501))}]}`,
  );
  // Cut in the middle of the gzip data: failed, nothing kept.
  const whole = gzipSync(recordsFile([cloudTrailRecord(600), cloudTrailRecord(601), cloudTrailRecord(602)]));
  writeEvidence(join(root, 'odd/truncated.json.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
  // Past one batch of the worker's (1,000 records), a bad record in the third.
  const many = Array.from({ length: 4500 }, (_, n) => JSON.stringify(cloudTrailRecord(10_000 + n)));
  many[2600] = '"not a record"';
  writeEvidence(join(root, 'big/many.json.gz'), `{"Records":[${many.join(',')}]}`);
  // Cut late: recognised and records read before the gzip data ends too soon (failed, nothing kept).
  const late = gzipSync(recordsFile(Array.from({ length: 3000 }, (_, n) => cloudTrailRecord(20_000 + n))));
  writeEvidence(join(root, 'big/truncated-late.json.gz'), late.subarray(0, Math.floor(late.length * 0.8)));
  // Plain JSON cut short late: read by the worker until its structure ends (failed, nothing kept).
  const cut = recordsFile(Array.from({ length: 3000 }, (_, n) => cloudTrailRecord(30_000 + n)));
  writeEvidence(join(root, 'big/cut.json'), cut.slice(0, Math.floor(cut.length * 0.8)));
  // Junk after the gzip data: imported, with the junk reported.
  writeEvidence(
    join(root, 'odd/junk-after.json.gz'),
    Buffer.concat([gzipSync(recordsFile([cloudTrailRecord(700)])), Buffer.from('NOT GZIP')]),
  );
  // UTF-16 with a BOM, as PowerShell writes.
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(recordsFile([cloudTrailRecord(800)]), 'utf16le'),
  ]);
  writeEvidence(join(root, 'odd/utf16.json'), utf16);
  writeEvidence(join(root, 'odd/empty.json'), '');
  writeEvidence(join(root, 'odd/unknown.txt'), 'hello, not evidence\n');
  mkdirSync(join(root, 'zip'), { recursive: true });
  await zip(join(root, 'zip/bundle.zip'), [
    { name: 'inner.json', data: Buffer.from(recordsFile([cloudTrailRecord(900), cloudTrailRecord(901)])) },
  ]);
  // Public samples: a CloudTrail digest (recorded), console logins, VPC flow logs, an IAM snapshot.
  mkdirSync(join(root, 'samples'), { recursive: true });
  for (const sample of [
    'elastic-integrations/cloudtrail/test-cloudtrail-digest-json.log',
    'elastic-integrations/cloudtrail/test-console-login-json.log',
    'elastic-integrations/vpcflow/test-v5-all-fields.log',
    'aws-cli-examples/iam__get-account-authorization-details__example1.json',
  ]) {
    copyFileSync(join(EVIDENCE_DIR, sample), join(root, 'samples', sample.split('/').pop()!));
  }
}

/** What an import left in the case and said about each file, with paths relative to the tree. */
function snapshot(db: ReadonlyDb, summary: IngestSummary, root: string) {
  const reader = new RawBlockReader(db);
  const rows = (
    db
      .prepare(
        `SELECT time, source, locator, dedupe_key, raw_block AS block, raw_offset AS offset, raw_length AS length, f.path AS path
                FROM timeline JOIN evidence_files f ON f.id = timeline.file_id ORDER BY time, dedupe_key`,
      )
      .all() as {
      time: number;
      source: string;
      locator: string;
      dedupe_key: string;
      block: number;
      offset: number;
      length: number;
      path: string;
    }[]
  ).map(({ block, offset, length, path, ...row }) => ({
    ...row,
    path: relative(root, path),
    raw: reader.read({ block, offset, length }),
  }));
  const files = summary.files
    .map((file) => ({ ...file, path: relative(root, file.path) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const fullText = (
    db.prepare(`SELECT count(*) AS n FROM timeline_fts WHERE timeline_fts MATCH 'ConsoleLogin'`).get() as { n: number }
  ).n;
  return { rows, files, inserted: summary.inserted, duplicates: summary.duplicates, fullText };
}

describe('parse-ahead', () => {
  it('stores exactly what the writer alone stores, file by file and byte for byte', async () => {
    const root = join(dir, 'mixed');
    await mixedTree(root);
    const results = [];
    for (const parseAhead of [false, true]) {
      const db = openCase(join(dir, `mixed-${parseAhead}.cairn`), { create: true });
      try {
        const summary = await ingestPaths(db, [root], { parseAhead });
        results.push(snapshot(db, summary, root));
      } finally {
        db.close();
      }
    }
    const [alone, ahead] = results;
    expect(ahead).toEqual(alone);
    // The tree really holds each case (a comparison of two empty imports would prove nothing).
    const status = Object.fromEntries(alone!.files.map((file) => [file.path, file.status]));
    expect(status).toMatchObject({
      'odd/with-bad-record.json.gz': 'partial',
      'odd/truncated.json.gz': 'failed',
      'big/many.json.gz': 'partial',
      'big/truncated-late.json.gz': 'failed',
      'big/cut.json': 'failed',
      'odd/junk-after.json.gz': 'partial',
      'odd/utf16.json': 'ingested',
      'odd/empty.json': 'failed',
      'odd/unknown.txt': 'failed',
      'zip/bundle.zip': 'recorded',
      'zip/bundle.zip!/inner.json': 'ingested',
      'samples/test-v5-all-fields.log': 'ingested',
      'samples/test-cloudtrail-digest-json.log': 'recorded',
      'samples/test-console-login-json.log': 'ingested',
      'samples/iam__get-account-authorization-details__example1.json': 'ingested',
    });
    expect(alone!.files.find((file) => file.path === 'odd/with-bad-record.json.gz')?.errors).toEqual([
      { location: 'record 2', message: expect.any(String) },
    ]);
    expect(alone!.rows.filter((row) => row.source === 'vpcflow').length).toBeGreaterThan(0);
    expect(alone!.fullText).toBeGreaterThan(0);
    expect(alone!.files.find((file) => file.path === 'big/many.json.gz')?.errors).toEqual([
      { location: 'record 2601', message: expect.any(String) },
    ]);
    expect(alone!.files.find((file) => file.path === 'big/truncated-late.json.gz')?.errors).toEqual([
      { location: 'file', message: expect.any(String) },
    ]);
    const samples = alone!.rows.filter((row) => row.path.startsWith('samples/')).length;
    expect(alone!.inserted).toBe(4 * 30 + 4499 + 2 + 1 + 1 + 2 + samples);
  });

  it('a re-import through parse-ahead stores nothing again', async () => {
    const root = join(dir, 'again');
    writeAwsLogsTree(root, 6, 20);
    const db = openCase(join(dir, 'again.cairn'), { create: true });
    try {
      expect((await ingestPaths(db, [root], { parseAhead: true })).inserted).toBe(120);
      const again = await ingestPaths(db, [root], { parseAhead: true });
      expect(again.inserted).toBe(0);
      expect(again.duplicates).toBe(120);
    } finally {
      db.close();
    }
  });
});

/** Everything prepareFile says about one file, taking each batch at once. */
async function prepared(path: string, options = PREPARE) {
  const said: { header?: FileHeader; batches: RecordBatch[]; end?: FileEnd } = { batches: [] };
  await prepareFile(path, options, {
    header: (header) => (said.header = header),
    batch: async (batch) => void said.batches.push(batch),
    end: (end) => (said.end = end),
  });
  return said;
}

describe('parse-ahead, cancelled', () => {
  it('stops mid-file with the file rolled back, the files before it kept, and the worker gone', async () => {
    const root = join(dir, 'cancel');
    writeAwsLogsTree(root, 8, 3000);
    const db = openCase(join(dir, 'cancel.cairn'), { create: true });
    try {
      let polls = 0;
      // Polled every 1,024 records: cancel inside the third file.
      const summary = await ingestPaths(db, [root], { parseAhead: true, isCancelled: () => ++polls > 7 });
      expect(summary.cancelled).toBe(true);
      const stored = (db.prepare(`SELECT count(*) AS n FROM timeline`).get() as { n: number }).n;
      expect(stored).toBe(summary.inserted);
      expect(stored % 3000).toBe(0);
      expect(stored).toBeLessThan(8 * 3000);
      // The import can be finished: the rest comes in, nothing twice.
      const rest = await ingestPaths(db, [root], { parseAhead: true });
      expect(stored + rest.inserted).toBe(8 * 3000);
    } finally {
      db.close();
    }
  });
});

describe('prepareFile', () => {
  it('parses a plain delivery: hash, format, records in batches with their locators, record errors in order, packed raw', async () => {
    const records = Array.from({ length: 5 }, (_, n) => JSON.stringify(cloudTrailRecord(n)));
    records.splice(1, 0, '"x"');
    const path = writeEvidence(join(dir, 'prepare/one.json.gz'), `{"Records":[${records.join(',')}]}`);
    const said = await prepared(path, { ...PREPARE, batchRecords: 2 });
    expect(said.header).toMatchObject({
      kind: 'parsed',
      formatId: 'cloudtrail-s3',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(said.end).toEqual({ ok: true, notes: [] });
    const all = said.batches.flatMap((batch) => batch.records.map((record) => record.nativeId));
    expect(all).toEqual([0, 1, 2, 3, 4].map((n) => String(cloudTrailRecord(n).eventID)));
    expect(said.batches.flatMap((batch) => batch.locators)).toEqual([
      'record 1',
      'record 3',
      'record 4',
      'record 5',
      'record 6',
    ]);
    expect(said.batches.flatMap((batch) => batch.errors)).toEqual([
      { after: 1, location: 'record 2', message: expect.any(String) },
    ]);
    // Batches are cut between pieces of text: at least one per two records here, none empty.
    expect(said.batches.every((batch) => batch.records.length > 0)).toBe(true);
    for (const batch of said.batches) {
      batch.records.forEach((record, index) => {
        const block = inflateRawSync(batch.packed.blocks[batch.packed.block[index]!]!);
        const offset = batch.packed.offset[index]!;
        expect(block.toString('utf8', offset, offset + batch.packed.length[index]!)).toBe(record.raw);
      });
    }
  });

  it('ends a file broken part-way with the error its parse gives', async () => {
    // Plain JSON cut short after many records: recognised, records read, then the structure ends.
    const text = recordsFile(Array.from({ length: 3000 }, (_, n) => cloudTrailRecord(n)));
    const path = writeEvidence(join(dir, 'prepare/cut.json'), text.slice(0, Math.floor(text.length * 0.8)));
    const said = await prepared(path, { ...PREPARE, batchRecords: 500 });
    expect(said.header?.kind).toBe('parsed');
    expect(said.batches.length).toBeGreaterThan(1);
    expect(said.end).toEqual({ ok: false, locator: expect.any(String), message: expect.stringMatching(/.+/) });
  });

  it('leaves archives, snapshots and files broken at the start to the writer, and names a missing file', async () => {
    const zipPath = join(dir, 'prepare/bundle.zip');
    await zip(zipPath, [{ name: 'a.json', data: Buffer.from(recordsFile([cloudTrailRecord(1)])) }]);
    expect((await prepared(zipPath)).header?.kind).toBe('read');
    const iam = join(EVIDENCE_DIR, 'aws-cli-examples/iam__get-account-authorization-details__example1.json');
    const snapshotFile = await prepared(iam);
    expect(snapshotFile.header?.kind).toBe('read');
    expect(snapshotFile.end).toBeUndefined();
    const cutGzip = gzipSync(recordsFile([cloudTrailRecord(1), cloudTrailRecord(2)]));
    const truncated = writeEvidence(join(dir, 'prepare/cut-gzip.json'), cutGzip.subarray(0, cutGzip.length - 12));
    expect((await prepared(truncated)).header?.kind).toBe('read');
    expect((await prepared(join(dir, 'prepare/missing.json'))).header).toEqual({
      kind: 'unreadable',
      message: expect.stringContaining('ENOENT'),
    });
  });
});

describe('ParseAhead', () => {
  it('hands files back in order in batches, leaves large ones to the writer, and a file released unread does not stall the next', async () => {
    const paths = writeAwsLogsTree(join(dir, 'pool'), 3, 5000);
    writeFileSync(join(dir, 'pool/large.json'), 'x');
    const files = [
      ...paths.map((path) => ({ path, bytes: 100 })),
      { path: join(dir, 'pool/large.json'), bytes: 10_000_000 },
    ];
    const ahead = new ParseAhead(files, {
      ...PREPARE,
      batchRecords: 100,
      workers: 2,
      depth: 1,
      aheadBytes: 1 << 20,
      maxFileBytes: 4 * 1024 * 1024,
    });
    try {
      // File 0: taken whole, batch by batch (the worker waits for each to be taken).
      const first = await ahead.take(0);
      if (first?.kind !== 'parsed') throw new Error('file 0 not parsed');
      const ids: (string | null)[] = [];
      let next = await first.batches.next();
      while (!next.done) {
        ids.push(...next.value.records.map((record) => record.nativeId));
        next = await first.batches.next();
      }
      expect(next.value).toEqual({ ok: true, notes: [] });
      expect(ids).toEqual(Array.from({ length: 5000 }, (_, n) => String(cloudTrailRecord(n).eventID)));
      first.release();
      // File 1: one batch taken, then released (a duplicate, say): file 2 still comes.
      const second = await ahead.take(1);
      if (second?.kind !== 'parsed') throw new Error('file 1 not parsed');
      expect((await second.batches.next()).done).toBe(false);
      second.release();
      const third = await ahead.take(2);
      if (third?.kind !== 'parsed') throw new Error('file 2 not parsed');
      let count = 0;
      for (let step = await third.batches.next(); !step.done; step = await third.batches.next())
        count += step.value.records.length;
      expect(count).toBe(5000);
      expect(await ahead.take(3)).toBeNull();
    } finally {
      await ahead.close();
    }
    expect(await ahead.take(0)).toBeNull();
  });
});
