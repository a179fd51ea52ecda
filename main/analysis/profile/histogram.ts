/** Event counts over a time range in equal buckets. `start` and `bucketMs` are milliseconds (UTC). */
export interface Histogram {
  /** Start of the first bucket: the range start rounded down to a multiple of `bucketMs`. */
  start: number;
  bucketMs: number;
  counts: number[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket widths people read without arithmetic, smallest first. */
const NICE_WIDTHS: readonly number[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

/** The smallest nice width that covers `[from, to)` in at most `target` buckets (whole years beyond). */
export function niceBucketWidth(from: number, to: number, target = 60): number {
  const span = Math.max(to - from, 1);
  const wanted = span / target;
  for (const width of NICE_WIDTHS) if (width >= wanted) return width;
  return Math.ceil(wanted / (365 * DAY)) * 365 * DAY;
}

/** An empty histogram over `[from, to)` with about `target` nice-width buckets. */
export function emptyHistogram(from: number, to: number, target = 60): Histogram {
  const bucketMs = niceBucketWidth(from, to, target);
  const start = Math.floor(from / bucketMs) * bucketMs;
  const buckets = Math.max(1, Math.ceil((to - start) / bucketMs));
  return { start, bucketMs, counts: new Array<number>(buckets).fill(0) };
}

/** Counts one event at `time` if it falls inside the histogram. */
export function countInto(histogram: Histogram, time: number): void {
  const index = Math.floor((time - histogram.start) / histogram.bucketMs);
  if (index >= 0 && index < histogram.counts.length) histogram.counts[index] = (histogram.counts[index] ?? 0) + 1;
}
