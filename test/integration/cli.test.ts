import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { makeSignedTrail } from '../unit/integrity/make-signed-trail.js';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../../main/cli/main.js';
import type { Output } from '../../main/cli/output.js';
import { cloudTrailRecord, recordsFile, writeAwsLogsTree, writeEvidence } from '../fixtures/cloudtrail-records.js';

/** Runs `cairn …` in-process, capturing what it prints. */
async function cairn(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line), isTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

let dir: string;
let casePath: string;
let evidence: string;
let treeFiles: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-cli-'));
  casePath = join(dir, 'case.cairn');
  evidence = join(dir, 'evidence');
  treeFiles = writeAwsLogsTree(evidence, 3, 30);
  writeEvidence(
    join(evidence, 'extra', 'xss.json'),
    recordsFile([cloudTrailRecord(500, { eventName: 'StopLogging', userAgent: '<script>alert(1)</script>\u001b[31mred' })]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cairn CLI', () => {
  it('ingest --json reports every file with its hash, format and counts (exit 0)', async () => {
    const { code, out } = await cairn('ingest', casePath, evidence, '--json');
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0] as string);
    expect(Object.keys(report)).toEqual(['case', 'files', 'inserted', 'duplicates']);
    expect(report.inserted).toBe(91);
    expect(report.duplicates).toBe(0);
    expect(report.files).toHaveLength(4);
    const first = report.files.find((file: { path: string }) => file.path === treeFiles[0]);
    expect(Object.keys(first)).toEqual(['path', 'sha256', 'bytes', 'status', 'format', 'records', 'inserted', 'duplicates', 'errors']);
    expect(first).toMatchObject({
      sha256: createHash('sha256').update(readFileSync(treeFiles[0] as string)).digest('hex'),
      format: 'cloudtrail-s3',
      records: 30,
      duplicates: 0,
      errors: [],
    });
  });

  it('re-running the ingest inserts nothing', async () => {
    const report = JSON.parse((await cairn('ingest', casePath, evidence, '--json')).out[0] as string);
    expect(report.inserted).toBe(0);
    expect(report.duplicates).toBe(91);
  });

  it('events --count answers field, boolean and full-text queries', async () => {
    expect((await cairn('events', casePath, '--count')).out).toEqual(['91']);
    expect((await cairn('events', casePath, 'accessKeyId:AKIAEXAMPLEEVENKEY01', '--count')).out).toEqual(['46']);
    expect((await cairn('events', casePath, 'eventName:ListBuckets OR eventName:StopLogging', '--count')).out).toEqual(['10']);
    expect((await cairn('events', casePath, 'NOT eventName:GetObject', '--count')).out).toEqual(['10']);
    expect((await cairn('events', casePath, 'alert', '--count')).out).toEqual(['1']);
    expect(
      (await cairn('events', casePath, '--from', '2024-05-10T08:00:10Z', '--to', '2024-05-10T08:00:20Z', '--count')).out,
    ).toEqual(['10']);
  });

  it('events --json prints one normalized event per line with its raw record, oldest first', async () => {
    const { out } = await cairn('events', casePath, 'eventName:ListBuckets', '--json', '--limit', '2');
    expect(out).toHaveLength(2);
    const [a, b] = out.map((line) => JSON.parse(line));
    expect(a.time).toBe('2024-05-10T08:00:00.000Z');
    expect(b.time).toBe('2024-05-10T08:00:10.000Z');
    expect(a).toMatchObject({
      source: 'cloudtrail',
      eventName: 'ListBuckets',
      eventSource: 's3.amazonaws.com',
      region: 'eu-west-1',
      accountId: '111122223333',
      principalArn: 'arn:aws:iam::111122223333:user/ci-deploy',
      principalType: 'IAMUser',
      userName: 'ci-deploy',
      accessKeyId: 'AKIAEXAMPLEEVENKEY01',
      sourceIp: '203.0.113.0',
      readOnly: true,
      resources: ['arn:aws:s3:::acme-exports/exports/0.csv'],
      requestParameters: { bucketName: 'acme-exports', key: 'exports/0.csv' },
      eventId: '00000000-0000-4000-8000-000000000000',
      eventType: 'AwsApiCall',
    });
    expect(JSON.parse(a.raw).eventID).toBe(a.eventId);
  });

  it('the table output neutralizes terminal escape sequences from evidence', async () => {
    const { out } = await cairn('events', casePath, 'eventName:StopLogging');
    expect(out.join('\n')).not.toContain('\u001b');
  });

  it('reports query syntax errors with a caret and exit 2', async () => {
    const { code, err } = await cairn('events', casePath, 'eventName:GetObject AND', '--count');
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/query error at column \d+/);
  });

  it('files lists the inventory with SHA-256', async () => {
    const { out } = await cairn('files', casePath, '--json');
    const { files } = JSON.parse(out[0] as string);
    expect(files).toHaveLength(4);
    for (const path of treeFiles) {
      const file = files.find((candidate: { path: string }) => candidate.path === path);
      expect(file.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  });

  it('annotate stars and tags an event by its eventID, and queries find it', async () => {
    const id = '00000000-0000-4000-8000-000000000500';
    expect((await cairn('annotate', casePath, id, '--star', '--tag', 'evasion', '--tag', 'T1562', '--note', 'trail off')).code).toBe(0);
    expect((await cairn('events', casePath, 'starred:true', '--count')).out).toEqual(['1']);
    expect((await cairn('events', casePath, 'tag:T1562', '--count')).out).toEqual(['1']);
    expect((await cairn('annotate', casePath, 'no-such-event', '--star')).code).toBe(1);
  });

  it('verify passes on untouched evidence and names a modified and a missing file in a moved copy (exit 4)', async () => {
    const clean = await cairn('verify', casePath, evidence, '--json');
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out[0] as string)).toMatchObject({ ok: true, case: { integrity: 'ok', auditChain: 'ok' } });
    // A copy in another layout: one byte flipped in one file, another file deleted.
    const copy = join(dir, 'copy');
    cpSync(evidence, join(copy, 'nested', 'elsewhere'), { recursive: true });
    const copied = (file: string) => join(copy, 'nested', 'elsewhere', relative(evidence, file));
    const flipped = copied(treeFiles[1] as string);
    const bytes = readFileSync(flipped);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    writeFileSync(flipped, bytes);
    rmSync(copied(treeFiles[2] as string));
    const { code, out } = await cairn('verify', casePath, copy, '--json');
    expect(code).toBe(4);
    const report = JSON.parse(out[0] as string) as { files: { path: string; status: string }[]; records: { expected: number; found: number } };
    const notOk = report.files.filter((file) => file.status !== 'ok');
    expect(notOk.map((file) => file.status).sort()).toEqual(['missing', 'modified']);
    expect(notOk.find((file) => file.status === 'modified')?.path).toBe(flipped);
    expect(notOk.find((file) => file.status === 'missing')?.path).toBe(treeFiles[2]);
    expect(report.records.expected).toBe(report.records.found);
  });

  it('verify exits 4 when events were deleted from the case file behind its back', async () => {
    const copyCase = join(dir, 'tampered.cairn');
    cpSync(casePath, copyCase);
    const db = new Database(copyCase);
    const victims = db.prepare(`SELECT id FROM cloudtrail_events WHERE event_name = 'GetObject' LIMIT 2`).all() as { id: number }[];
    expect(victims.length).toBeGreaterThan(0);
    for (const { id } of victims) {
      db.prepare(`DELETE FROM cloudtrail_events WHERE id = ?`).run(id);
      db.prepare(`DELETE FROM timeline_raw WHERE id = ?`).run(id);
      db.prepare(`DELETE FROM timeline WHERE id = ?`).run(id);
    }
    db.close();
    const { code, out } = await cairn('verify', copyCase, '--json');
    expect(code).toBe(4);
    expect(JSON.parse(out[0] as string).records.problems.join(' ')).toMatch(/records imported/);
  });

  it('exits 3 when some files had errors and 1 on a fatal error', async () => {
    const bad = writeEvidence(join(dir, 'bad', 'x.json'), 'not json at all');
    const good = writeEvidence(join(dir, 'bad', 'y.json'), recordsFile([cloudTrailRecord(700)]));
    const partial = await cairn('ingest', casePath, bad, good, '--json');
    expect(partial.code).toBe(3);
    const report = JSON.parse(partial.out[0] as string);
    expect(report.inserted).toBe(1);
    expect(report.files[0].errors[0].message).toMatch(/unrecognized/);
    expect((await cairn('ingest', casePath, join(dir, 'missing'))).code).toBe(1);
    expect((await cairn('events', join(dir, 'nope.cairn'), '--count')).code).toBe(1);
    expect((await cairn('bogus')).code).toBe(2);
  });
  it('records recognised but unread evidence as unsupported, with the format named, and imports the rest', async () => {
    const mixed = join(dir, 'mixed');
    const evidenceDir = join(import.meta.dirname, '../../../shared/evidence');
    mkdirSync(mixed, { recursive: true });
    cpSync(join(evidenceDir, 'elastic-integrations/s3access/test-s3-server-access.log'), join(mixed, 's3.log'));
    cpSync(join(evidenceDir, 'elastic-integrations/elb_logs/test-alb.log'), join(mixed, 'alb.log'));
    cpSync(join(evidenceDir, 'elastic-integrations/vpcflow/test-extra-samples.log'), join(mixed, 'flows.log'));
    writeEvidence(join(mixed, 'ct.json'), recordsFile([cloudTrailRecord(900)]));
    const run = await cairn('ingest', join(dir, 'mixed.cairn'), mixed, '--json');
    expect(run.code).toBe(0);
    const files = (JSON.parse(run.out[0] as string) as { files: { path: string; status: string; format: string }[] }).files;
    const byName = new Map(files.map((file) => [file.path.split('/').pop(), file]));
    expect(byName.get('s3.log')).toMatchObject({ status: 'unsupported', format: 's3-access-log' });
    expect(byName.get('alb.log')).toMatchObject({ status: 'unsupported', format: 'elb-access-log' });
    expect(byName.get('flows.log')).toMatchObject({ status: 'ingested', format: 'vpcflow' });
    expect(byName.get('ct.json')).toMatchObject({ status: 'ingested', format: 'cloudtrail-s3' });
    // test-extra-samples.log: 7 lines, 2 of them NODATA/SKIPDATA (grep -cv DATA)
    expect((await cairn('events', join(dir, 'mixed.cairn'), 'source:vpcflow', '--count')).out).toEqual(['5']);
    // awk '$7 == 22' test-extra-samples.log → 2 lines
    expect((await cairn('events', join(dir, 'mixed.cairn'), 'source:vpcflow dstPort:22', '--count')).out).toEqual(['2']);
    expect((await cairn('events', join(dir, 'mixed.cairn'), 'srcIp:2001:db8::/32', '--count')).out.length).toBe(1);
  });

  it('reads --from/--to as UTC whatever the machine zone, and refuses --from after --to', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const all = await cairn('events', casePath, '--json', '--limit', '1');
      const first = JSON.parse(all.out[0] as string) as { time: string };
      const exact = await cairn('events', casePath, '--from', first.time.replace('Z', ''), '--json', '--limit', '1');
      expect((JSON.parse(exact.out[0] as string) as { time: string }).time).toBe(first.time);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const backwards = await cairn('events', casePath, '--from', '2024-02-01', '--to', '2024-01-01');
    expect(backwards.code).toBe(2);
    expect(backwards.err.join(' ')).toMatch(/later than --to/);
    expect((await cairn('events', casePath, '--limit', '0')).code).toBe(2);
  });

  it('verify --cloudtrail-digests passes a signed trail and names exactly the log altered and the log removed (exit 4)', async () => {
    const trailRoot = join(dir, 'signed');
    const trail = makeSignedTrail(trailRoot, { hours: 3 });
    const keys = join(dir, 'public-keys.json');
    writeFileSync(keys, JSON.stringify(trail.publicKeysJson));
    const trailCase = join(dir, 'trail.cairn');
    expect((await cairn('ingest', trailCase, trailRoot, '--json')).code).toBe(0);
    const clean = await cairn('verify', trailCase, trailRoot, '--cloudtrail-digests', '--public-keys', keys, '--json');
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out[0] as string)).toMatchObject({ ok: true });
    const [altered, removed] = trail.logs;
    if (!altered || !removed) throw new Error('the trail has too few logs');
    writeFileSync(altered.path, gzipSync(Buffer.from(JSON.stringify({ Records: [] }))));
    rmSync(removed.path);
    const tampered = await cairn('verify', trailCase, trailRoot, '--cloudtrail-digests', '--public-keys', keys, '--json');
    expect(tampered.code).toBe(4);
    const report = JSON.parse(tampered.out[0] as string) as { ok: boolean; logFiles: { s3Object: string; status: string }[] };
    const notOk = report.logFiles.filter((log) => log.status !== 'ok');
    expect(notOk.map((log) => [log.status, log.s3Object]).sort()).toEqual(
      [
        ['missing', removed.s3Object],
        ['modified', altered.s3Object],
      ].sort(),
    );
  });
});
