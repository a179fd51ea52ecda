import { afterAll, describe, expect, it } from 'vitest';
import { SourceRegistry } from '../../../main/core/source-registry.js';
import type { SourceDescriptor } from '../../../main/core/source-descriptor.js';
import { cloudTrailSource } from '../../../main/ingest/sources/cloudtrail/descriptor.js';
import { openCase } from '../../../main/store/open-case.js';
import { TimelineWriter } from '../../../main/store/queries/timeline-writer.js';
import { countTimeline, presentSources, queryTimeline } from '../../../main/store/queries/timeline.js';
import { buildTimelineFilter } from '../../../main/services/event-filter.js';
import { sampleEvent } from '../../helpers/sample-events.js';
import { cloudTrailRecord } from '../../../main/ingest/sources/cloudtrail/descriptor.js';
import { ensureSourceIndexes } from '../../../main/store/source-tables.js';

/**
 * Adding a source takes its descriptor and nothing else: the table, writer, full text, query
 * fields and timeline rows all follow from it. A made-up "badge reader" log proves it.
 */
const badgeSource: SourceDescriptor = {
  id: 'badge',
  label: 'Badge reader',
  description: 'Door badge swipes (test source)',
  table: 'badge_swipes',
  fields: [
    { name: 'door', column: 'door', type: 'text', indexed: true, fullText: true, aliases: ['door_name'] },
    { name: 'badgeHolder', column: 'holder', type: 'text', fullText: true },
    { name: 'granted', column: 'granted', type: 'bool' },
    { name: 'attempts', column: 'attempts', type: 'int' },
    { name: 'readerIp', column: 'reader_ip', type: 'ip', cidrIndexed: true },
  ],
  defaultColumns: ['door', 'badgeHolder', 'granted'],
  project: (fields) => ({
    message: `badge at ${String(fields.door)}`,
    actor: typeof fields.badgeHolder === 'string' ? fields.badgeHolder : null,
    target: null,
    outcome: fields.granted ? 'granted' : 'denied',
  }),
};
const sources = new SourceRegistry([cloudTrailSource, badgeSource]);
const db = openCase(':memory:');
afterAll(() => db.close());

const t0 = Date.UTC(2024, 4, 1, 9, 0);
db.prepare(`INSERT INTO evidence_files(path, name, bytes, sha256, imported_at, status) VALUES ('/e', 'e', 1, 'x', 0, 'ingested')`).run();
const writer = new TimelineWriter(db, sources);
db.transaction(() => {
  const swipe = (minute: number, door: string, holder: string, granted: boolean, ip: string) =>
    writer.write(
      { source: 'badge', time: t0 + minute * 60_000, nativeId: null, raw: `${minute} ${door} ${holder}`, fields: { door, badgeHolder: holder, granted, attempts: granted ? 1 : 3, readerIp: ip } },
      1,
      `line ${minute}`,
    );
  swipe(1, 'server-room', 'mallory', false, '10.1.2.3');
  swipe(2, 'server-room', 'mallory', true, '10.1.2.3');
  swipe(3, 'lobby', 'alice', true, '192.168.7.9');
  writer.write(cloudTrailRecord(sampleEvent({ time: t0 + 90_000, eventName: 'ConsoleLogin', eventId: 'ct-1', userName: 'mallory' })), 1, 'record 1');
  writer.flush();
  writer.indexFullText();
})();
ensureSourceIndexes(db, sources.descriptors);

const ids = (query: string) => {
  const filter = buildTimelineFilter({ query }, { sources, present: presentSources(db).map((row) => row.source) });
  return { count: countTimeline(db, filter), rows: queryTimeline(db, sources, { filter, order: 'asc', limit: 50 }) };
};

describe('a source added by a descriptor alone', () => {
  it('gets its own detail table and indexes', () => {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('badge_swipes')`).all() as { name: string }[]).map((row) => row.name);
    expect(columns).toEqual(['id', 'time', 'door', 'holder', 'granted', 'attempts', 'reader_ip', 'reader_ip_key']);
    const indexes = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'badge_swipes'`).all() as { name: string }[]).map((row) => row.name);
    expect(indexes.sort()).toEqual(['badge_swipes_by_door_time', 'badge_swipes_by_reader_ip_key_time', 'badge_swipes_by_time']);
  });

  it('sits on the one timeline with the other sources, in time order', () => {
    const { count, rows } = ids('');
    expect(count).toBe(4);
    expect(rows.map((row) => row.source)).toEqual(['badge', 'cloudtrail', 'badge', 'badge']);
    expect(ids('source:badge').count).toBe(3);
  });

  it('answers its own fields, aliases, booleans, numbers and CIDR blocks', () => {
    expect(ids('door:server-room').count).toBe(2);
    expect(ids('door_name:LOBBY').count).toBe(1);
    expect(ids('granted:false').rows.map((row) => row.fields.badgeHolder)).toEqual(['mallory']);
    expect(ids('attempts:>=2').count).toBe(1);
    expect(ids('readerIp:10.0.0.0/8').count).toBe(2);
    expect(ids('readerIp:192.168.0.0/16').rows[0]?.fields.door).toBe('lobby');
    // A CloudTrail field matches no badge row; NOT of it matches them all.
    expect(ids('NOT eventName:ConsoleLogin').count).toBe(3);
  });

  it('is in full-text search, across sources', () => {
    expect(ids('mallory').rows.map((row) => row.source).sort()).toEqual(['badge', 'badge', 'cloudtrail']);
    expect(ids('"server room"').count).toBe(2);
  });

  it('brings its fields back by name, typed', () => {
    const [first] = ids('door:server-room').rows;
    expect(first?.fields).toEqual({ door: 'server-room', badgeHolder: 'mallory', granted: false, attempts: 3, readerIp: '10.1.2.3' });
  });

  it('refuses a field name that means two types in two sources', () => {
    const clash: SourceDescriptor = { ...badgeSource, id: 'clash', table: 'clash_rows', fields: [{ name: 'door', column: 'door', type: 'int' }], defaultColumns: [] };
    expect(() => new SourceRegistry([badgeSource, clash])).toThrow(/door.*text.*int/);
  });
});

describe('address keys', () => {
  it('are the same for IPv4 through the fast path and through ipaddr.js, and refuse leading zeros and out-of-range parts', async () => {
    const { ipKey, cidrKeyRange } = await import('../../../main/core/ip-key.js');
    const ipaddr = (await import('ipaddr.js')).default;
    for (const text of ['0.0.0.0', '10.1.2.3', '192.168.255.255', '255.255.255.255', '1.2.3.4']) {
      expect(ipKey(text)).toEqual(Buffer.from(ipaddr.IPv4.parse(text).toIPv4MappedAddress().toByteArray()));
    }
    for (const bad of ['075.050.255.67', '256.1.1.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', '']) expect(ipKey(bad)).toBeNull();
    const block = cidrKeyRange('10.0.0.0/8');
    const inside = ipKey('10.200.3.4');
    expect(block && inside && Buffer.compare(block.first, inside) <= 0 && Buffer.compare(inside, block.last) <= 0).toBe(true);
    expect(ipKey('2001:db8::1')).toEqual(ipKey('2001:0DB8:0:0::1'));
  });
});
