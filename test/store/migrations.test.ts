import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, CAIRN_APPLICATION_ID, CaseFileError } from '../../main/store/migrate.js';
import { migrations, latestSchemaVersion } from '../../main/store/migrations/index.js';
import { migration0001 } from '../../main/store/migrations/0001-initial.js';
import { migration0002 } from '../../main/store/migrations/0002-annotations-and-rollup.js';
import { openCase, type WritableDb } from '../../main/store/open-case.js';

function tables(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table') ORDER BY name`).all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !name.startsWith('events_fts_'));
}


/** Folders made by these tests, removed when they end. */
const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(latestSchemaVersion).toBe(migrations.length);
  });

  it('0001 creates the custody and timeline tables as STRICT tables', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0001]);
    expect(tables(db)).toEqual(['audit_log', 'case_meta', 'event_raw', 'events', 'events_fts', 'evidence_files', 'imports']);
    const sql = (db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'events'`).get() as { sql: string }).sql;
    expect(sql).toMatch(/\) STRICT$/);
    expect(() =>
      db.prepare(`INSERT INTO events(time, source, file_id, locator, dedupe_key) VALUES ('not a number', 'x', 1, 'l', 'k')`).run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(CAIRN_APPLICATION_ID);
  });

  it('0002 adds annotations and backfills the per-minute rollup from existing events', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0001]);
    db.prepare(`INSERT INTO evidence_files(path, name, bytes, sha256, imported_at, status) VALUES ('p', 'n', 1, 's', 0, 'ingested')`).run();
    const insert = db.prepare(`INSERT INTO events(time, source, file_id, locator, dedupe_key) VALUES (?, 'cloudtrail', 1, 'l', ?)`);
    insert.run(Date.UTC(2024, 0, 1, 10, 0, 5), 'a');
    insert.run(Date.UTC(2024, 0, 1, 10, 0, 59), 'b');
    insert.run(Date.UTC(2024, 0, 1, 10, 1, 0), 'c');
    insert.run(-1, 'd'); // before 1970: floor, not truncation
    migrate(db, [migration0001, migration0002]);
    const minutes = db.prepare(`SELECT minute, count FROM event_minutes ORDER BY minute`).all();
    const tenAm = Date.UTC(2024, 0, 1, 10, 0) / 60000;
    expect(minutes).toEqual([
      { minute: -1, count: 1 },
      { minute: tenAm, count: 2 },
      { minute: tenAm + 1, count: 1 },
    ]);
    expect(tables(db)).toContain('annotations');
    expect(tables(db)).toContain('event_tags');
  });

  it('is idempotent and leaves a migrated file alone', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(migrate(db)).toBe(latestSchemaVersion);
  });

  it('refuses a case file from a newer Cairn', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    expect(() => migrate(db)).toThrow(CaseFileError);
    expect(() => migrate(db)).toThrow(/newer than this Cairn/);
  });

  it('refuses a SQLite database that is not a case file', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE something_else (x)');
    expect(() => migrate(db)).toThrow(/not a Cairn case file/);
  });

  it('rolls a failing migration back entirely', () => {
    const db = new Database(':memory:');
    const broken = { version: 2, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT nope FROM nowhere;') };
    expect(() => migrate(db, [migration0001, broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).not.toContain('half');
  });

  it('openCase refuses a missing file unless asked to create it, and read-only handles cannot write', () => {
    const dir = tempDir('cairn-mig-');
    const path = join(dir, 'case.cairn');
    expect(() => openCase(path)).toThrow(/not found/);
    openCase(path, { create: true }).close();
    const readonly = openCase(path, { readonly: true });
    expect(() => readonly.prepare(`INSERT INTO case_meta VALUES ('a', 'b')`).run()).toThrow(/readonly/);
    readonly.close();
  });
});

describe('deferred indexes (bulk load)', () => {
  const indexNames = (db: Database.Database): string[] =>
    (
      db
        .prepare(
          `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('timeline', 'cloudtrail_events') AND sql IS NOT NULL ORDER BY name`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);

  it('are rebuilt when a case interrupted mid-import is opened again', async () => {
    const { deferIndexes } = await import('../../main/store/deferred-indexes.js');
    const { SOURCES } = await import('../../main/ingest/sources/index.js');
    const path = join(tempDir('cairn-defer-'), 'case.cairn');
    const db = openCase(path, { create: true });
    const before = indexNames(db);
    deferIndexes(db, SOURCES.descriptors);
    expect(indexNames(db)).toEqual(['timeline_by_time_dedupe_key']); // the unique dedupe key stays
    db.close(); // the import "crashed" here
    const reopened = openCase(path);
    expect(indexNames(reopened)).toEqual(before);
    expect(reopened.prepare(`SELECT count(*) AS n FROM case_meta WHERE key = 'deferred_indexes'`).get()).toEqual({ n: 0 });
    reopened.close();
  });

  it('are left alone while the importing process is still alive (a second window never aborts an import)', async () => {
    const { SOURCES } = await import('../../main/ingest/sources/index.js');
    const { deferrableIndexes } = await import('../../main/store/source-tables.js');
    const { spawn } = await import('node:child_process');
    const path = join(tempDir('cairn-defer-'), 'case.cairn');
    const importer = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const db = openCase(path, { create: true });
      const indexes = deferrableIndexes(db, SOURCES.descriptors);
      db.prepare(`INSERT INTO case_meta(key, value) VALUES ('deferred_indexes', ?)`).run(JSON.stringify({ pid: importer.pid, indexes }));
      for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
      db.close();
      const second = openCase(path);
      expect(indexNames(second)).toEqual(['timeline_by_time_dedupe_key']);
      second.close();
    } finally {
      importer.kill();
    }
  });
});

describe('0003 (timeline spine)', () => {
  it('upgrades a v2 case: the same events, raw records, annotations, tags, full text and custody rows', async () => {
    const { countMatches, firstMatches } = await import('../helpers/timeline-queries.js');
    const { getAnnotation } = await import('../../main/store/queries/annotations.js');
    const db = new Database(':memory:');
    migrate(db, [migration0001, migration0002]);
    db.prepare(`INSERT INTO evidence_files(path, name, bytes, sha256, imported_at, status, records, inserted) VALUES ('/e/a.json', 'a.json', 10, 'abc', 5, 'ingested', 2, 2)`).run();
    const insert = db.prepare(
      `INSERT INTO events(time, source, event_name, user_name, source_ip, resources, read_only, event_id, file_id, locator, dedupe_key)
       VALUES (?, 'cloudtrail', ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    insert.run(1000, 'StopLogging', 'mallory', '203.0.113.9', '["arn:aws:cloudtrail:us-east-1:1:trail/main"]', 0, 'e-1', 'record 1', 'cloudtrail:id:e-1');
    insert.run(2000, 'GetObject', 'alice', '10.0.0.5', null, 1, 'e-2', 'record 2', 'cloudtrail:id:e-2');
    db.prepare(`INSERT INTO event_raw(id, raw) VALUES (1, '{"eventID":"e-1"}'), (2, '{"eventID":"e-2"}')`).run();
    db.prepare(`INSERT INTO events_fts(rowid, doc) VALUES (1, 'StopLogging mallory'), (2, 'GetObject alice')`).run();
    db.prepare(`INSERT INTO annotations(event_id, starred, note, updated_at) VALUES (1, 1, 'trail stopped by the intruder', 77)`).run();
    db.prepare(`INSERT INTO event_tags(event_id, tag) VALUES (1, 'evasion')`).run();

    migrate(db); // through 0003 and every later step, as opening the case does
    const wdb = db as WritableDb;
    expect(countMatches(wdb)).toBe(2);
    expect(countMatches(wdb, 'eventName:StopLogging starred:true tag:evasion')).toBe(1);
    expect(countMatches(wdb, 'mallory')).toBe(1); // full text kept
    expect(countMatches(wdb, 'sourceIp:203.0.113.0/24')).toBe(1); // address keys backfilled
    const [row] = firstMatches(wdb, 'eventName:StopLogging');
    expect(row).toMatchObject({ id: 1, time: 1000, source: 'cloudtrail', fileId: 1, locator: 'record 1', raw: '{"eventID":"e-1"}' });
    expect(row?.fields).toMatchObject({ userName: 'mallory', readOnly: false, resources: ['arn:aws:cloudtrail:us-east-1:1:trail/main'] });
    expect(getAnnotation(wdb, 1)).toEqual({
      id: 1,
      starred: true,
      tags: ['evasion'],
      notes: [{ id: 1, author: 'analyst', at: 77, text: 'trail stopped by the intruder' }],
    });
    expect(db.prepare(`SELECT path, sha256, status FROM evidence_files`).all()).toEqual([{ path: '/e/a.json', sha256: 'abc', status: 'ingested' }]);
    expect(db.prepare(`SELECT source, rows FROM timeline_sources`).all()).toEqual([{ source: 'cloudtrail', rows: 2 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('0004 (report and review)', () => {
  it('adds report sections and review items, STRICT, with review items tied to timeline rows', async () => {
    const { migration0003 } = await import('../../main/store/migrations/0003-timeline-spine.js');
    const { migration0004 } = await import('../../main/store/migrations/0004-report-and-review.js');
    const db = new Database(':memory:');
    migrate(db, [migration0001, migration0002, migration0003, migration0004]);
    db.pragma('foreign_keys = ON');
    db.prepare(`INSERT INTO report_sections(section, text, author, updated_at) VALUES ('summary', 'key leaked', 'a', 1)`).run();
    expect(() =>
      db.prepare(`INSERT INTO review_items(kind, text, author, created_at, updated_at, event_id) VALUES ('action', 'rotate', 'a', 1, 1, 999)`).run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`INSERT INTO report_sections(section, text, author, updated_at) VALUES ('x', 'y', 'a', 'later')`).run()).toThrow(
      /cannot store TEXT value in INTEGER column/,
    );
  });
});

describe('0005 (raw blocks)', () => {
  it('stores new raw records compressed in blocks and reads them back byte-exact, old rows from their raw rows', async () => {
    const { TimelineWriter } = await import('../../main/store/queries/timeline-writer.js');
    const { SOURCES } = await import('../../main/ingest/sources/index.js');
    const { cloudTrailRecord } = await import('../../main/ingest/sources/cloudtrail/descriptor.js');
    const { sampleEvent } = await import('../helpers/sample-events.js');
    const { firstMatches } = await import('../helpers/timeline-queries.js');
    const db = openCase(':memory:');
    db.prepare(`INSERT INTO evidence_files(path, name, bytes, sha256, imported_at, status) VALUES ('/e', 'e', 1, 'x', 0, 'ingested')`).run();
    const writer = new TimelineWriter(db, SOURCES);
    // Records with multi-byte text and different sizes, enough to span several 64 KiB blocks.
    const raws = Array.from({ length: 400 }, (_, i) => JSON.stringify({ eventID: `r-${i}`, note: `é✓ ${'x'.repeat(i * 7)}` }));
    db.transaction(() => {
      raws.forEach((raw, i) =>
        writer.write(cloudTrailRecord(sampleEvent({ time: 1_000 + i, eventId: `r-${i}`, raw })), 1, `record ${i + 1}`),
      );
      writer.flush();
    })();
    const blocks = (db.prepare(`SELECT count(*) AS n FROM raw_blocks`).get() as { n: number }).n;
    expect(blocks).toBeGreaterThan(2);
    expect((db.prepare(`SELECT count(*) AS n FROM timeline_raw`).get() as { n: number }).n).toBe(0);
    const rows = firstMatches(db, '', 400);
    expect(rows.map((row) => row.raw)).toEqual(raws);
    const stored = (db.prepare(`SELECT sum(length(data)) AS n FROM raw_blocks`).get() as { n: number }).n;
    expect(stored).toBeLessThan(raws.reduce((sum, raw) => sum + Buffer.byteLength(raw), 0) / 4);
    db.close();
  });
});
