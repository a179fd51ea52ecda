import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase } from '../../../main/store/open-case.js';
import { CaseSession, createApiHost, type ApiHost } from '../../../main/services/api-dispatcher.js';
import { listAudit } from '../../../main/store/audit.js';
import { sampleEvent, storeEvents } from '../../helpers/sample-events.js';
import type { EventPage, Annotation, Histogram } from '../../../preload/contract/api.js';

let dir: string;
let session: CaseSession;
let host: ApiHost;
let ids: number[];

const minute = 60_000;
const t0 = Date.UTC(2024, 2, 1, 12, 0, 0);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-api-'));
  const casePath = join(dir, 'case.cairn');
  const db = openCase(casePath, { create: true });
  ids = storeEvents(db, [
    sampleEvent({ time: t0, eventName: 'ConsoleLogin', eventId: 'e1' }),
    sampleEvent({ time: t0 + minute, eventName: 'StopLogging', eventId: 'e2', userAgent: '<img src=x onerror=alert(1)>' }),
    sampleEvent({ time: t0 + 2 * minute, eventName: 'StopLogging', eventId: 'e3' }),
    sampleEvent({ time: t0 + 90 * minute, eventName: 'GetObject', eventId: 'e4' }),
  ]);
  db.close();
  session = CaseSession.open(casePath);
  host = createApiHost({ session, actor: 'tester', log: () => {} });
});

