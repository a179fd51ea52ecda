import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { ingestPaths, MAX_ARCHIVE_DEPTH } from '../../../main/ingest/pipeline.js';
import { SNIFF_BYTES } from '../../../main/ingest/format.js';
import { sniffFormat } from '../../../main/ingest/formats.js';
import { removeStaleSpools, withSpooledCopy } from '../../../main/ingest/containers/spool.js';
import { DEFAULT_EXPANSION_LIMITS } from '../../../main/ingest/containers/limits.js';
import { openCase, type WritableDb } from '../../../main/store/open-case.js';
import { listEvidence } from '../../../main/store/queries/evidence.js';
import { countMatches } from '../../helpers/timeline-queries.js';
import { cloudTrailCsvFormat } from '../../../main/ingest/sources/cloudtrail/csv.js';
import { parseWith } from './test-helpers.js';
import { cloudTrailRecord, recordsFile } from '../../fixtures/cloudtrail-records.js';

// One bad member, byte, line or key must cost that record or member only: each case below was a
// whole-file (or whole-archive) failure before.

let dir: string;
let db: WritableDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-isolation-'));
  db = openCase(join(dir, 'case.cairn'), { create: true });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (query = ''): number => countMatches(db, query);
const line = (n: number, overrides: Record<string, unknown> = {}): string => JSON.stringify(cloudTrailRecord(n, overrides));

function zipBytes(entries: { name: string; data: Buffer; compress?: boolean }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const archive = new yazl.ZipFile();
    for (const entry of entries) archive.addBuffer(entry.data, entry.name, { compress: entry.compress ?? true });
    const chunks: Buffer[] = [];
    archive.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    archive.end();
  });
}

/** Offset of a member's data in a zip written by yazl (local header: 30 bytes + name, no extra). */
function memberDataOffset(zip: Buffer, name: string): number {
  return zip.indexOf(Buffer.from(name)) + name.length;
}

describe('1. a corrupt zip member', () => {
  it.each([
    ['an invalid deflate block', (zip: Buffer) => {
      zip[memberDataOffset(zip, 'b.json')] = 0xff; // BTYPE 11: reserved, invalid
    }],
    ['a broken local header', (zip: Buffer) => {
      zip[zip.indexOf(Buffer.from('b.json')) - 30] = 0x00; // "PK\x03\x04" signature
    }],
  ])('with %s is skipped with a located error and a custody row; later members import', async (_what, corrupt) => {
    const zip = await zipBytes([
      { name: 'a.json', data: Buffer.from(recordsFile([cloudTrailRecord(1)])) },
      { name: 'b.json', data: Buffer.from(recordsFile([cloudTrailRecord(2)])) },
      { name: 'c.json', data: Buffer.from(recordsFile([cloudTrailRecord(3)])) },
    ]);
    corrupt(zip);
    const path = join(dir, 'export.zip');
    writeFileSync(path, zip);
    const summary = await ingestPaths(db, [path]);
    const archive = summary.files.find((file) => file.format === 'zip');
    expect(archive?.status).toBe('partial');
    expect(archive?.errors).toEqual([{ location: 'member b.json', message: expect.stringMatching(/cannot be read/) }]);
    expect(summary.files.map((file) => [file.path.replace(dir, ''), file.status])).toEqual([
      ['/export.zip', 'partial'],
      ['/export.zip!/a.json', 'ingested'],
      ['/export.zip!/b.json', 'failed'],
      ['/export.zip!/c.json', 'ingested'],
    ]);
    const custody = listEvidence(db).find((file) => file.path.endsWith('!/b.json'));
    expect(custody).toMatchObject({ status: 'failed', parentId: listEvidence(db).find((file) => file.format === 'zip')?.id });
    expect(count()).toBe(2);
  });
});

describe('2. a stray NUL byte in the head', () => {
  it('no longer makes a text file "binary": the record holding it is refused alone', async () => {
    const text = [line(1), line(2).replace('GetObject', 'Get\u0000Object'), line(3)].join('\n') + '\n';
    const path = join(dir, 'nul.ndjson');
    writeFileSync(path, text);
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-ndjson', status: 'partial', records: 2 });
    expect(summary.files[0]?.errors).toEqual([{ location: 'line 2', message: expect.stringMatching(/JSON/) }]);
    expect(count()).toBe(2);
  });

  it('in the first record of a {"Records":[…]} file: that record is refused, the others import', async () => {
    const records = recordsFile([cloudTrailRecord(1), cloudTrailRecord(2)]).replace('ci-deploy', 'ci-\u0000deploy');
    const path = join(dir, 'nul.json');
    writeFileSync(path, records);
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-s3', status: 'partial', records: 1 });
    expect(summary.files[0]?.errors[0]?.location).toBe('record 1');
  });

  it('still calls real binary content binary', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(sniffFormat(junk)).toBeNull();
  });
});

