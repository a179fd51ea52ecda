import type { Histogram } from '../../../preload/contract/api.js';
import type { ReadonlyDb } from '../open-case.js';
import { bucketCounts, timelineRange } from './timeline.js';
import type { FilterPart, TimelineFilter } from './timeline-filter.js';
import { topValues, withTimeRange } from './field-stats.js';

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
  filter: TimelineFilter;
  /** True when the filter has no query terms: the per-minute rollup can answer. */
  unfiltered: boolean;
  /** Inclusive start and exclusive end (ms UTC); default: the matching rows' time range. */
  from?: number | undefined;
  to?: number | undefined;
  buckets: number;
  /** Split each bar by this column's top values: `column(part)` is its SQL on a part, or null where absent. */
  split?: { column: (part: FilterPart) => string | null; top: number } | undefined;
}

/** Row counts over time in nice, aligned buckets (split by a field's top values when asked). */
export function eventHistogram(db: ReadonlyDb, request: HistogramRequest): Histogram {
  let { from, to } = request;
  if (from === undefined || to === undefined) {
    const range = timelineRange(db, request.filter);
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
  const byBucket =
    request.unfiltered && minuteAligned
      ? rollupBuckets(db, start, bucketMs, from, to)
      : bucketCounts(db, request.filter, { start, bucketMs, from, to });
  for (const [bucket, n] of byBucket) if (bucket >= 0 && bucket < size) counts[bucket] = n;
  const histogram: Histogram = { start, bucketMs, counts };
  if (request.split) histogram.series = splitSeries(db, request.filter, request.split, { start, bucketMs, from, to, size });
  return histogram;
}

function rollupBuckets(db: ReadonlyDb, start: number, bucketMs: number, from: number, to: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT (minute * 60000 - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS bucket, sum(count) AS n FROM event_minutes
       WHERE minute >= ? AND minute < ? GROUP BY bucket`,
    )
    .all(start, bucketMs, from / MINUTE, to / MINUTE) as { bucket: number; n: number }[];
  return new Map(rows.map((row) => [row.bucket, row.n]));
}

/** Per-bucket counts of the split column's top values in the range, and of everything else (`value` null). */
function splitSeries(
  db: ReadonlyDb,
  filter: TimelineFilter,
  split: NonNullable<HistogramRequest['split']>,
  range: { start: number; bucketMs: number; from: number; to: number; size: number },
): NonNullable<Histogram['series']> {
  const ranged = withTimeRange(filter, range.from, range.to);
  const top = topValues(db, ranged, split.column, split.top).values.flatMap((entry) =>
    entry.value === null ? [] : [entry.value],
  );
  const series = new Map<string | null, number[]>();
  for (const value of [...top, null]) series.set(value, new Array<number>(range.size).fill(0));
  const known = new Map(top.map((value) => [value.toLowerCase(), value]));
  for (const part of ranged.parts) {
    const column = split.column(part);
    const value = column ?? 'NULL';
    const rows = db
      .prepare(
        `SELECT (events.time - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS bucket, ${value} AS value, count(*) AS n
         FROM ${part.table} AS events WHERE (${part.where}) GROUP BY bucket, value`,
      )
      .all(range.start, range.bucketMs, ...part.params) as { bucket: number; value: unknown; n: number }[];
    for (const row of rows) {
      if (row.bucket < 0 || row.bucket >= range.size) continue;
      const name = row.value === null || row.value === undefined ? null : (known.get(String(row.value).toLowerCase()) ?? null);
      const counts = series.get(name);
      if (counts) counts[row.bucket] = (counts[row.bucket] ?? 0) + row.n;
    }
  }
  return [...series].map(([value, counts]) => ({ value, counts })).filter((entry) => entry.counts.some((n) => n > 0));
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
