import type { EventCursor } from '../../preload/contract/event-record';

/**
 * The timeline's row cache and its fetch planner, kept free of I/O so it can be tested alone.
 *
 * The list is every event matching the filter, in the view order (time then id, ascending or
 * descending). It can be millions long and the API pages by keyset only (`after` a (time, id)
 * cursor; there is no OFFSET), so a row can be fetched only from a position whose cursor we know.
 *
 * - Rows live in fixed blocks of `blockSize` (a page, 200 by default) by their index in the list.
 *   Only a bounded number of blocks is kept (the ones furthest from the viewport are dropped).
 * - Cursors live at *boundaries*: boundary b sits between rows b-1 and b. Its `forward` cursor
 *   fetches rows b, b+1, … in the view order; its `backward` cursor fetches b-1, b-2, … with the
 *   order reversed. Boundary 0 is the start (no cursor needed) and, once the total is known,
 *   boundary `total` is the end. Every fetched page leaves cursors at each block edge it crossed,
 *   and those stay when the rows are evicted, so going back is a single direct fetch.
 * - A block is fetched by walking from the nearest known boundary: forward from one before it or
 *   backward from one after it (so the bottom of the list is one reversed query from the end).
 *   When the nearest boundary is further than `walkLimit` rows (a scrollbar drag into the middle
 *   of a million rows), the planner asks for an *anchor* instead: the loader finds, with a few
 *   `countEvents` probes up to an instant T, the exact index of the first row at T, which gives a
 *   boundary with a synthetic cursor (see `anchorCursor`) right next to the target.
 */

/** The row cache's view of an event: only its keyset position matters here. */
export interface Positioned {
  cursor: EventCursor;
}

/** Cursors to continue from a boundary; `null` means "from the very start/end" (no cursor). */
export interface Boundary {
  forward?: EventCursor | null;
  backward?: EventCursor | null;
}

export type FetchPlan =
  | {
      kind: 'forward';
      /** The missing block this fetch is for (perhaps one step of a walk towards it). */
      block: number;
      /** The boundary the page starts at: it returns rows boundary, boundary+1, … */
      boundary: number;
      after: EventCursor | null;
      limit: number;
    }
  | {
      kind: 'backward';
      block: number;
      /** The boundary the page ends at: it returns rows boundary-1, boundary-2, … (reverse order). */
      boundary: number;
      after: EventCursor | null;
      limit: number;
    }
  | {
      kind: 'anchor';
      /** First row of the block that is too far from every known cursor. */
      target: number;
      block: number;
    };

export interface RowCacheOptions {
  blockSize?: number;
  /** Most blocks kept in memory (200 × 60 = 12,000 rows). */
  maxBlocks?: number;
  /** Largest page the API serves (`limit` ≤ 1000 in the contract). */
  maxLimit?: number;
  /** Walk at most this many rows from a known cursor before anchoring instead. */
  walkLimit?: number;
}

/** Order of a (time, id) key in the view order. */
export type ViewOrder = 'asc' | 'desc';

/**
 * The boundary cursor for "the first row at or after instant T in the view order" (asc: time ≥ T;
 * desc: time ≤ T). One cursor serves both directions because ids never reach MAX_SAFE_INTEGER:
 * asc: forward `(time, id) > (T-1, MAX)` is time ≥ T, backward `< (T-1, MAX)` is time ≤ T-1;
 * desc: forward `< (T, MAX)` is time ≤ T, backward `> (T, MAX)` is time > T.
 */
export function anchorCursor(instant: number, order: ViewOrder): EventCursor {
  return { time: order === 'asc' ? instant - 1 : instant, id: Number.MAX_SAFE_INTEGER };
}

export class RowCache<T extends Positioned> {
  readonly blockSize: number;
  readonly maxBlocks: number;
  readonly maxLimit: number;
  readonly walkLimit: number;
  private total: number | null = null;
  private readonly blocks = new Map<number, { rows: (T | undefined)[]; filled: number }>();
  private readonly boundaries = new Map<number, Boundary>();
  /** Blocks that a fetch aimed at but did not fill (data changed underneath): not retried. */
  private readonly failed = new Set<number>();
  /** Blocks whose anchor search is over: walk to them from the nearest boundary, however far. */
  private readonly longWalk = new Set<number>();

