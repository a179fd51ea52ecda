import { describe, expect, it } from 'vitest';
import { anchorCursor, RowCache, type FetchPlan } from '../../../renderer/lib/page-cache';

interface Row {
  cursor: { time: number; id: number };
  index: number;
}

/** Row `index` of a list where each row has its own millisecond and id = index + 1. */
const row = (index: number): Row => ({ cursor: { time: 1000 + index, id: index + 1 }, index });
const rows = (start: number, count: number): Row[] => Array.from({ length: count }, (_, offset) => row(start + offset));

function cache(total: number | null, options = {}): RowCache<Row> {
  const result = new RowCache<Row>({ blockSize: 10, maxBlocks: 5, maxLimit: 50, walkLimit: 30, ...options });
  if (total !== null) result.setTotal(total);
  return result;
}

describe('RowCache planning', () => {
  it('starts from the top without a cursor', () => {
    expect(cache(null).plan(0, 10)).toEqual({ kind: 'forward', block: 0, boundary: 0, after: null, limit: 10 });
  });

  it('asks for nothing when the wanted rows are loaded or the list is empty', () => {
    const c = cache(25);
    c.place(0, rows(0, 25));
    expect(c.plan(0, 25)).toBeNull();
    expect(c.isBlockLoaded(2)).toBe(true); // the short last block
    expect(cache(0).plan(0, 10)).toBeNull();
  });

  it('coalesces consecutive missing blocks the viewport wants into one page', () => {
    expect(cache(1000).plan(0, 35)).toEqual({ kind: 'forward', block: 0, boundary: 0, after: null, limit: 40 });
  });

  it('continues forward from the cursor a page left at its end', () => {
    const c = cache(1000);
    c.place(0, rows(0, 10));
    expect(c.get(9)).toEqual(row(9));
    expect(c.boundaryAt(10)).toEqual({ forward: row(9).cursor });
    expect(c.plan(10, 20)).toEqual({ kind: 'forward', block: 1, boundary: 10, after: row(9).cursor, limit: 10 });
  });

  it('walks forward in maxLimit steps towards a block within the walk limit', () => {
    const c = cache(1000, { walkLimit: 100 });
    c.place(0, rows(0, 10));
    expect(c.plan(70, 80)).toEqual({ kind: 'forward', block: 7, boundary: 10, after: row(9).cursor, limit: 50 });
  });

  it('serves the bottom with a reversed query from the end', () => {
    const c = cache(1000);
    expect(c.plan(990, 1000)).toEqual({ kind: 'backward', block: 99, boundary: 1000, after: null, limit: 10 });
    // Rows arrive nearest-first.
    c.placeBackward({ boundary: 1000 }, rows(990, 10).reverse());
    expect(c.get(990)).toEqual(row(990));
    expect(c.get(999)).toEqual(row(999));
    expect(c.boundaryAt(990)).toEqual({ backward: row(990).cursor });
    expect(c.plan(980, 990)).toEqual({ kind: 'backward', block: 98, boundary: 990, after: row(990).cursor, limit: 10 });
  });

  it('asks for an anchor when every known cursor is too far', () => {
    expect(cache(1000).plan(500, 510)).toEqual({ kind: 'anchor', target: 500, block: 50 });
  });

  it('pages out from an anchor inside a block, forward then backward', () => {
    const c = cache(1000);
    // The anchor says: rows from 503 on are at or after instant 1503.
    c.addAnchor(503, anchorCursor(1503, 'asc'));
    const forward = c.plan(500, 510) as Extract<FetchPlan, { kind: 'forward' }>;
    expect(forward).toEqual({
      kind: 'forward',
      block: 50,
      boundary: 503,
      after: { time: 1502, id: Number.MAX_SAFE_INTEGER },
      limit: 10,
    });
    c.placeForward(forward, rows(503, 10));
    expect(c.missingIn(50)).toBe(3);
    const backward = c.plan(500, 510) as Extract<FetchPlan, { kind: 'backward' }>;
    expect(backward).toEqual({ kind: 'backward', block: 50, boundary: 503, after: row(503).cursor, limit: 10 });
    c.placeBackward(backward, rows(493, 10).reverse());
    expect(c.isBlockLoaded(50)).toBe(true);
    expect(c.get(500)).toEqual(row(500));
    expect(c.plan(500, 510)).toBeNull();
  });

  it('stops asking for anchors once a block may be walked to, from the nearer end', () => {
    const c = cache(1000);
    c.allowLongWalk(50);
    expect(c.plan(500, 510)).toEqual({ kind: 'backward', block: 50, boundary: 1000, after: null, limit: 50 });
    c.allowLongWalk(40);
    expect(c.plan(400, 410)).toEqual({ kind: 'forward', block: 40, boundary: 0, after: null, limit: 50 });
  });

  it('gives up on a block marked failed', () => {
    const c = cache(1000);
    c.markFailed(0);
    expect(c.plan(0, 10)).toBeNull();
  });

  it('keeps cursors when it evicts rows, so going back is one direct fetch', () => {
    const c = cache(1000);
    for (let block = 0; block < 8; block++) c.place(block * 10, rows(block * 10, 10));
    expect(c.blockCount()).toBe(8);
    c.evict(70, 80);
    expect(c.blockCount()).toBe(5);
    expect(c.get(5)).toBeUndefined(); // far from the viewport: dropped
    expect(c.get(75)).toEqual(row(75));
    expect(c.plan(20, 30)).toEqual({ kind: 'forward', block: 2, boundary: 20, after: row(19).cursor, limit: 10 });
  });

  it('never evicts the wanted blocks', () => {
    const c = cache(1000, { maxBlocks: 2 });
    for (let block = 0; block < 4; block++) c.place(block * 10, rows(block * 10, 10));
    c.evict(0, 40);
    expect(c.blockCount()).toBe(4);
  });
});

describe('anchorCursor', () => {
  // The keyset comparison the store does: (time, id) > cursor for asc, < for desc.
  const compare = (a: { time: number; id: number }, b: { time: number; id: number }) => a.time - b.time || a.id - b.id;
  const times = [100, 100, 101, 102, 102, 102, 103].map((time, index) => ({ time, id: index + 1 }));

  it('asc: forward from it is time ≥ T, backward is time < T', () => {
    const cursor = anchorCursor(102, 'asc');
    expect(times.filter((key) => compare(key, cursor) > 0).map((key) => key.time)).toEqual([102, 102, 102, 103]);
    expect(times.filter((key) => compare(key, cursor) < 0).map((key) => key.time)).toEqual([100, 100, 101]);
  });

  it('desc: forward from it is time ≤ T, backward is time > T', () => {
    const cursor = anchorCursor(102, 'desc');
    expect(times.filter((key) => compare(key, cursor) < 0).map((key) => key.time)).toEqual([
      100, 100, 101, 102, 102, 102,
    ]);
    expect(times.filter((key) => compare(key, cursor) > 0).map((key) => key.time)).toEqual([103]);
  });
});