describe('3. a bad first NDJSON line', () => {
  it.each([
    ['truncated', `${line(0).slice(0, 40)}\n`],
    ['garbage', 'Exported by SIEM v3 -- do not edit\n'],
    ['binary junk', '\u0000\u0001\u0002junk\n'],
  ])('(%s) is refused alone; the file is recognised from its good lines', async (_what, first) => {
    const path = join(dir, 'first.ndjson');
    writeFileSync(path, first + [line(1), line(2)].join('\n') + '\n');
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-ndjson', status: 'partial', records: 2 });
    expect(summary.files[0]?.errors).toEqual([{ location: 'line 1', message: expect.any(String) }]);
    expect(count()).toBe(2);
  });

  it('does not claim pretty-printed JSON', () => {
    expect(sniffFormat(Buffer.from(JSON.stringify(cloudTrailRecord(1), null, 2)))?.id).toBe('cloudtrail-json-objects');
  });
});

describe('4. a {"Records":[…]} file whose Records key comes after the sniffing window', () => {
  it('is recognised by a second, streaming probe and imported', async () => {
    const padding = 'x'.repeat(SNIFF_BYTES + 1000);
    const text = `{"exportedBy":"forensics-kit","notes":"${padding}","Records":[${line(1)},${line(2)}]}`;
    const path = join(dir, 'late.json');
    writeFileSync(path, text);
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-s3', status: 'ingested', records: 2 });
    expect(count()).toBe(2);
  });

  it('also inside gzip; and a big object with no Records stays unrecognized', async () => {
    const padding = 'y'.repeat(SNIFF_BYTES * 2);
    const late = join(dir, 'late.json.gz');
    writeFileSync(late, gzipSync(`{"meta":{"a":"${padding}"},"Records":[${line(3)}]}`));
    const other = join(dir, 'other.json');
    writeFileSync(other, `{"meta":"${padding}","Items":[1,2,3]}`);
    const summary = await ingestPaths(db, [late, other]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-s3', records: 1 });
    expect(summary.files[1]).toMatchObject({ status: 'failed', errors: [{ location: 'file', message: expect.stringMatching(/unrecognized/) }] });
  });
});

describe('5. bytes after a gzip stream', () => {
  it('a second member is read too (as gunzip does)', async () => {
    const path = join(dir, 'two.json.gz');
    writeFileSync(path, Buffer.concat([gzipSync(`${line(1)}\n`), gzipSync(`${line(2)}\n`)]));
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-ndjson', status: 'ingested', records: 2 });
  });

  it('trailing garbage is a located warning, what came before imports', async () => {
    const path = join(dir, 'junk.json.gz');
    const gz = gzipSync(recordsFile([cloudTrailRecord(1), cloudTrailRecord(2)]));
    writeFileSync(path, Buffer.concat([gz, Buffer.from('\r\nDOWNLOAD COMPLETE\r\n')]));
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ format: 'cloudtrail-s3', status: 'partial', records: 2 });
    expect(summary.files[0]?.errors).toEqual([
      { location: 'file', message: `21 bytes after the end of the gzip data (at byte ${gz.length}) are not gzip; ignored` },
    ]);
    expect(count()).toBe(2);
  });

  it('zero padding is not worth a warning; a corrupt second member still fails the file', async () => {
    const padded = join(dir, 'padded.json.gz');
    writeFileSync(padded, Buffer.concat([gzipSync(recordsFile([cloudTrailRecord(1)])), Buffer.alloc(512)]));
    const second = gzipSync(`${line(3)}\n`);
    second.writeUInt8((second.at(-6) ?? 0) ^ 0xff, second.length - 6); // CRC-32
    const bad = join(dir, 'bad.json.gz');
    writeFileSync(bad, Buffer.concat([gzipSync(`${line(2)}\n`), second]));
    const summary = await ingestPaths(db, [padded, bad]);
    expect(summary.files[0]).toMatchObject({ status: 'ingested', errors: [] });
    expect(summary.files[1]).toMatchObject({ status: 'failed', errors: [{ message: expect.stringMatching(/member 2 is corrupt/) }] });
    expect(count()).toBe(1);
  });
});