  constructor(options: RowCacheOptions = {}) {
    this.blockSize = options.blockSize ?? 200;
    this.maxBlocks = Math.max(options.maxBlocks ?? 60, 2);
    this.maxLimit = options.maxLimit ?? 1000;
    this.walkLimit = options.walkLimit ?? 3000;
    this.boundaries.set(0, { forward: null });
  }

  /** The number of matching events (from countEvents); the end boundary needs no cursor. */
  setTotal(total: number): void {
    this.total = total;
    this.setBoundary(total, { backward: null });
  }

  getTotal(): number | null {
    return this.total;
  }

  get(index: number): T | undefined {
    return this.blocks.get(Math.floor(index / this.blockSize))?.rows[index % this.blockSize];
  }

  /** Replaces, in place, every cached row for which `update` returns a new row (annotations changed). */
  updateRows(update: (row: T) => T | null): number {
    let changed = 0;
    for (const entry of this.blocks.values()) {
      entry.rows.forEach((row, slot) => {
        if (row === undefined) return;
        const next = update(row);
        if (next !== null) {
          entry.rows[slot] = next;
          changed++;
        }
      });
    }
    return changed;
  }

  /** Number of rows a block should hold (the last one may be short). */
  private blockLength(block: number): number {
    const start = block * this.blockSize;
    if (this.total === null) return this.blockSize;
    return Math.max(0, Math.min(this.blockSize, this.total - start));
  }

  isBlockLoaded(block: number): boolean {
    const entry = this.blocks.get(block);
    return entry !== undefined && entry.filled >= this.blockLength(block);
  }

  /** How many blocks hold rows now (for tests and the eviction bound). */
  blockCount(): number {
    return this.blocks.size;
  }

  boundaryAt(index: number): Boundary | undefined {
    return this.boundaries.get(index);
  }

  private setBoundary(index: number, update: Boundary): void {
    const existing = this.boundaries.get(index) ?? {};
    this.boundaries.set(index, { ...existing, ...update });
  }

  /** Records an anchor: boundary `index` is just before the first row at instant T (see anchorCursor). */
  addAnchor(index: number, cursor: EventCursor): void {
    const existing = this.boundaries.get(index) ?? {};
    this.boundaries.set(index, {
      forward: existing.forward !== undefined ? existing.forward : cursor,
      backward: existing.backward !== undefined ? existing.backward : cursor,
    });
  }

  /**
   * Stores rows that start at index `start` (in the view order) and leaves cursors at the fetch's
   * two ends and at every block edge inside it.
   */
  place(start: number, rows: readonly T[]): void {
    rows.forEach((row, offset) => {
      const index = start + offset;
      const block = Math.floor(index / this.blockSize);
      let entry = this.blocks.get(block);
      if (!entry) {
        entry = { rows: [], filled: 0 };
        this.blocks.set(block, entry);
      }
      const slot = index % this.blockSize;
      if (entry.rows[slot] === undefined) entry.filled++;
      entry.rows[slot] = row;
    });
    for (let offset = 0; offset <= rows.length; offset++) {
      const index = start + offset;
      if (offset !== 0 && offset !== rows.length && index % this.blockSize !== 0) continue;
      const update: Boundary = {};
      const before = rows[offset - 1];
      const after = rows[offset];
      if (before) update.forward = before.cursor;
      if (after) update.backward = after.cursor;
      this.setBoundary(index, update);
    }
  }

  /** Stores the answer to a forward plan. */
  placeForward(plan: { boundary: number }, rows: readonly T[]): void {
    this.place(plan.boundary, rows);
  }

  /** Stores the answer to a backward plan (rows arrive nearest-first, i.e. in reverse order). */
  placeBackward(plan: { boundary: number }, rows: readonly T[]): void {
    const ordered = [...rows].reverse();
    this.place(plan.boundary - ordered.length, ordered);
  }

  /** Gives up on a block (its fetch made no progress); it stays a placeholder until a reset. */
  markFailed(block: number): void {
    this.failed.add(block);
  }

  /** After an anchor search (successful or not): stop asking for anchors for this block. */
  allowLongWalk(block: number): void {
    this.longWalk.add(block);
  }

  /** Rows of `block` still missing (0 when loaded). */
  missingIn(block: number): number {
    return Math.max(0, this.blockLength(block) - (this.blocks.get(block)?.filled ?? 0));
  }

