import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../../../renderer/api';
import { EventLoader, type TimelineFilter } from '../../../renderer/features/timeline/event-loader';
import { FakeCairn, makeEvent } from '../fake-api.js';

const BASE = Date.UTC(2024, 2, 1);

/**
 * 3,000 events with bursty times (many share a second, one burst of 400 in one second) and ids
 * that do not follow time (as after several imports), so ties are ordered by id.
 */
function bursty(count = 3000) {
  const ids = Array.from({ length: count }, (_, index) => index + 1);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let index = ids.length - 1; index > 0; index--) {
    const swap = Math.floor(random() * (index + 1));
    [ids[index], ids[swap]] = [ids[swap] as number, ids[index] as number];
  }
  return ids.map((id, index) => {
    let time: number;
    if (index < 1000) time = BASE + Math.floor(index / 5) * 1000;
    else if (index < 1400)
      time = BASE + 3_600_000; // one second holding 400 events
    else time = BASE + 7_200_000 + index * 37_000;
    return makeEvent(id, { time });
  });
}

function setup(order: 'asc' | 'desc', options: { histogram?: boolean } = {}) {
  const fake = new FakeCairn({ events: bursty() });
  const client = createClient(fake.api);
  const filter: TimelineFilter = { query: '', order };
  const loader = new EventLoader(client, filter, {
    requestIdPrefix: 'test',
    blockSize: 20,
    maxLimit: 50,
    walkLimit: 60,
  });
  const expected = order === 'asc' ? fake.events : [...fake.events].reverse();
  const start = async () => {
    const { count } = await client.countEvents({ query: '' });
    loader.setTotal(count);
    loader.setHistogram(options.histogram === false ? null : await client.histogram({ query: '', buckets: 50 }));
    fake.calls.length = 0;
  };
  return { fake, client, loader, expected, start };
}

async function loaded(loader: EventLoader, start: number, end: number) {
  await vi.waitFor(() => {
    for (let index = start; index < end; index++) {
      if (!loader.getRow(index)) throw new Error(`row ${index} not loaded`);
    }
  });
}

function idsAt(loader: EventLoader, start: number, end: number) {
  return Array.from({ length: end - start }, (_, offset) => loader.getRow(start + offset)?.event.id);
}

describe('EventLoader', () => {
  it('loads the top with keyset pages from the start', async () => {
    const { fake, loader, expected, start } = setup('asc');
    await start();
    loader.setWanted(0, 45);
    await loaded(loader, 0, 45);
    expect(idsAt(loader, 0, 45)).toEqual(expected.slice(0, 45).map((event) => event.id));
    const pages = fake.callsOf('queryEvents');
    expect(pages[0]).toMatchObject({ order: 'asc', limit: 50 });
    expect(pages[0]?.after).toBeUndefined();
    for (const page of pages) expect(page.requestId).toMatch(/^test:/);
  });

  for (const order of ['asc', 'desc'] as const) {
    it(`jumps far into the list with a few count probes, not a walk (${order})`, async () => {
      const { fake, loader, expected, start } = setup(order);
      await start();
      for (const target of [1200, 2300, 700]) {
        fake.calls.length = 0;
        loader.setWanted(target, target + 30);
        await loaded(loader, target, target + 30);
        expect(idsAt(loader, target, target + 30)).toEqual(
          expected.slice(target, target + 30).map((event) => event.id),
        );
        // A walk of `target` rows at 50 per page would take dozens of pages.
        expect(fake.callsOf('queryEvents').length).toBeLessThanOrEqual(6);
        expect(fake.callsOf('countEvents').length).toBeLessThanOrEqual(8);
      }
    });
  }

  it('serves the end of the list from a reversed query, without probes', async () => {
    const { fake, loader, expected, start } = setup('asc');
    await start();
    loader.setWanted(2980, 3000);
    await loaded(loader, 2980, 3000);
    expect(idsAt(loader, 2980, 3000)).toEqual(expected.slice(2980).map((event) => event.id));
    expect(fake.callsOf('countEvents')).toHaveLength(0);
    expect(fake.callsOf('queryEvents')[0]).toMatchObject({ order: 'desc' });
    expect(fake.callsOf('queryEvents')[0]?.after).toBeUndefined();
  });

  it('walks when there is no histogram to aim with', async () => {
    const { fake, loader, expected, start } = setup('asc', { histogram: false });
    await start();
    loader.setWanted(1300, 1320);
    await loaded(loader, 1300, 1320);
    expect(idsAt(loader, 1300, 1320)).toEqual(expected.slice(1300, 1320).map((event) => event.id));
    expect(fake.callsOf('countEvents')).toHaveLength(0);
  });

  it('applies the filter and range to every page and probe', async () => {
    const fake = new FakeCairn({ events: bursty() });
    const client = createClient(fake.api);
    const filter: TimelineFilter = {
      query: 'eventName:GetObject',
      from: BASE + 1000,
      to: BASE + 9_000_000,
      order: 'asc',
    };
    const loader = new EventLoader(client, filter, {
      requestIdPrefix: 'f',
      blockSize: 20,
      maxLimit: 50,
      walkLimit: 60,
    });
    const range = { query: filter.query, from: filter.from, to: filter.to };
    loader.setTotal((await client.countEvents(range)).count);
    loader.setHistogram(await client.histogram({ ...range, buckets: 40 }));
    loader.setWanted(900, 920);
    await loaded(loader, 900, 920);
    for (const page of fake.callsOf('queryEvents'))
      expect(page).toMatchObject({ query: filter.query, from: filter.from, to: filter.to });
    for (const probe of fake.callsOf('countEvents')) {
      expect(probe.query).toBe(filter.query);
      expect(probe.from).toBeGreaterThanOrEqual(filter.from as number);
      expect(probe.to).toBeLessThanOrEqual(filter.to as number);
    }
  });

  it('cancels its requests in flight when disposed, and ignores their answers', async () => {
    const { fake, loader, start } = setup('asc');
    await start();
    fake.hold('queryEvents');
    const listener = vi.fn();
    loader.subscribe(listener);
    loader.setWanted(0, 20);
    await vi.waitFor(() => expect(fake.callsOf('queryEvents')).toHaveLength(1));
    loader.dispose();
    const requestId = fake.callsOf('queryEvents')[0]?.requestId;
    expect(fake.callsOf('cancelQuery')).toEqual([{ requestId }]);
    fake.releaseAll();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(loader.getRow(0)).toBeUndefined();
    expect(listener).not.toHaveBeenCalled();
  });

  it('reports a failure and retries on demand', async () => {
    const { fake, loader, start } = setup('asc');
    await start();
    const original = fake.api.queryEvents;
    let failing = true;
    fake.api.queryEvents = async (request) =>
      failing ? { ok: false, error: { code: 'internal', message: 'disk on fire' } } : original(request);
    loader.setWanted(0, 10);
    await vi.waitFor(() => expect(loader.getError()).toBe('disk on fire'));
    failing = false;
    loader.retry();
    await loaded(loader, 0, 10);
    expect(loader.getError()).toBeNull();
  });
});
