import { scaleBand, scaleLinear } from 'd3';
import type { EntityProfileResult, ValueCount } from '../../../preload/contract/analysis';

/** Longest event-name label drawn in full. */
const NAME_CHARS = 32;

export interface NameBar {
  value: string;
  label: string;
  count: number;
  y: number;
  height: number;
  width: number;
}

export interface NameHistogram {
  width: number;
  height: number;
  left: number;
  bars: NameBar[];
  ticks: { x: number; label: string }[];
  axisY: number;
}

/**
 * The event-name histogram's geometry (d3 scales; React draws it): one horizontal bar per event
 * name, the left margin as wide as the widest label and room for the count at the right, so no
 * label is clipped.
 */
export function nameHistogram(values: readonly ValueCount[], width: number, limit = 15, rowHeight = 20): NameHistogram {
  const shown = values.slice(0, limit);
  const labels = shown.map((entry) => (entry.value.length > NAME_CHARS ? `${entry.value.slice(0, NAME_CHARS - 1)}…` : entry.value));
  const left = Math.max(48, ...labels.map((label) => Math.ceil(label.length * 6.6))) + 10;
  const right = Math.max(32, ...shown.map((entry) => String(entry.count).length * 7 + 8));
  const plot = Math.max(40, width - left - right);
  const max = Math.max(1, ...shown.map((entry) => entry.count));
  const x = scaleLinear().domain([0, max]).range([0, plot]).nice();
  const top = 2;
  const y = scaleBand<number>()
    .domain(shown.map((_, index) => index))
    .range([top, top + shown.length * rowHeight])
    .padding(0.2);
  const bars = shown.map((entry, index) => ({
    value: entry.value,
    label: labels[index] ?? entry.value,
    count: entry.count,
    y: y(index) ?? 0,
    height: y.bandwidth(),
    width: Math.max(1, x(entry.count)),
  }));
  const ticks = x
    .ticks(Math.max(2, Math.min(max, Math.floor(plot / 70))))
    .filter((value) => Number.isInteger(value))
    .map((value) => ({ x: left + x(value), label: String(value) }));
  const axisY = top + shown.length * rowHeight;
  return { width: Math.max(width, left + right + 40), height: axisY + 20, left, bars, ticks, axisY };
}

/** The "unusual in this range" lists with their headings, empty ones left out. */
export function unusualLists(profile: EntityProfileResult): { label: string; values: string[] }[] {
  return [
    { label: 'New event names', values: profile.unusual.newEventNames },
    { label: 'New source IPs', values: profile.unusual.newIps },
    { label: 'New regions', values: profile.unusual.newRegions },
    { label: 'New user agents', values: profile.unusual.newUserAgents },
  ].filter((list) => list.values.length > 0);
}

/** An error rate as a percentage with one decimal. */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
