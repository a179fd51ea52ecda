import type { EventCursor, EventRecord } from '../../../preload/contract/event-record';
import type { Histogram } from '../../../preload/contract/api';
import { isApiError, type CairnClient } from '../../api';
import { timeForRank, histogramSpan } from '../../lib/histogram';
import { anchorCursor, RowCache, type FetchPlan, type RowCacheOptions, type ViewOrder } from '../../lib/page-cache';

/** The filter a loader serves; fixed for its lifetime (a new filter gets a new loader). */
export interface TimelineFilter {
  query: string;
  /** Inclusive, ms UTC. */
  from?: number | undefined;
  /** Exclusive, ms UTC. */
  to?: number | undefined;
  order: ViewOrder;
}

/** A row of the timeline: the event and its keyset position. */
export interface TimelineRow {
  event: EventRecord;
  cursor: EventCursor;
}

type LoaderClient = Pick<CairnClient, 'queryEvents' | 'countEvents' | 'cancelQuery'>;

export interface EventLoaderOptions extends RowCacheOptions {
  /** Prefix for request ids, unique per loader, so superseded requests can be cancelled. */
  requestIdPrefix: string;
  /** Count probes per long jump before falling back to walking. */
  maxProbes?: number;
}

/**
 * Loads the rows of one filtered timeline on demand for the virtualized grid. The grid says
 * which rows it shows (`setWanted`); the loader fetches the missing ones, one request at a time,
 * always for the latest wanted range (so a fast scroll does not queue stale pages), and notifies
 * subscribers when rows arrive. The paging strategy is described in lib/page-cache.ts; this adds
 * the I/O and the anchor search for long jumps:
 *
 * A jump far from any known cursor (e.g. dragging the scrollbar to row 600,000) is served by
 * finding an instant T whose position is near the target: the histogram (counts per time bucket,
 * a cumulative distribution) gives a first guess, `countEvents` up to T gives that position
 * exactly, and interpolation between the probes so far refines it. A few probes land within a
 * walk of the target, then ordinary keyset pages do the rest. Without a histogram it walks.
 */
export class EventLoader {
  private readonly cache: RowCache<TimelineRow>;
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Set<string>();
  private version = 0;
  private wanted: [number, number] = [0, 0];
  private margin = 0;
  private busy = false;
  private disposed = false;
  private sequence = 0;
  private histogram: Histogram | null = null;
  private histogramSettled = false;
  private failure: string | null = null;

  constructor(
    private readonly client: LoaderClient,
    readonly filter: TimelineFilter,
    private readonly options: EventLoaderOptions,
  ) {
    this.cache = new RowCache<TimelineRow>(options);
  }

  /** For useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever rows arrive or the loader's state changes (for useSyncExternalStore). */
  readonly getVersion = (): number => this.version;

  getRow(index: number): TimelineRow | undefined {
    return this.cache.get(index);
  }

  /** The last load failure (shown with a Retry), or null. */
  getError(): string | null {
    return this.failure;
  }

  getTotal(): number | null {
    return this.cache.getTotal();
  }

  /** Applies new marks to every loaded copy of event `id` (after an annotate) and tells the grid. */
  patchEvent(id: number, patch: Partial<Pick<EventRecord, 'starred' | 'tags' | 'notes'>>): void {
    const changed = this.cache.updateRows((row) =>
      row.event.id === id ? { ...row, event: { ...row.event, ...patch } } : null,
    );
    if (changed > 0) this.changed();
  }

  /** The loaded row index of event `id` within [start, end), or null (for finding a context search's anchor). */
  findLoaded(id: number, start: number, end: number): number | null {
    for (let index = Math.max(0, start); index < end; index++) {
      if (this.cache.get(index)?.event.id === id) return index;
    }
    return null;
  }

  /**
   * Rows the grid can show before the count arrives: the contiguous rows loaded from the start
   * (the total itself once known).
   */
  knownRows(): number {
    const total = this.cache.getTotal();
    if (total !== null) return total;
    let index = 0;
    while (this.cache.get(index) !== undefined) index++;
    return index;
  }

  /**
   * The index of the first row at or after instant `ms` in the view order (asc: time ≥ ms; desc:
   * time ≤ ms), from one count; used by "go to time" and to find a context search's anchor.
   */
  async indexOfTime(ms: number): Promise<number> {
    return this.rankOf(ms);
  }

  setTotal(total: number): void {
    this.cache.setTotal(total);
    this.pump();
  }

  /** The filter's histogram, or null when it could not be had (then long jumps walk). */
  setHistogram(histogram: Histogram | null): void {
    this.histogram = histogram;
    this.histogramSettled = true;
    this.pump();
  }

  /**
   * The rows the viewport shows, [start, end), loaded first; then `margin` rows either side, so
   * short scrolls find their rows ready.
   */
  setWanted(start: number, end: number, margin = 0): void {
    this.wanted = [Math.max(0, start), Math.max(start, end)];
    this.margin = Math.max(0, margin);
    this.pump();
  }

  private extendedRange(): [number, number] {
    return [Math.max(0, this.wanted[0] - this.margin), this.wanted[1] + this.margin];
  }

  /** After a failure: try again. */
  retry(): void {
    this.failure = null;
    this.changed();
    this.pump();
  }

  /** Stops all work and cancels what is in flight (the filter was superseded). */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    for (const requestId of this.inFlight) void this.client.cancelQuery({ requestId }).catch(() => undefined);
    this.inFlight.clear();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private nextRequestId(kind: string): string {
    this.sequence++;
    return `${this.options.requestIdPrefix}:${kind}${this.sequence}`;
  }

