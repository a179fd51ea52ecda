import type { QueryResult } from './queries.js';

/** Renders rows as aligned columns (numbers right-aligned). */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) =>
    rows.every((row) => /^[\d.,\s%×<>-]*(ms|s|MB|MiB|\/s)?[\d.,\s%×]*$/.test(row[i] ?? '')),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** "ok", "SLOW" or "" against a target in ms. */
export function verdict(median: number, target: number | null): string {
  if (target === null) return '';
  return median <= target ? `ok (< ${target} ms)` : `SLOW (target ${target} ms)`;
}

export function queryTable(results: QueryResult[]): string {
  return table(
    ['query', 'search', 'median', 'first', 'result', 'target'],
    results.map((result) => [
      result.name,
      result.query.length > 46 ? `${result.query.slice(0, 45)}…` : result.query,
      ms(result.timing.median),
      ms(result.timing.first),
      count(result.result),
      result.note
        ? `${verdict(result.timing.median, result.targetMs)} ${result.note}`.trim()
        : verdict(result.timing.median, result.targetMs),
    ]),
  );
}
