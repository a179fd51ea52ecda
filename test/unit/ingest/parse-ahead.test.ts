import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { ingestPaths, type IngestSummary } from '../../../main/ingest/pipeline.js';
import { ParseAhead } from '../../../main/ingest/parse-ahead/parse-ahead.js';
import { prepareFile } from '../../../main/ingest/parse-ahead/prepare-file.js';
import { DEFAULT_EXPANSION_LIMITS } from '../../../main/ingest/containers/limits.js';
import { openCase, type ReadonlyDb } from '../../../main/store/open-case.js';
import { RawBlockReader } from '../../../main/store/raw-blocks.js';
import { cloudTrailRecord, recordsFile, writeAwsLogsTree, writeEvidence } from '../../fixtures/cloudtrail-records.js';
import { EVIDENCE_DIR } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-parse-ahead-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PREPARE = { maxRecordBytes: 8 * 1024 * 1024, limits: DEFAULT_EXPANSION_LIMITS, maxTextBytes: 24 * 1024 * 1024 };

function zip(path: string, entries: { name: string; data: Buffer }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = new yazl.ZipFile();
    for (const entry of entries) archive.addBuffer(entry.data, entry.name);
    archive.outputStream.pipe(createWriteStream(path)).on('close', () => resolve()).on('error', reject);
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
  // Junk after the gzip data: imported, with the junk reported.
  writeEvidence(join(root, 'odd/junk-after.json.gz'), Buffer.concat([gzipSync(recordsFile([cloudTrailRecord(700)])), Buffer.from('NOT GZIP')]));
  // UTF-16 with a BOM, as PowerShell writes.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(recordsFile([cloudTrailRecord(800)]), 'utf16le')]);
  writeEvidence(join(root, 'odd/utf16.json'), utf16);
  writeEvidence(join(root, 'odd/empty.json'), '');
  writeEvidence(join(root, 'odd/unknown.txt'), 'hello, not evidence\n');
  mkdirSync(join(root, 'zip'), { recursive: true });
  await zip(join(root, 'zip/bundle.zip'), [{ name: 'inner.json', data: Buffer.from(recordsFile([cloudTrailRecord(900), cloudTrailRecord(901)])) }]);
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
      .prepare(`SELECT time, source, locator, dedupe_key, raw_block AS block, raw_offset AS offset, raw_length AS length, f.path AS path
                FROM timeline JOIN evidence_files f ON f.id = timeline.file_id ORDER BY time, dedupe_key`)
      .all() as { time: number; source: string; locator: string; dedupe_key: string; block: number; offset: number; length: number; path: string }[]
  ).map(({ block, offset, length, path, ...row }) => ({ ...row, path: relative(root, path), raw: reader.read({ block, offset, length }) }));
  const files = summary.files
    .map((file) => ({ ...file, path: relative(root, file.path) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const fullText = (db.prepare(`SELECT count(*) AS n FROM timeline_fts WHERE timeline_fts MATCH 'ConsoleLogin'`).get() as { n: number }).n;
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
    expect(alone!.inserted).toBe(4 * 30 + 2 + 1 + 1 + 2 + alone!.rows.filter((row) => !/^(deliveries|odd|zip)\//.test(row.path)).length);
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

describe('prepareFile', () => {
  it('parses a plain delivery whole: hash, format, records with their locators, record errors in order', async () => {
    const path = writeEvidence(
      join(dir, 'prepare/one.json.gz'),
      `{"Records":[${JSON.stringify(cloudTrailRecord(1))},"x",${JSON.stringify(cloudTrailRecord(2))}]}`,
    );
    const prepared = await prepareFile(path, PREPARE);
    expect(prepared).toMatchObject({ kind: 'parsed', formatId: 'cloudtrail-s3', locators: ['record 1', 'record 3'] });
    if (prepared.kind !== 'parsed') throw new Error('not parsed');
    expect(prepared.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(prepared.records.map((record) => record.nativeId)).toEqual([
      String(cloudTrailRecord(1).eventID),
      String(cloudTrailRecord(2).eventID),
    ]);
    expect(prepared.errors).toEqual([{ after: 1, location: 'record 2', message: expect.any(String) }]);
  });

  it('leaves archives, snapshots, broken and oversized files to the writer, and names a missing file', async () => {
    const zipPath = join(dir, 'prepare/bundle.zip');
    await zip(zipPath, [{ name: 'a.json', data: Buffer.from(recordsFile([cloudTrailRecord(1)])) }]);
    expect((await prepareFile(zipPath, PREPARE)).kind).toBe('read');
    const iam = join(EVIDENCE_DIR, 'aws-cli-examples/iam__get-account-authorization-details__example1.json');
    expect((await prepareFile(iam, PREPARE)).kind).toBe('read');
    const cut = gzipSync(recordsFile([cloudTrailRecord(1), cloudTrailRecord(2)]));
    const truncated = writeEvidence(join(dir, 'prepare/cut.json'), cut.subarray(0, cut.length - 12));
    expect((await prepareFile(truncated, PREPARE)).kind).toBe('read');
    const big = writeEvidence(join(dir, 'prepare/big.json'), recordsFile(Array.from({ length: 50 }, (_, n) => cloudTrailRecord(n))));
    const read = await prepareFile(big, { ...PREPARE, maxTextBytes: 1024 });
    expect(read.kind).toBe('read');
    if (read.kind === 'read') expect(read.whole.length).toBeGreaterThan(1024);
    expect(await prepareFile(join(dir, 'prepare/missing.json'), PREPARE)).toEqual({
      kind: 'unreadable',
      message: expect.stringContaining('ENOENT'),
    });
  });
});

describe('ParseAhead', () => {
  it('hands files back in order from its worker, leaves large ones to the writer, and stops when closed', async () => {
    const paths = writeAwsLogsTree(join(dir, 'pool'), 3, 5);
    writeFileSync(join(dir, 'pool/large.json'), 'x');
    const files = [...paths.map((path) => ({ path, bytes: 100 })), { path: join(dir, 'pool/large.json'), bytes: 10_000_000 }];
    const ahead = new ParseAhead(files, { ...PREPARE, depth: 1, maxFileBytes: 4 * 1024 * 1024 });
    try {
      for (let index = 0; index < 3; index++) {
        const prepared = await ahead.take(index);
        expect(prepared?.kind).toBe('parsed');
        if (prepared?.kind === 'parsed') expect(prepared.records[0]?.nativeId).toBe(String(cloudTrailRecord(index * 5).eventID));
      }
      expect(await ahead.take(3)).toBeNull();
    } finally {
      await ahead.close();
    }
    expect(await ahead.take(0)).toBeNull();
  });
});