describe('gzip read member by member', () => {
  it('fails a file whose compressed data is damaged (the fuzz corpus caught the member reader hanging here)', async () => {
    const gz = gzipSync(recordsFile(Array.from({ length: 40 }, (_, n) => cloudTrailRecord(n))));
    const damaged = Buffer.concat([gz.subarray(0, 200), gz.subarray(60, 400), gz.subarray(200)]);
    const path = join(dir, 'damaged.json.gz');
    writeFileSync(path, damaged);
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ status: 'failed', errors: [{ location: 'file', message: expect.stringMatching(/truncated or corrupt|corrupt/) }] });
    expect(count()).toBe(0);
  });
});

describe('a CSV cell nested 100,000 levels deep (found by the fuzz corpus)', () => {
  it.each([
    ['a Python literal', `${'['.repeat(100_000)}1`], // not JSON (unclosed), so read as Python
    ['an Athena struct', '{a='.repeat(50_000)],
  ])('as %s is kept as text: no stack overflow, the rows import', async (_what, cell) => {
    const csv = [
      'eventTime,eventName,eventSource,requestParameters',
      `2024-05-10T08:00:00Z,GetObject,s3.amazonaws.com,"${cell}"`,
      '2024-05-10T08:00:01Z,GetObject,s3.amazonaws.com,{}',
    ].join('\n');
    const parsed = await parseWith(cloudTrailCsvFormat, Buffer.from(csv));
    expect(parsed.events.length + parsed.errors.length).toBe(2);
    expect(parsed.events.length).toBeGreaterThanOrEqual(1);
  });
});

