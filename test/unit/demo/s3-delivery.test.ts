import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAccount } from '../../../main/demo/account.js';
import { backgroundActivity } from '../../../main/demo/background.js';
import type { CloudTrailRecord } from '../../../main/demo/cloudtrail-factory.js';
import { fileStamp, s3DeliveryPath, writeS3Delivery } from '../../../main/demo/s3-delivery.js';
import { sniffFormat } from '../../../main/ingest/formats.js';

const account = buildAccount();
const start = Date.UTC(2025, 2, 10, 23, 0);
const end = start + 3 * 3_600_000;
const NAME =
  /^AWSLogs\/111122223333\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/111122223333_CloudTrail_\1_(\d{8}T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz$/;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cairn-s3-delivery-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

async function readRecords(path: string): Promise<CloudTrailRecord[]> {
  const text = gunzipSync(await readFile(path)).toString('utf8');
  expect(text.startsWith('{"Records":[')).toBe(true);
  return (JSON.parse(text) as { Records: CloudTrailRecord[] }).Records;
}

describe('S3 delivery layout', () => {
  it('names files as CloudTrail does', () => {
    const at = Date.UTC(2025, 2, 12, 2, 15);
    expect(fileStamp(at)).toBe('20250312T0215Z');
    expect(s3DeliveryPath('111122223333', 'eu-west-1', at, 'AbCdEfGhIjKlMnOp')).toBe(
      'AWSLogs/111122223333/CloudTrail/eu-west-1/2025/03/12/111122223333_CloudTrail_eu-west-1_20250312T0215Z_AbCdEfGhIjKlMnOp.json.gz',
    );
  });

  it('groups records per region and 5-minute window, each file a gzipped {"Records":[…]}', async () => {
    const records = [...backgroundActivity({ seed: 4, account, start, end, events: 2000 })];
    const summary = await writeS3Delivery(dir, records, { accountId: account.accountId, threads: 0 });
    const files = await listFiles(dir);
    expect(files).toEqual([...summary.paths].sort());
    expect(summary.records).toBe(2000);
    let total = 0;
    for (const file of files) {
      const match = NAME.exec(file);
      expect(match, file).not.toBeNull();
      const [, region, yyyy, mm, dd, stamp] = match as unknown as string[];
      expect(stamp?.slice(0, 8)).toBe(`${yyyy}${mm}${dd}`);
      const deliveredAt = Date.UTC(
        Number(stamp?.slice(0, 4)),
        Number(stamp?.slice(4, 6)) - 1,
        Number(stamp?.slice(6, 8)),
        Number(stamp?.slice(9, 11)),
        Number(stamp?.slice(11, 13)),
      );
      const content = await readRecords(join(dir, file));
      total += content.length;
      for (const record of content) {
        expect(record.awsRegion).toBe(region);
        const time = Date.parse(record.eventTime);
        expect(time).toBeGreaterThanOrEqual(deliveredAt - 5 * 60_000);
        expect(time).toBeLessThan(deliveredAt);
      }
      expect(sniffFormat(gunzipSync(await readFile(join(dir, file))).subarray(0, 65536))?.id).toBe('cloudtrail-s3');
    }
    expect(total).toBe(2000);
    // Events across midnight land in the next day's folder.
    expect(files.some((file) => file.includes('/2025/03/10/'))).toBe(true);
    expect(files.some((file) => file.includes('/2025/03/11/'))).toBe(true);
  });

  it('gives the same files for the same input and seed, also when gzipping on worker threads', async () => {
    const records = [...backgroundActivity({ seed: 5, account, start, end, events: 600 })];
    const first = await writeS3Delivery(join(dir, 'a'), records, { accountId: account.accountId, seed: 7, threads: 0 });
    const second = await writeS3Delivery(
      join(dir, 'b'),
      backgroundActivity({ seed: 5, account, start, end, events: 600 }),
      { accountId: account.accountId, seed: 7, threads: 2 },
    );
    expect(second.paths).toEqual(first.paths);
    for (const path of first.paths.slice(0, 10)) {
      expect(await readRecords(join(dir, 'b', path))).toEqual(await readRecords(join(dir, 'a', path)));
    }
  });

  it('splits a busy window into several files and refuses records out of order', async () => {
    const records = [...backgroundActivity({ seed: 6, account, start, end: start + 5 * 60_000, events: 400 })];
    const summary = await writeS3Delivery(dir, records, {
      accountId: account.accountId,
      threads: 0,
      maxFileBytes: 50_000,
    });
    expect(summary.files).toBeGreaterThan(8);
    const counts = await Promise.all(summary.paths.map(async (path) => (await readRecords(join(dir, path))).length));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(400);

    const late = records[records.length - 1] as CloudTrailRecord;
    const early = { ...late, eventTime: '2020-01-01T00:00:00Z' };
    await expect(
      writeS3Delivery(join(dir, 'x'), [late, early], { accountId: account.accountId, threads: 0 }),
    ).rejects.toThrow(/out of order/);
  });
});