  /**
   * What to fetch next for the wanted rows [start, end): the first block in it that is missing,
   * from the nearest known boundary, or an anchor request when that is too far. Null when all
   * wanted rows are here (or cannot be fetched).
   */
  plan(start: number, end: number): FetchPlan | null {
    const last = this.total === null ? end : Math.min(end, this.total);
    if (last <= start) return null;
    const firstBlock = Math.floor(Math.max(start, 0) / this.blockSize);
    const lastBlock = Math.floor((last - 1) / this.blockSize);
    for (let block = firstBlock; block <= lastBlock; block++) {
      if (this.isBlockLoaded(block) || this.failed.has(block) || this.blockLength(block) === 0) continue;
      return this.planBlock(block, lastBlock);
    }
    return null;
  }

  private planBlock(block: number, lastWantedBlock: number): FetchPlan {
    const blockStart = block * this.blockSize;
    const blockEnd = blockStart + this.blockLength(block);
    // Rows of the block already here (from an anchor walk or an earlier partial page) are skipped.
    let firstMissing = blockStart;
    while (firstMissing < blockEnd && this.get(firstMissing) !== undefined) firstMissing++;
    let lastMissing = blockEnd;
    while (lastMissing > firstMissing && this.get(lastMissing - 1) !== undefined) lastMissing--;

    const forward = this.nearestForward(firstMissing, lastMissing);
    const backward = this.nearestBackward(firstMissing, lastMissing);
    const forwardDistance = forward === null ? Infinity : Math.max(0, firstMissing - forward.index);
    const backwardDistance = backward === null ? Infinity : Math.max(0, backward.index - lastMissing);

    if (Math.min(forwardDistance, backwardDistance) > this.walkLimit && !this.longWalk.has(block)) {
      return { kind: 'anchor', target: firstMissing, block };
    }
    if (forward !== null && forwardDistance <= backwardDistance) {
      // Extend over the following missing blocks the viewport wants, one request up to maxLimit.
      let runEnd = blockEnd;
      for (let next = block + 1; next <= lastWantedBlock && !this.isBlockLoaded(next); next++) {
        runEnd = next * this.blockSize + this.blockLength(next);
      }
      const limit = clamp(runEnd - forward.index, this.blockSize, this.maxLimit);
      return { kind: 'forward', block, boundary: forward.index, after: forward.cursor, limit };
    }
    const from = backward as { index: number; cursor: EventCursor | null };
    const limit = clamp(from.index - firstMissing, this.blockSize, this.maxLimit);
    return { kind: 'backward', block, boundary: from.index, after: from.cursor, limit };
  }

  /**
   * The boundary with a forward cursor that brings the missing rows [first, end) soonest: the
   * last one at or before `first`, or failing that the first one inside the gap (an anchor).
   */
  private nearestForward(first: number, end: number): { index: number; cursor: EventCursor | null } | null {
    let best: { index: number; cursor: EventCursor | null } | null = null;
    const score = (at: number) => (at <= first ? first - at : at - first);
    for (const [at, boundary] of this.boundaries) {
      if (at >= end || boundary.forward === undefined) continue;
      if (best === null || score(at) < score(best.index)) best = { index: at, cursor: boundary.forward };
    }
    return best;
  }

  /** Likewise with a backward cursor: the first one at or after `end`, or the last one inside the gap. */
  private nearestBackward(first: number, end: number): { index: number; cursor: EventCursor | null } | null {
    let best: { index: number; cursor: EventCursor | null } | null = null;
    const score = (at: number) => (at >= end ? at - end : end - at);
    for (const [at, boundary] of this.boundaries) {
      if (at <= first || boundary.backward === undefined) continue;
      if (this.total !== null && at > this.total) continue;
      if (best === null || score(at) < score(best.index)) best = { index: at, cursor: boundary.backward };
    }
    return best;
  }

  /** Drops the blocks furthest from `[start, end)` until at most maxBlocks remain. */
  evict(start: number, end: number): void {
    if (this.blocks.size <= this.maxBlocks) return;
    const first = Math.floor(start / this.blockSize);
    const last = Math.floor(Math.max(end - 1, start) / this.blockSize);
    const distance = (block: number): number => (block < first ? first - block : block > last ? block - last : 0);
    const byDistance = [...this.blocks.keys()].sort((a, b) => distance(b) - distance(a));
    for (const block of byDistance) {
      if (this.blocks.size <= this.maxBlocks || distance(block) === 0) break;
      this.blocks.delete(block);
    }
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
