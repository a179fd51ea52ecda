import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { pack } from 'tar-stream';
import { openCase, type WritableDb } from '../../main/store/open-case.js';
import { ingestPaths } from '../../main/ingest/pipeline.js';
import { listEvidence } from '../../main/store/queries/evidence.js';
import { countMatches } from '../helpers/timeline-queries.js';
import { cloudTrailRecord, recordsFile, writeAwsLogsTree, writeEvidence } from '../fixtures/cloudtrail-records.js';

let dir: string;
let db: WritableDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-ingest-'));
  db = openCase(join(dir, 'case.cairn'), { create: true });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (query = ''): number => countMatches(db, query);
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function zip(path: string, entries: { name: string; data: Buffer; compress?: boolean }[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const archive = new yazl.ZipFile();
    for (const entry of entries) archive.addBuffer(entry.data, entry.name, { compress: entry.compress ?? true });
    archive.outputStream.pipe(createWriteStream(path)).on('close', () => resolve(path)).on('error', reject);
    archive.end();
  });
}

describe('ingest pipeline', () => {
  it('ingests an AWSLogs tree of .json.gz files, hashing each file, and is idempotent', async () => {
    const paths = writeAwsLogsTree(join(dir, 'evidence'), 5, 40);
    const first = await ingestPaths(db, [join(dir, 'evidence')]);
    expect(first.inserted).toBe(200);
    expect(first.files.map((file) => file.format)).toEqual(Array(5).fill('cloudtrail-s3'));
    expect(first.files.map((file) => file.sha256)).toEqual(paths.map(sha256));
    expect(count('accessKeyId:AKIAEXAMPLEEVENKEY01')).toBe(100);
    expect(count('eventName:ListBuckets')).toBe(20);

    const again = await ingestPaths(db, [join(dir, 'evidence')]);
    expect(again.inserted).toBe(0);
    expect(again.duplicates).toBe(200);
    expect(count()).toBe(200);
    expect(listEvidence(db)).toHaveLength(5); // one custody row per (path, hash), not per import
  });

  it('skips events already present from an overlapping export (dedupe on eventID)', async () => {
    writeEvidence(join(dir, 'a.json'), recordsFile([0, 1, 2, 3].map((n) => cloudTrailRecord(n))));
    writeEvidence(join(dir, 'b.json.gz'), recordsFile([2, 3, 4].map((n) => cloudTrailRecord(n))));
    const summary = await ingestPaths(db, [join(dir, 'a.json'), join(dir, 'b.json.gz')]);
    expect(summary.inserted).toBe(5);
    expect(summary.files[1]).toMatchObject({ records: 3, inserted: 1, duplicates: 2 });
  });

  it('rejects a truncated .gz as a whole (no half-imported rows) and can retry it once fixed', async () => {
    const full = gzipSync(Buffer.from(recordsFile(Array.from({ length: 500 }, (_, n) => cloudTrailRecord(n)))));
    const path = join(dir, 'cut.json.gz');
    writeFileSync(path, full.subarray(0, Math.floor(full.length * 0.6)));
    writeEvidence(join(dir, 'good.json'), recordsFile([cloudTrailRecord(9000)]));
    const summary = await ingestPaths(db, [path, join(dir, 'good.json')]);
    expect(summary.files[0]?.status).toBe('failed');
    expect(summary.files[0]?.errors[0]?.message).toMatch(/truncated|corrupt/i);
    expect(summary.files[1]).toMatchObject({ status: 'ingested', records: 1 });
    expect(count()).toBe(1); // only the good file's event; nothing from the cut one

    writeFileSync(path, full);
    const retry = await ingestPaths(db, [path]);
    expect(retry.files[0]).toMatchObject({ status: 'ingested', records: 500, inserted: 500 });
    expect(count()).toBe(501);
  });

  it('names file and line for bad lines in NDJSON and keeps the good lines', async () => {
    const lines = [JSON.stringify(cloudTrailRecord(1)), '{"eventVersion": "1.08", broken', JSON.stringify(cloudTrailRecord(2))];
    const path = writeEvidence(join(dir, 'events.ndjson'), lines.join('\n') + '\n');
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ status: 'partial', records: 2 });
    expect(summary.files[0]?.errors).toEqual([{ location: 'line 2', message: expect.stringMatching(/JSON/i) }]);
    expect(count()).toBe(2);
  });

  it('reports an over-long line and reads on', async () => {
    const long = JSON.stringify(cloudTrailRecord(5, { requestParameters: { blob: 'x'.repeat(4096) } }));
    const path = writeEvidence(join(dir, 'long.ndjson'), [JSON.stringify(cloudTrailRecord(4)), long, JSON.stringify(cloudTrailRecord(6))].join('\n'));
    const summary = await ingestPaths(db, [path], { maxRecordBytes: 2048 });
    expect(summary.files[0]?.errors).toHaveLength(1);
    expect(summary.files[0]?.errors[0]?.location).toBe('line 2');
    expect(summary.files[0]?.records).toBe(2);
  });

  it('gives clear file-level errors for empty, binary, invalid and non-CloudTrail files', async () => {
    const empty = writeEvidence(join(dir, 'empty.json'), '');
    const junk = writeEvidence(join(dir, 'junk.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const invalid = writeEvidence(join(dir, 'invalid.json'), '{"Records": [{"eventTime": "2024-01-01T00:00:00Z", "eventName": ');
    const foreign = writeEvidence(join(dir, 'finding.json'), JSON.stringify({ findings: [{ id: 'x', type: 'Recon:EC2/PortProbeUnprotectedPort' }] }));
    const good = writeEvidence(join(dir, 'good.json'), recordsFile([cloudTrailRecord(1)]));
    const summary = await ingestPaths(db, [empty, junk, invalid, foreign, good]);
    const byName = Object.fromEntries(summary.files.map((file) => [file.path.split('/').pop(), file]));
    expect(byName['empty.json']?.errors[0]?.message).toMatch(/empty/);
    expect(byName['junk.bin']?.errors[0]?.message).toMatch(/binary|unrecognized/);
    expect(byName['invalid.json']?.status).toBe('failed');
    expect(byName['invalid.json']?.errors[0]?.location).toMatch(/record 1|file/);
    expect(byName['finding.json']?.errors[0]?.message).toMatch(/unrecognized/);
    expect(byName['good.json']).toMatchObject({ status: 'ingested', records: 1 });
    expect(count()).toBe(1);
    // every failure is in the custody record with its error
    expect(listEvidence(db).filter((file) => file.status === 'failed')).toHaveLength(4);
  });

  it('reads zip archives, recording the archive and each member with their own hashes', async () => {
    const member = gzipSync(Buffer.from(recordsFile([cloudTrailRecord(1), cloudTrailRecord(2)])));
    const path = await zip(join(dir, 'export.zip'), [
      { name: 'AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/10/a.json.gz', data: member, compress: false },
      { name: 'plain.json', data: Buffer.from(recordsFile([cloudTrailRecord(3)])) },
    ]);
    const summary = await ingestPaths(db, [path]);
    expect(summary.inserted).toBe(3);
    const files = listEvidence(db);
    const archive = files.find((file) => file.format === 'zip');
    expect(archive?.sha256).toBe(sha256(path));
    const inner = files.find((file) => file.path.endsWith('a.json.gz'));
    expect(inner?.parentId).toBe(archive?.id);
    expect(inner?.path).toBe(`${path}!/AWSLogs/111122223333/CloudTrail/eu-west-1/2024/05/10/a.json.gz`);
    expect(inner?.sha256).toBe(createHash('sha256').update(member).digest('hex'));
  });

  it('skips zip members with ../ or absolute paths and refuses a zip bomb, importing the rest', async () => {
    const bomb = Buffer.alloc(80 * 1024 * 1024); // zeros compress ~1000:1
    const path = await zip(join(dir, 'evil.zip'), [
      { name: 'XX/XX/etc/cron.d/evil.json', data: Buffer.from(recordsFile([cloudTrailRecord(1)])) },
      { name: 'bomb.json', data: bomb },
      { name: 'ok.json', data: Buffer.from(recordsFile([cloudTrailRecord(2)])) },
    ]);
    // yazl refuses to write a traversal name, as it should: forge one in place, as an attacker would.
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.from(bytes.toString('latin1').replaceAll('XX/XX/etc', '../../etc'), 'latin1'));
    const summary = await ingestPaths(db, [path]);
    const archive = summary.files.find((file) => file.format === 'zip');
    expect(archive?.errors.map((error) => error.location)).toEqual(['member ../../etc/cron.d/evil.json', 'member bomb.json']);
    expect(archive?.errors[0]?.message).toMatch(/unsafe path/);
    expect(archive?.errors[1]?.message).toMatch(/bomb|ratio/);
    expect(count()).toBe(1);
  });

  it('refuses a gzip bomb while streaming', async () => {
    const path = join(dir, 'bomb.json.gz');
    // Looks like CloudTrail to sniffing, then 100 MiB of whitespace (valid JSON, ~1000:1 compressed).
    const head = Buffer.from(`{"Records":[${JSON.stringify(cloudTrailRecord(1))}`);
    writeFileSync(path, gzipSync(Buffer.concat([head, Buffer.alloc(100 * 1024 * 1024, 0x20), Buffer.from(']}')])));
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]?.status).toBe('failed');
    expect(summary.files[0]?.errors[0]?.message).toMatch(/bomb|ratio/);
  });

  it('reads .tar.gz bundles member by member', async () => {
    const tarball = pack();
    const chunks: Buffer[] = [];
    tarball.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    const ended = new Promise<void>((resolve) => tarball.on('end', () => resolve()));
    tarball.entry({ name: 'logs/one.json' }, recordsFile([cloudTrailRecord(1)]));
    tarball.entry({ name: 'logs/two.json.gz' }, gzipSync(recordsFile([cloudTrailRecord(2), cloudTrailRecord(3)])));
    tarball.finalize();
    await ended;
    const path = join(dir, 'bundle.tar.gz');
    writeFileSync(path, gzipSync(Buffer.concat(chunks)));
    const summary = await ingestPaths(db, [path]);
    expect(summary.files.map((file) => [file.path.replace(dir, ''), file.format, file.records])).toEqual([
      ['/bundle.tar.gz', 'tar', 0],
      ['/bundle.tar.gz!/logs/one.json', 'cloudtrail-s3', 1],
      ['/bundle.tar.gz!/logs/two.json.gz', 'cloudtrail-s3', 2],
    ]);
    expect(count()).toBe(3);
  });

  it('records CloudTrail digest files as evidence without events', async () => {
    const digest = readFileSync(join(import.meta.dirname, '../../../shared/evidence/elastic-integrations/cloudtrail/test-cloudtrail-digest-json.log'));
    const path = writeEvidence(join(dir, 'digest.json.gz'), digest);
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-digest', status: 'recorded', records: 0 });
    expect(count()).toBe(0);
  });

  it('keeps odd anonymized values as they are', async () => {
    const path = writeEvidence(
      join(dir, 'odd.json'),
      recordsFile([cloudTrailRecord(1, { sourceIPAddress: '075.050.255.67', awsRegion: 'xx-fake-9' })]),
    );
    await ingestPaths(db, [path]);
    expect(count('sourceIp:075.050.255.67 AND region:xx-fake-9')).toBe(1);
  });

  it('cancels cleanly: the file being read is rolled back, finished files stay', async () => {
    writeEvidence(join(dir, 'ev/1.json'), recordsFile(Array.from({ length: 50 }, (_, n) => cloudTrailRecord(n))));
    writeEvidence(join(dir, 'ev/2.json'), recordsFile(Array.from({ length: 5000 }, (_, n) => cloudTrailRecord(1000 + n))));
    let polls = 0;
    const summary = await ingestPaths(db, [join(dir, 'ev')], {
      isCancelled: () => {
        polls += 1;
        return count() >= 50 && polls > 4;
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(count()).toBe(50);
    expect(db.prepare(`SELECT status FROM imports`).get()).toEqual({ status: 'cancelled' });
  });
});