describe('6. UTF-16 files with a BOM', () => {
  const utf16be = (text: string): Buffer => Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  it.each([
    ['LE', (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le')],
    ['BE', utf16be],
  ])('%s are decoded before sniffing and parsing', async (_what, encode) => {
    const json = join(dir, 'records.json');
    writeFileSync(json, encode(recordsFile([cloudTrailRecord(1, { userAgent: 'Zoë’s 🛠 tool' }), cloudTrailRecord(2)])));
    const lines = join(dir, 'lines.ndjson');
    writeFileSync(lines, encode([line(3), line(4)].join('\r\n')));
    const summary = await ingestPaths(db, [json, lines]);
    expect(summary.files.map((file) => [file.format, file.status, file.records])).toEqual([
      ['cloudtrail-s3', 'ingested', 2],
      ['cloudtrail-ndjson', 'ingested', 2],
    ]);
    expect(count('userAgent:"Zoë’s 🛠 tool"')).toBe(1);
  });

  it('a surrogate pair split across chunks stays whole', async () => {
    const path = join(dir, 'big.json.gz');
    const records = Array.from({ length: 400 }, (_, n) => cloudTrailRecord(n, { userAgent: `🛠${'é'.repeat(n)}` }));
    writeFileSync(path, gzipSync(Buffer.from(`\ufeff${recordsFile(records)}`, 'utf16le')));
    const summary = await ingestPaths(db, [path]);
    expect(summary.files[0]).toMatchObject({ status: 'ingested', records: 400 });
    expect(count('userAgent:"🛠éé"')).toBe(1);
  });
});

describe('7. nested archives', () => {
  async function nest(levels: number): Promise<string> {
    let data: Buffer = Buffer.from(recordsFile([cloudTrailRecord(levels)]));
    let name = 'records.json';
    for (let level = levels; level >= 1; level--) {
      data = await zipBytes([{ name, data }]);
      name = `level${level}.zip`;
    }
    const path = join(dir, `nested-${levels}.zip`);
    writeFileSync(path, data);
    return path;
  }

  it(`opens ${MAX_ARCHIVE_DEPTH} levels, as the message says`, async () => {
    expect(MAX_ARCHIVE_DEPTH).toBe(3);
    const summary = await ingestPaths(db, [await nest(3)]);
    expect(summary.files.at(-1)).toMatchObject({ format: 'cloudtrail-s3', records: 1 });
    expect(summary.files.at(-1)?.path).toMatch(/nested-3\.zip!\/level2\.zip!\/level3\.zip!\/records\.json$/);
    expect(count()).toBe(1);
  });

  it('refuses the fourth, with a message that names the limit', async () => {
    const summary = await ingestPaths(db, [await nest(4)]);
    const refused = summary.files.find((file) => file.path.endsWith('!/level4.zip'));
    expect(refused).toMatchObject({
      status: 'failed',
      errors: [{ location: 'file', message: `archive nested deeper than ${MAX_ARCHIVE_DEPTH} levels, not opened` }],
    });
    expect(count()).toBe(0);
  });
});

describe('8. spool copies', () => {
  it('are made in a folder named for the process, and removed after use', async () => {
    let seen = '';
    await withSpooledCopy((async function* () { yield Buffer.from('evidence'); })(), DEFAULT_EXPANSION_LIMITS, async (spooled) => {
      seen = spooled.path;
      expect(readFileSync(spooled.path, 'utf8')).toBe('evidence');
    }, dir);
    expect(seen).toContain(join(dir, `cairn-spool-${process.pid}-`));
    expect(existsSync(seen)).toBe(false);
  });

  it("left by a killed process are removed at the start of an import; a live process's are kept", async () => {
    const dead = join(dir, 'cairn-spool-999999999-abc123');
    const live = join(dir, `cairn-spool-${process.pid}-def456`);
    const parent = join(dir, `cairn-spool-${process.ppid}-ghi789`);
    const unrelated = join(dir, 'cairn-spool-notapid');
    for (const folder of [dead, live, parent, unrelated]) {
      mkdirSync(folder);
      writeFileSync(join(folder, 'member'), 'copy of evidence');
    }
    expect(await removeStaleSpools(dir)).toEqual([dead]);
    expect((await readdir(dir)).filter((name) => name.startsWith('cairn-spool-')).sort()).toEqual(
      [live, parent, unrelated].map((folder) => folder.slice(dir.length + 1)).sort(),
    );
  });

  it('ingestPaths cleans the system temp folder before it starts', async () => {
    const stale = mkdtempSync(join(tmpdir(), 'cairn-spool-999999998-'));
    writeFileSync(join(stale, 'member'), 'copy of evidence');
    const path = join(dir, 'a.json');
    writeFileSync(path, recordsFile([cloudTrailRecord(1)]));
    await ingestPaths(db, [path]);
    expect(existsSync(stale)).toBe(false);
  });
});

describe('9. whitespace-only eventIDs', () => {
  it('count as absent: two records with eventID "  " and different content are two events', async () => {
    const path = join(dir, 'blank-ids.ndjson');
    writeFileSync(path, [line(1, { eventID: '  ' }), line(2, { eventID: '  ' }), line(2, { eventID: '\t' })].join('\n'));
    const summary = await ingestPaths(db, [path]);
    // Lines 2 and 3 differ only in their (blank) eventID: different raw text, so two rows too.
    expect(summary.files[0]).toMatchObject({ records: 3, inserted: 3, duplicates: 0 });
    expect(count()).toBe(3);
    const again = join(dir, 'again.ndjson');
    writeFileSync(again, [line(1, { eventID: '  ' }), line(5, { eventID: '  ' })].join('\n'));
    const second = await ingestPaths(db, [again]);
    // The same raw record is a duplicate by its hash; the new one is not swallowed by a shared "  " id.
    expect(second.files[0]).toMatchObject({ records: 2, inserted: 1, duplicates: 1 });
  });
});

describe('archives stream to a named temp file only while read', () => {
  it('leaves no spool folder of this process behind after a tar import', async () => {
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith(`cairn-spool-${process.pid}-`));
    const { pack } = await import('tar-stream');
    const tarball = pack();
    const chunks: Buffer[] = [];
    tarball.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    const ended = new Promise<void>((resolve) => tarball.on('end', () => resolve()));
    tarball.entry({ name: 'one.json' }, recordsFile([cloudTrailRecord(1)]));
    tarball.finalize();
    await ended;
    const path = join(dir, 'bundle.tar');
    await new Promise<void>((resolve) => createWriteStream(path).end(Buffer.concat(chunks), resolve));
    const summary = await ingestPaths(db, [path]);
    expect(summary.files.map((file) => file.format)).toEqual(['tar', 'cloudtrail-s3']);
    const after = (await readdir(tmpdir())).filter((name) => name.startsWith(`cairn-spool-${process.pid}-`));
    expect(after).toEqual(before);
  });
});