afterEach(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

async function value<T>(channel: string, payload: unknown): Promise<T> {
  const result = await host.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('API host', () => {
  it('answers case info, counts and pages through the query workers', async () => {
    const info = await value<{ eventCount: number; timeRange: { min: number } }>('case:info', {});
    expect(info.eventCount).toBe(4);
    expect(info.timeRange.min).toBe(t0);
    expect(await value('events:count', { query: 'eventName:StopLogging' })).toEqual({ count: 2 });
    const first = await value<EventPage>('events:page', { limit: 3 });
    expect(first.rows.map((row) => row.fields.eventId)).toEqual(['e1', 'e2', 'e3']);
    expect(first.next).toEqual({ time: t0 + 2 * minute, id: ids[2] });
    const second = await value<EventPage>('events:page', { limit: 3, after: first.next });
    expect(second.rows.map((row) => row.fields.eventId)).toEqual(['e4']);
    expect(second.next).toBeNull();
    const newestFirst = await value<EventPage>('events:page', { limit: 2, order: 'desc' });
    expect(newestFirst.rows.map((row) => row.fields.eventId)).toEqual(['e4', 'e3']);
  });

  it('answers time-bounded counts and histograms (rollup and filtered agree)', async () => {
    expect(await value('events:count', { from: t0, to: t0 + 2 * minute })).toEqual({ count: 2 });
    expect(await value('events:count', { from: t0 + 1, to: t0 + 2 * minute })).toEqual({ count: 1 });
    const all = await value<Histogram>('events:histogram', { from: t0, to: t0 + 120 * minute, buckets: 4 });
    expect(all.bucketMs).toBe(30 * minute);
    expect(all.counts).toEqual([3, 0, 0, 1]);
    const filtered = await value<Histogram>('events:histogram', { query: 'eventName:StopLogging', from: t0, to: t0 + 120 * minute, buckets: 4 });
    expect(filtered.counts).toEqual([2, 0, 0, 0]);
  });

  it('reports query syntax errors with a position', async () => {
    const result = await host.dispatch('events:count', { query: 'eventName:(' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('query-syntax');
      expect(typeof result.error.position).toBe('number');
    }
  });

  it('rejects malformed payloads and unknown channels without running anything', async () => {
    const bad = await host.dispatch('events:page', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const extra = await host.dispatch('events:get', { id: 1, sql: 'DROP TABLE events' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await host.dispatch('shell:exec', {})).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await host.dispatch('events:get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('annotates events, filters by star and tag, and audits every change', async () => {
    const id = ids[1] as number;
    const annotation = await value<Annotation>('annotations:set', { id, starred: true, addTags: ['evasion'], addNote: 'trail stopped' });
    expect(annotation).toMatchObject({ id, starred: true, tags: ['evasion'], notes: [{ author: 'tester', text: 'trail stopped' }] });
    expect(await value('events:count', { query: 'note:stopped' })).toEqual({ count: 1 });
    expect(await value('events:count', { query: 'starred:true' })).toEqual({ count: 1 });
    expect(await value('events:count', { query: 'tag:evasion AND eventName:StopLogging' })).toEqual({ count: 1 });
    expect(await value('events:count', { query: 'NOT starred:true' })).toEqual({ count: 3 });
    expect(await value('annotations:tags', {})).toEqual([{ tag: 'evasion', count: 1 }]);
    const detail = await value<{ event: { fields: { userAgent: string }; starred: boolean }; annotation: Annotation }>('events:get', { id });
    expect(detail.event.fields.userAgent).toBe('<img src=x onerror=alert(1)>');
    expect(detail.event.starred).toBe(true);
    expect(detail.annotation.starred).toBe(true);
    const audit = listAudit(session.writer()).filter((entry) => entry.action === 'annotation.set');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe('tester');
  });

  it('answers top values of a field under a filter, with the total', async () => {
    const stats = await value<{ field: string; total: number; values: { value: string; count: number }[] }>('events:stats', {
      field: 'eventname',
      limit: 10,
    });
    expect(stats.field).toBe('eventName');
    expect(stats.total).toBe(4);
    expect(stats.values[0]).toEqual({ value: 'StopLogging', count: 2 });
    expect(stats.values.reduce((sum, entry) => sum + entry.count, 0)).toBe(4);
    expect(await host.dispatch('events:stats', { field: 'nosuchfield' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('describes the sources and their fields from the descriptors', async () => {
    const catalog = await value<{ common: { name: string }[]; sources: { id: string; fields: { name: string; aliases: string[] }[] }[] }>(
      'sources:catalog',
      {},
    );
    expect(catalog.common.map((field) => field.name)).toEqual(['time', 'source', 'starred', 'tag', 'note', 'rootCredential']);
    const cloudtrail = catalog.sources.find((source) => source.id === 'cloudtrail');
    expect(cloudtrail?.fields.find((field) => field.name === 'sourceIp')?.aliases).toContain('sourceIPAddress');
  });

  it('keeps saved searches in the case, audited', async () => {
    const saved = await value<{ id: number; name: string }>('searches:save', { name: 'evasion', query: 'eventName:StopLogging' });
    expect(await value('searches:list', {})).toMatchObject([{ name: 'evasion', query: 'eventName:StopLogging', from: null }]);
    expect(await value('searches:delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await value('searches:list', {})).toEqual([]);
    expect(listAudit(session.writer()).map((entry) => entry.action)).toEqual(expect.arrayContaining(['search.save', 'search.delete']));
  });

  it('says desktop-only verbs are unavailable over the bridge', async () => {
    expect(await host.dispatch('case:open-demo', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('answers no-case before a case is opened', async () => {
    const empty = createApiHost({ session: CaseSession.empty(), log: () => {} });
    expect(await empty.dispatch('case:info', {})).toMatchObject({ ok: false, error: { code: 'no-case' } });
  });
});

describe('API host: imports over the bridge', () => {
  it('refuses paths outside the allowed evidence folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cairn-roots-'));
    const casePath = join(root, 'case.cairn');
    openCase(casePath, { create: true }).close();
    const session = CaseSession.open(casePath);
    try {
      const bridgeHost = createApiHost({ session, log: () => {}, ingestRoots: [join(root, 'evidence')] });
      const refused = await bridgeHost.dispatch('ingest:start', { paths: ['/etc/passwd'] });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const sneaky = await bridgeHost.dispatch('ingest:start', { paths: [join(root, 'evidence', '..', 'case.cairn')] });
      expect(sneaky).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      session.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
