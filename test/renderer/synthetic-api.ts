import type { ApiResult, ApiResults, CairnApi } from '../../preload/contract/api.js';
import type { EventRecord } from '../../preload/contract/event-record.js';
import { FAKE_CATALOG, makeEvent } from './fake-api.js';

/**
 * A CairnApi over a generated case of any size (10 M rows and more) without holding it: row i
 * (0-based) is event id i+1 at BASE + i × step ms. Pages, counts and histograms are computed from
 * that formula, so the grid and the loader can be tested at investigation scale. Only the empty
 * query is understood (these tests are about scale, not search).
 */
export const SYNTHETIC_BASE = Date.UTC(2024, 0, 1);

export interface Synthetic {
  api: CairnApi;
  /** Calls made, by method. */
  calls: Map<string, number>;
  /** The event at row i. */
  eventAt: (index: number) => EventRecord;
}

export function syntheticApi(total: number, step = 1000): Synthetic {
  const calls = new Map<string, number>();
  const timeOf = (index: number) => SYNTHETIC_BASE + index * step;
  const eventAt = (index: number) => makeEvent(index + 1, { time: timeOf(index), fields: { eventId: `row-${index}` } });
  /** Rows [lo, hi) inside the time range (from inclusive, to exclusive). */
  const range = (from?: number, to?: number): [number, number] => {
    const lo = from === undefined ? 0 : clamp(Math.ceil((from - SYNTHETIC_BASE) / step), 0, total);
    const hi = to === undefined ? total : clamp(Math.ceil((to - SYNTHETIC_BASE) / step), 0, total);
    return [lo, Math.max(lo, hi)];
  };
  /** First row whose (time, id) is after the cursor, ascending. */
  const firstAfter = (time: number, id: number) => {
    const k = Math.floor((time - SYNTHETIC_BASE) / step);
    if (k < 0) return 0;
    if (k >= total) return total;
    return timeOf(k) === time && k + 1 > id ? k : k + 1;
  };
  /** One past the last row whose (time, id) is before the cursor, ascending. */
  const endBefore = (time: number, id: number) => {
    const k = Math.floor((time - SYNTHETIC_BASE) / step);
    if (k < 0) return 0;
    if (k >= total) return total;
    if (timeOf(k) < time) return k + 1;
    return k + 1 < id ? k + 1 : k;
  };

  const handlers: Partial<{ [M in keyof ApiResults]: (request: never) => ApiResults[M] }> = {
    caseInfo: () => ({
      path: '/cases/synthetic.cairn',
      caseId: 'synthetic',
      createdAt: 0,
      schemaVersion: 2,
      eventCount: total,
      timeRange: total > 0 ? { min: timeOf(0), max: timeOf(total - 1) } : null,
      demo: false,
    }),
    catalog: () => FAKE_CATALOG,
    listTags: () => [],
    listSearches: () => [],
    cancelQuery: () => ({ cancelled: true }),
    countEvents: (request: { from?: number; to?: number }) => {
      const [lo, hi] = range(request.from, request.to);
      return { count: hi - lo };
    },
    queryEvents: (request: {
      from?: number;
      to?: number;
      order?: 'asc' | 'desc';
      limit?: number;
      after?: { time: number; id: number };
    }) => {
      const [lo, hi] = range(request.from, request.to);
      const limit = request.limit ?? 200;
      const rows: EventRecord[] = [];
      if (request.order === 'desc') {
        let index = Math.min(hi, request.after ? endBefore(request.after.time, request.after.id) : hi) - 1;
        for (; index >= lo && rows.length < limit; index--) rows.push({ ...eventAt(index), raw: '' });
      } else {
        let index = Math.max(lo, request.after ? firstAfter(request.after.time, request.after.id) : lo);
        for (; index < hi && rows.length < limit; index++) rows.push({ ...eventAt(index), raw: '' });
      }
      const last = rows.at(-1);
      return { rows, next: rows.length === limit && last ? { time: last.time, id: last.id } : null };
    },
    histogram: (request: { from?: number; to?: number; buckets?: number }) => {
      const [lo, hi] = range(request.from, request.to);
      if (hi <= lo) return { start: 0, bucketMs: 60_000, counts: [] };
      const buckets = request.buckets ?? 120;
      const span = timeOf(hi - 1) - timeOf(lo) + 1;
      const bucketMs = Math.max(1000, Math.ceil(span / buckets / 1000) * 1000);
      const start = Math.floor(timeOf(lo) / bucketMs) * bucketMs;
      const counts: number[] = [];
      for (let bucket = 0; start + bucket * bucketMs <= timeOf(hi - 1); bucket++) {
        const [a, b] = range(start + bucket * bucketMs, start + (bucket + 1) * bucketMs);
        counts.push(Math.max(0, Math.min(b, hi) - Math.max(a, lo)));
      }
      return { start, bucketMs, counts };
    },
  };

  const api = new Proxy({} as CairnApi, {
    get:
      (_target, method: string) =>
      async (request: unknown): Promise<ApiResult<unknown>> => {
        calls.set(method, (calls.get(method) ?? 0) + 1);
        await Promise.resolve();
        const handler = (handlers as Record<string, ((request: unknown) => unknown) | undefined>)[method];
        if (!handler) return { ok: false, error: { code: 'unavailable', message: `${method} is not synthetic` } };
        return { ok: true, value: handler(request ?? {}) };
      },
  });
  return { api, calls, eventAt };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