  private pump(): void {
    if (this.busy || this.disposed || this.failure !== null) return;
    const [start, end] = this.wanted;
    const [outerStart, outerEnd] = this.extendedRange();
    const planNext = () => this.cache.plan(start, end) ?? this.cache.plan(outerStart, outerEnd);
    let plan = planNext();
    if (plan === null) return;
    if (plan.kind === 'anchor') {
      // Aiming needs the total and the histogram; both are on their way with the count.
      if (this.cache.getTotal() === null || !this.histogramSettled) return;
      if (this.histogram === null) {
        this.cache.allowLongWalk(plan.block); // nothing to aim with: walk
        plan = planNext();
        if (plan === null) return;
      }
    }
    void this.run(plan);
  }

  private async run(plan: FetchPlan): Promise<void> {
    this.busy = true;
    try {
      if (plan.kind === 'anchor') {
        await this.anchor(plan.target);
        this.cache.allowLongWalk(plan.block);
      } else {
        const missingBefore = this.cache.missingIn(plan.block);
        const rows = await this.fetchPage(plan);
        if (this.disposed) return;
        if (plan.kind === 'forward') this.cache.placeForward(plan, rows);
        else this.cache.placeBackward(plan, rows);
        // A short forward page reached the end: the list's length is known before the count is.
        if (plan.kind === 'forward' && rows.length < plan.limit && this.cache.getTotal() === null) {
          this.cache.setTotal(plan.boundary + rows.length);
        }
        // A page that brings nothing means the case changed under us; do not ask again.
        if (rows.length === 0 && this.cache.missingIn(plan.block) === missingBefore) this.cache.markFailed(plan.block);
      }
      if (this.disposed) return;
      this.cache.evict(...this.extendedRange());
      this.changed();
    } catch (error) {
      if (this.disposed || isApiError(error, 'cancelled')) return;
      this.failure = error instanceof Error ? error.message : String(error);
      this.changed();
    } finally {
      this.busy = false;
    }
    this.pump();
  }

  private async fetchPage(plan: Extract<FetchPlan, { kind: 'forward' | 'backward' }>): Promise<TimelineRow[]> {
    const requestId = this.nextRequestId('page');
    const reverse: ViewOrder = this.filter.order === 'asc' ? 'desc' : 'asc';
    this.inFlight.add(requestId);
    try {
      const page = await this.client.queryEvents({
        query: this.filter.query,
        ...this.range(),
        order: plan.kind === 'forward' ? this.filter.order : reverse,
        limit: plan.limit,
        ...(plan.after ? { after: plan.after } : {}),
        requestId,
      });
      return page.rows.map((event) => ({ event, cursor: { time: event.time, id: event.id } }));
    } finally {
      this.inFlight.delete(requestId);
    }
  }

  private range(): { from?: number; to?: number } {
    const range: { from?: number; to?: number } = {};
    if (this.filter.from !== undefined) range.from = this.filter.from;
    if (this.filter.to !== undefined) range.to = this.filter.to;
    return range;
  }

  /** How many matching events come before instant T in the view order (asc: time < T; desc: time > T). */
  private async rankOf(instant: number): Promise<number> {
    const { from, to, order } = this.filter;
    const range =
      order === 'asc'
        ? { from, to: to === undefined ? instant : Math.min(to, instant) }
        : {
            from: from === undefined ? instant + 1 : Math.max(from, instant + 1),
            to,
          };
    if (range.from !== undefined && range.to !== undefined && range.from >= range.to) return 0;
    const requestId = this.nextRequestId('probe');
    this.inFlight.add(requestId);
    try {
      const request: { query: string; from?: number; to?: number; requestId: string } = {
        query: this.filter.query,
        requestId,
      };
      if (range.from !== undefined) request.from = range.from;
      if (range.to !== undefined) request.to = range.to;
      return (await this.client.countEvents(request)).count;
    } finally {
      this.inFlight.delete(requestId);
    }
  }

  /**
   * Finds an instant whose rank is within a walk of `target` and records it as a boundary.
   * Keeps the best probe below and above the target and interpolates between them.
   */
  private async anchor(target: number): Promise<void> {
    const histogram = this.histogram as Histogram;
    const total = this.cache.getTotal() ?? 0;
    const span = histogramSpan(histogram);
    const ascending = this.filter.order === 'asc';
    // Known (rank, instant) pairs around the target; the span's ends bound every match.
    let low = { rank: 0, instant: ascending ? span.from : span.to };
    let high = { rank: total, instant: ascending ? span.to : span.from - 1 };
    let instant = timeForRank(histogram, target, this.filter.order) ?? low.instant;
    const maxProbes = this.options.maxProbes ?? 8;
    const walk = this.cache.walkLimit;

    for (let probe = 0; probe < maxProbes; probe++) {
      const rank = await this.rankOf(instant);
      if (this.disposed) return;
      this.cache.addAnchor(rank, anchorCursor(instant, this.filter.order));
      if (rank <= target && target - rank <= walk) return;
      if (rank > target && rank - target <= walk) return;
      if (rank <= target) low = { rank, instant };
      else high = { rank, instant };
      if (Math.abs(high.instant - low.instant) <= 1) return; // one instant holds them all: walk
      // Interpolate by rank, but never closer than a tenth to either end (skewed bursts).
      const fraction = (target - low.rank) / Math.max(high.rank - low.rank, 1);
      const safe = Math.min(Math.max(fraction, 0.1), 0.9);
      const next = Math.round(low.instant + (high.instant - low.instant) * (probe % 2 === 0 ? fraction : safe));
      instant = next === low.instant || next === high.instant ? Math.round((low.instant + high.instant) / 2) : next;
    }
    // Out of probes: the nearest anchor recorded above is where ordinary paging walks from.
  }
}
