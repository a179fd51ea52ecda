import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEventTime } from '../../../main/ingest/sources/cloudtrail/event-time.js';
import { normalizeCloudTrailRecord } from '../../../main/ingest/sources/cloudtrail/normalize.js';
import { ingestPaths } from '../../../main/ingest/pipeline.js';
import { openCase } from '../../../main/store/open-case.js';
import { CaseFileError } from '../../../main/store/migrate.js';
import { countMatches } from '../../helpers/timeline-queries.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (id: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.08',
  eventTime: '2024-03-01T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  eventID: id,
  ...extra,
});

describe('times for every year 0000–9999', () => {
  it.each([
    ['0001-01-01T00:00:00Z', -62135596800000],
    ['0099-12-31T23:59:59Z', -59011459201000],
    ['1970-01-01T00:00:00Z', 0],
    ['9999-12-31T23:59:59.999Z', 253402300799999],
  ])('%s', (text, expected) => {
    // expected: python3 -c "import datetime as d; print(int((d.datetime(1,1,1,tzinfo=d.timezone.utc)-d.datetime(1970,1,1,tzinfo=d.timezone.utc)).total_seconds()*1000))"
    expect(parseEventTime(text)).toBe(expected);
    expect(new Date(expected).toISOString().slice(0, 19)).toBe(text.slice(0, 19));
  });
});

describe('records nested very deeply', () => {
  it('refuses one 20,000 levels deep with a clear error instead of overflowing the stack', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`) as unknown;
    const result = normalizeCloudTrailRecord(record('deep', { requestParameters: deep }), 'raw');
    expect(result).toEqual({ error: expect.stringMatching(/nested too deeply/) });
  });

  it('keeps one 2,500 levels deep, as JSON text', () => {
    const deep = JSON.parse(`${'['.repeat(2_500)}1${']'.repeat(2_500)}`) as unknown;
    const result = normalizeCloudTrailRecord(record('deep', { requestParameters: deep }), 'raw');
    expect('event' in result && result.event.requestParameters?.length).toBe(5_001);
  });
});

describe('the import goes on', () => {
  it('past an unreadable file (recorded with the reason), and never imports the case into itself', async () => {
    const evidence = join(dir, 'evidence');
    mkdirSync(evidence);
    writeFileSync(join(evidence, 'a.json'), JSON.stringify({ Records: [record('a-1'), record('a-2')] }));
    writeFileSync(join(evidence, 'locked.json'), JSON.stringify({ Records: [record('l-1')] }));
    chmodSync(join(evidence, 'locked.json'), 0o000);
    const casePath = join(evidence, 'case.cairn'); // inside its own evidence folder
    const db = openCase(casePath, { create: true });
    try {
      await ingestPaths(db, [evidence]);
      const summary = await ingestPaths(db, [evidence]);
      const paths = summary.files.map((file) => file.path);
      expect(paths.some((path) => path.startsWith(casePath))).toBe(false);
      const locked = summary.files.find((file) => file.path.endsWith('locked.json'));
      if (process.getuid?.() !== 0) {
        // root reads anything: the permission test only means something for other users
        expect(locked).toMatchObject({ status: 'failed', errors: [{ location: 'file', message: expect.stringMatching(/cannot read/) }] });
      }
      expect(countMatches(db, 'eventName:GetObject')).toBeGreaterThanOrEqual(2);
    } finally {
      db.close();
      chmodSync(join(evidence, 'locked.json'), 0o600);
    }
  });

  it('refuses an empty file given as the case instead of turning it into a database', () => {
    const empty = join(dir, 'empty.cairn');
    writeFileSync(empty, '');
    expect(() => openCase(empty, { create: true })).toThrow(CaseFileError);
    expect(() => openCase(empty, { create: true })).toThrow(/empty file, not a Cairn case/);
  });
});
