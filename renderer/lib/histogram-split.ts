import type { Histogram } from '../../preload/contract/api';

/** One stacked piece of a bar: bucket `index`, series `series`, counts [low, high) of the stack. */
export interface StackSegment {
  index: number;
  series: number;
  low: number;
  high: number;
}

/** The legend's name for a series value (null = everything outside the top values). */
export function seriesLabel(value: string | null): string {
  return value === null ? 'other' : value === '' ? '(empty)' : value;
}

/**
 * The stacks of a split histogram, bottom to top in the series' order, skipping empty pieces.
 * Without series, one segment per non-empty bucket (series 0).
 */
export function stackSegments(histogram: Histogram): StackSegment[] {
  const segments: StackSegment[] = [];
  const series = histogram.series ?? [{ value: null, counts: histogram.counts }];
  histogram.counts.forEach((_, index) => {
    let low = 0;
    series.forEach((entry, seriesIndex) => {
      const count = entry.counts[index] ?? 0;
      if (count <= 0) return;
      segments.push({ index, series: seriesIndex, low, high: low + count });
      low += count;
    });
  });
  return segments;
}

/** Where an axis label goes so it is never cut at the chart's edges: anchored inward near them. */
export function labelAnchor(x: number, width: number, halfLabel = 28): 'start' | 'middle' | 'end' {
  if (x < halfLabel) return 'start';
  if (x > width - halfLabel) return 'end';
  return 'middle';
}

/** A wider range around the same centre (`factor`× as long), for "zoom out". */
export function zoomOut(range: { from: number; to: number }, factor = 3): { from: number; to: number } {
  const span = Math.max(1, range.to - range.from);
  const centre = range.from + span / 2;
  const half = (span * factor) / 2;
  return { from: Math.floor(centre - half), to: Math.ceil(centre + half) };
}
