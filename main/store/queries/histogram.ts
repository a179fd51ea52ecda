import type { Histogram } from '../../../preload/contract/api.js';
import type { ReadonlyDb } from '../open-case.js';
import { eventTimeRange, type SqlFilter } from './events.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket widths a person reads at a glance. */
const NICE_INTERVALS = [
  1, 10, 100, SECOND, 5 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR,
  3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY,
];

/** The smallest nice interval giving at most `buckets` buckets over `spanMs`. */
export function niceBucketMs(spanMs: number, buckets: number): number {
  const ideal = Math.max(1, spanMs / Math.max(1, buckets));
  return NICE_INTERVALS.find((interval) => interval >= ideal) ?? Math.ceil(ideal / (365 * DAY)) * 365 * DAY;
}

export interface HistogramRequest {
  filter: SqlFilter;
  /** True when the filter has no query terms: the per-minute rollup can answer. */
  unfiltered: boolean;
  /** Inclusive start and exclusive end (ms UTC); default: the case's time range. */
  from?: number | undefined;
  to?: number | undefined;
  buckets: number;
}

/** Event counts over time in nice, aligned buckets. */
export function eventHistogram(db: ReadonlyDb, request: HistogramRequest): Histogram {
  let { from, to } = request;
  if (from === undefined || to === undefined) {
    const range = eventTimeRange(db, request.filter);
    if (!range) return { start: from ?? 0, bucketMs: MINUTE, counts: [] };
    // Whole minutes, so that the per-minute rollup can answer when nothing else filters.
    from ??= Math.floor(range.min / MINUTE) * MINUTE;
    to ??= (Math.floor(range.max / MINUTE) + 1) * MINUTE;
  }
  if (to <= from) return { start: from, bucketMs: MINUTE, counts: [] };
  const bucketMs = niceBucketMs(to - from, request.buckets);
  const start = Math.floor(from / bucketMs) * bucketMs;
  const size = Math.ceil((to - start) / bucketMs);
  const counts = new Array<number>(size).fill(0);
  const minuteAligned = bucketMs % MINUTE === 0 && from % MINUTE === 0 && to % MINUTE === 0;
  const rows =
    request.unfiltered && minuteAligned
      ? (db
          .prepare(
            // Parameters arrive as REAL from JavaScript: cast so that `/` divides integers.
            `SELECT (minute * 60000 - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS bucket, sum(count) AS n FROM event_minutes
             WHERE minute >= ? AND minute < ? GROUP BY bucket`,
          )
          .all(start, bucketMs, from / MINUTE, to / MINUTE) as { bucket: number; n: number }[])
      : (db
          .prepare(
            `SELECT (time - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS bucket, count(*) AS n FROM events
             WHERE (${request.filter.where}) AND time >= ? AND time < ? GROUP BY bucket`,
          )
          .all(start, bucketMs, ...request.filter.params, from, to) as { bucket: number; n: number }[]);
  for (const row of rows) if (row.bucket >= 0 && row.bucket < size) counts[row.bucket] = row.n;
  return { start, bucketMs, counts };
}

/** Counts every event in [from, to) from the rollup; both bounds must be whole minutes (or absent). */
export function countFromRollup(db: ReadonlyDb, from?: number, to?: number): number | null {
  if ((from !== undefined && from % MINUTE !== 0) || (to !== undefined && to % MINUTE !== 0)) return null;
  const row = db
    .prepare(`SELECT coalesce(sum(count), 0) AS n FROM event_minutes WHERE minute >= ? AND minute < ?`)
    .get(from === undefined ? -Number.MAX_SAFE_INTEGER : from / MINUTE, to === undefined ? Number.MAX_SAFE_INTEGER : to / MINUTE) as {
    n: number;
  };
  return row.n;
}
