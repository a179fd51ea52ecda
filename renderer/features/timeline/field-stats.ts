import type { FieldStats } from '../../../preload/contract/api';

/** One line of the field statistics panel. */
export interface StatLine {
  /** The value as the query language matches it; null = rows without the field. */
  value: string | null;
  count: number;
  /** count / total, 0..1 (0 when nothing matched). */
  share: number;
}

/** The top values with their share of the rows that matched, and how many rows the list leaves out. */
export function statLines(stats: FieldStats): { lines: StatLine[]; others: number } {
  const total = Math.max(stats.total, 0);
  const lines = stats.values.map(({ value, count }) => ({ value, count, share: total > 0 ? count / total : 0 }));
  const listed = stats.values.reduce((sum, entry) => sum + entry.count, 0);
  return { lines, others: Math.max(0, total - listed) };
}

/** `12.5 %`, `< 0.1 %` for tiny non-zero shares, `100 %`. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0 %';
  if (share < 0.001) return '< 0.1 %';
  if (share >= 1) return '100 %';
  return `${(share * 100).toFixed(1)} %`;
}
