import { describe, expect, it } from 'vitest';
import type { Histogram } from '../../../preload/contract/api.js';
import {
  bucketIndexAt,
  bucketRange,
  histogramSpan,
  layoutHistogram,
  snapToBuckets,
  timeForRank,
  timeTickFormat,
  totalCount,
} from '../../../renderer/lib/histogram';

const MIN = 60_000;
const START = Date.UTC(2024, 0, 1);
// Four one-minute buckets: 10, 0, 30, 60 events.
const histogram: Histogram = { start: START, bucketMs: MIN, counts: [10, 0, 30, 60] };

describe('bucket ↔ range math', () => {
  it('gives each bucket its half-open range', () => {
    expect(bucketRange(histogram, 0)).toEqual({ from: START, to: START + MIN });
    expect(bucketRange(histogram, 3)).toEqual({ from: START + 3 * MIN, to: START + 4 * MIN });
    expect(histogramSpan(histogram)).toEqual({ from: START, to: START + 4 * MIN });
    expect(totalCount(histogram)).toBe(100);
  });

  it('finds the bucket of an instant, clamped', () => {
    expect(bucketIndexAt(histogram, START)).toBe(0);
    expect(bucketIndexAt(histogram, START + MIN - 1)).toBe(0);
    expect(bucketIndexAt(histogram, START + MIN)).toBe(1);
    expect(bucketIndexAt(histogram, START - 5 * MIN)).toBe(0);
    expect(bucketIndexAt(histogram, START + 99 * MIN)).toBe(3);
  });

  it('snaps a brush to the whole buckets it touches', () => {
    expect(snapToBuckets(histogram, START + 10_000, START + 70_000)).toEqual({ from: START, to: START + 2 * MIN });
    // Either direction.
    expect(snapToBuckets(histogram, START + 70_000, START + 10_000)).toEqual({ from: START, to: START + 2 * MIN });
    // Ending exactly on an edge does not take the next bucket.
    expect(snapToBuckets(histogram, START + MIN, START + 3 * MIN)).toEqual({ from: START + MIN, to: START + 3 * MIN });
    // A click-sized brush inside one bucket selects that bucket.
    expect(snapToBuckets(histogram, START + 2 * MIN + 5, START + 2 * MIN + 6)).toEqual({
      from: START + 2 * MIN,
      to: START + 3 * MIN,
    });
    // Beyond the ends: clamped.
    expect(snapToBuckets(histogram, START - MIN, START + 10 * MIN)).toEqual({ from: START, to: START + 4 * MIN });
    expect(snapToBuckets({ start: 0, bucketMs: MIN, counts: [] }, 0, 1)).toBeNull();
  });
});

describe('timeForRank (inverse of the cumulative counts)', () => {
  it('interpolates within the bucket holding the rank (ascending)', () => {
    expect(timeForRank(histogram, 0, 'asc')).toBe(START);
    expect(timeForRank(histogram, 5, 'asc')).toBe(START + MIN / 2);
    expect(timeForRank(histogram, 10, 'asc')).toBe(START + MIN);
    // Empty bucket 1 is skipped: rank 25 is halfway through bucket 2.
    expect(timeForRank(histogram, 25, 'asc')).toBe(START + 2.5 * MIN);
    expect(timeForRank(histogram, 100, 'asc')).toBe(START + 4 * MIN);
    expect(timeForRank(histogram, 1000, 'asc')).toBe(START + 4 * MIN);
  });

  it('counts from the end for newest-first', () => {
    expect(timeForRank(histogram, 0, 'desc')).toBe(START + 4 * MIN);
    expect(timeForRank(histogram, 30, 'desc')).toBe(START + 3.5 * MIN);
    expect(timeForRank(histogram, 60, 'desc')).toBe(START + 3 * MIN);
    expect(timeForRank(histogram, 100, 'desc')).toBe(START);
  });

  it('has nothing to say about an empty histogram', () => {
    expect(timeForRank({ start: 0, bucketMs: 1, counts: [0, 0] }, 3, 'asc')).toBeNull();
  });
});

describe('layoutHistogram', () => {
  const margins = { top: 0, right: 0, bottom: 20, left: 40 };
  const layout = layoutHistogram(histogram, { width: 440, height: 120 }, margins, 'utc');

  it('draws one bar per non-empty bucket, proportional in time and count', () => {
    expect(layout.innerWidth).toBe(400);
    expect(layout.innerHeight).toBe(100);
    expect(layout.bars.map((bar) => bar.index)).toEqual([0, 2, 3]);
    const [first, second, third] = layout.bars;
    expect(first?.x).toBeCloseTo(0);
    expect(second?.x).toBeCloseTo(200);
    expect(third?.x).toBeCloseTo(300);
    expect(third?.width).toBeCloseTo(99); // 100 px less the hairline gap
    // The tallest bar reaches the top of the (nice) count scale: 60 of 60.
    expect(third?.y).toBeCloseTo(0);
    expect(third?.height).toBeCloseTo(100);
    expect(first?.height).toBeCloseTo(100 / 6);
  });

  it('inverts pixels to instants for the brush', () => {
    expect(layout.invert(0)).toBe(START);
    expect(layout.invert(100)).toBe(START + MIN);
    expect(layout.position(START + 2 * MIN)).toBeCloseTo(200);
  });

  it('labels time and count ticks', () => {
    expect(layout.xTicks.length).toBeGreaterThan(1);
    for (const tick of layout.xTicks) {
      expect(tick.x).toBeGreaterThanOrEqual(0);
      expect(tick.x).toBeLessThanOrEqual(400);
      expect(tick.label).not.toBe('');
    }
    expect(layout.xTicks.map((tick) => tick.label)).toContain('00:01');
    expect(layout.yTicks.map((tick) => tick.label)).toContain('60');
  });
});

describe('timeTickFormat', () => {
  it('labels with the coarsest unit that changes, 24-hour, in UTC', () => {
    const format = timeTickFormat('utc');
    expect(format(new Date(Date.UTC(2024, 0, 1)))).toBe('2024');
    expect(format(new Date(Date.UTC(2024, 4, 1)))).toBe('May');
    expect(format(new Date(Date.UTC(2024, 4, 7)))).toBe('May 07');
    expect(format(new Date(Date.UTC(2024, 4, 7, 18)))).toBe('18:00');
    expect(format(new Date(Date.UTC(2024, 4, 7, 18, 5)))).toBe('18:05');
    expect(format(new Date(Date.UTC(2024, 4, 7, 18, 5, 30)))).toBe(':30');
    expect(format(new Date(Date.UTC(2024, 4, 7, 18, 5, 30, 250)))).toBe('.250');
  });
});
