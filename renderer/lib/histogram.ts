import {
  format,
  scaleLinear,
  scaleTime,
  scaleUtc,
  timeDay,
  timeFormat,
  timeMinute,
  timeMonth,
  timeSecond,
  timeYear,
  utcDay,
  utcFormat,
  utcMinute,
  utcMonth,
  utcSecond,
  utcYear,
} from 'd3';
import type { Histogram } from '../../preload/contract/api';
import type { TimeZoneMode } from './time';

/** A time range in milliseconds UTC: `from` inclusive, `to` exclusive (as the API takes it). */
export interface TimeRange {
  from: number;
  to: number;
}

/** The time range bucket `index` covers. */
export function bucketRange(histogram: Histogram, index: number): TimeRange {
  const from = histogram.start + index * histogram.bucketMs;
  return { from, to: from + histogram.bucketMs };
}

/** The whole span the histogram covers (start of the first bucket to end of the last). */
export function histogramSpan(histogram: Histogram): TimeRange {
  return { from: histogram.start, to: histogram.start + histogram.counts.length * histogram.bucketMs };
}

/** Index of the bucket containing `ms`, clamped to the histogram. */
export function bucketIndexAt(histogram: Histogram, ms: number): number {
  const index = Math.floor((ms - histogram.start) / histogram.bucketMs);
  return Math.min(Math.max(index, 0), Math.max(histogram.counts.length - 1, 0));
}

/**
 * Turns a brushed span (two instants, any order) into a range on whole buckets: the bars the
 * brush touched, so what is selected is what the bars promised. Null for an empty histogram.
 */
export function snapToBuckets(histogram: Histogram, a: number, b: number): TimeRange | null {
  if (histogram.counts.length === 0 || histogram.bucketMs <= 0) return null;
  const first = bucketIndexAt(histogram, Math.min(a, b));
  // The end is exclusive: a brush ending exactly on a bucket edge does not take the next bucket.
  const last = bucketIndexAt(histogram, Math.max(a, b) - 1);
  return { from: bucketRange(histogram, first).from, to: bucketRange(histogram, Math.max(first, last)).to };
}

/** Sum of all buckets. */
export function totalCount(histogram: Histogram): number {
  return histogram.counts.reduce((sum, count) => sum + count, 0);
}

/**
 * An estimate of the instant T such that about `rank` matching events come before T in the view
 * order: for `asc`, events with time < T; for `desc`, events with time > T. Reads the histogram
 * as a cumulative distribution and interpolates linearly inside the bucket. Used to aim the
 * first count probe of a long jump (the exact position then comes from countEvents).
 */
export function timeForRank(histogram: Histogram, rank: number, order: 'asc' | 'desc'): number | null {
  const total = totalCount(histogram);
  if (total === 0) return null;
  const span = histogramSpan(histogram);
  const target = Math.min(Math.max(rank, 0), total);
  const counts = order === 'asc' ? histogram.counts : [...histogram.counts].reverse();
  let before = 0;
  for (let step = 0; step < counts.length; step++) {
    const count = counts[step] ?? 0;
    if (count > 0 && before + count >= target) {
      const fraction = (target - before) / count;
      if (order === 'asc') return Math.round(histogram.start + (step + fraction) * histogram.bucketMs);
      return Math.round(span.to - (step + fraction) * histogram.bucketMs);
    }
    before += count;
  }
  return order === 'asc' ? span.to : span.from;
}

export interface HistogramBar {
  index: number;
  x: number;
  width: number;
  y: number;
  height: number;
  count: number;
  range: TimeRange;
}

export interface HistogramTick {
  x: number;
  label: string;
}

export interface HistogramLayout {
  bars: HistogramBar[];
  xTicks: HistogramTick[];
  yTicks: { y: number; label: string }[];
  /** Pixel → instant, for the brush. */
  invert: (x: number) => number;
  /** Instant → pixel. */
  position: (ms: number) => number;
  innerWidth: number;
  innerHeight: number;
  /** The count at the top of the y axis (a "nice" number ≥ the tallest bar). */
  yMax: number;
}

export interface ChartMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * Where every bar and tick goes, computed with d3 scales. UTC mode uses a UTC time scale, so ticks
 * fall on UTC midnights and hours; local mode uses this machine's calendar.
 */
export function layoutHistogram(
  histogram: Histogram,
  size: { width: number; height: number },
  margins: ChartMargins,
  zone: TimeZoneMode,
): HistogramLayout {
  const innerWidth = Math.max(size.width - margins.left - margins.right, 1);
  const innerHeight = Math.max(size.height - margins.top - margins.bottom, 1);
  const span = histogramSpan(histogram);
  const x = (zone === 'utc' ? scaleUtc() : scaleTime())
    .domain([new Date(span.from), new Date(Math.max(span.to, span.from + 1))])
    .range([0, innerWidth]);
  const max = Math.max(1, ...histogram.counts);
  const y = scaleLinear().domain([0, max]).nice().range([innerHeight, 0]);

  const bars: HistogramBar[] = [];
  histogram.counts.forEach((count, index) => {
    if (count <= 0) return;
    const range = bucketRange(histogram, index);
    const x0 = x(new Date(range.from));
    const x1 = x(new Date(range.to));
    // Keep at least a pixel so a lone event stays visible; leave a hairline gap between bars.
    const width = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0));
    const top = y(count);
    bars.push({ index, x: x0, width, y: top, height: Math.max(1, innerHeight - top), count, range });
  });

  const tickCount = Math.max(2, Math.floor(innerWidth / 110));
  const tickFormat = timeTickFormat(zone);
  const xTicks = x.ticks(tickCount).map((tick) => ({ x: x(tick), label: tickFormat(tick) }));
  const countFormat = format('~s');
  // Counts are whole numbers: no "500m" ticks on a small histogram.
  const yTicks = y
    .ticks(3)
    .filter((tick) => Number.isInteger(tick))
    .map((tick) => ({ y: y(tick), label: countFormat(tick) }));

  return {
    bars,
    xTicks,
    yTicks,
    invert: (px) => x.invert(px).getTime(),
    position: (ms) => x(new Date(ms)),
    innerWidth,
    innerHeight,
    yMax: y.domain()[1] ?? max,
  };
}

/**
 * Axis labels in 24-hour time (d3's default is 12-hour): the coarsest unit that changes at each
 * tick, as d3's multi-scale format does, in UTC or this machine's calendar.
 */
export function timeTickFormat(zone: TimeZoneMode): (date: Date) => string {
  const utc = zone === 'utc';
  const format = utc ? utcFormat : timeFormat;
  const [second, minute, day, month, year] = utc
    ? [utcSecond, utcMinute, utcDay, utcMonth, utcYear]
    : [timeSecond, timeMinute, timeDay, timeMonth, timeYear];
  const formats = {
    millisecond: format('.%L'),
    second: format(':%S'),
    minute: format('%H:%M'),
    day: format('%b %d'),
    month: format('%B'),
    year: format('%Y'),
  };
  return (date) => {
    if (second(date) < date) return formats.millisecond(date);
    if (minute(date) < date) return formats.second(date);
    if (day(date) < date) return formats.minute(date);
    if (month(date) < date) return formats.day(date);
    if (year(date) < date) return formats.month(date);
    return formats.year(date);
  };
}
