import type { ReadonlyDb } from '../open-case.js';
import { countTimeline } from './timeline.js';
import type { FilterPart, TimelineFilter } from './timeline-filter.js';

/** The filter narrowed to [from, to) on every part. */
export function withTimeRange(filter: TimelineFilter, from: number, to: number): TimelineFilter {
  return {
    parts: filter.parts.map((part) => ({
      ...part,
      where: `(${part.where}) AND events.time >= ? AND events.time < ?`,
      params: [...part.params, from, to],
    })),
  };
}

/**
 * The most frequent values of a column among matching rows, with the total of matching rows.
 * `column(part)` is the column's SQL on that part's table, or null where its rows lack the field
 * (those rows count in the total only). List columns (JSON arrays) count each element.
 */
export function topValues(
  db: ReadonlyDb,
  filter: TimelineFilter,
  column: (part: FilterPart) => string | null,
  limit: number,
  options: { list?: boolean } = {},
): { total: number; values: { value: string | null; count: number }[] } {
  const merged = new Map<string, { value: string | null; count: number }>();
  for (const part of filter.parts) {
    const sql = column(part);
    if (sql === null) continue;
    // Per part, more than asked: the merge across parts then stays exact for the common case.
    const rows = (
      options.list
        ? db.prepare(
            `SELECT element.value AS value, count(*) AS n FROM ${part.table} AS events, json_each(${sql}) AS element
             WHERE (${part.where}) GROUP BY element.value COLLATE NOCASE ORDER BY n DESC LIMIT ?`,
          )
        : db.prepare(
            `SELECT ${sql} AS value, count(*) AS n FROM ${part.table} AS events WHERE (${part.where})
             GROUP BY ${sql} ORDER BY n DESC LIMIT ?`,
          )
    ).all(...part.params, limit * 4) as { value: unknown; n: number }[];
    for (const row of rows) {
      const value = row.value === null || row.value === undefined ? null : String(row.value);
      const key = value === null ? '\u0000null' : value.toLowerCase();
      const entry = merged.get(key) ?? { value, count: 0 };
      entry.count += row.n;
      merged.set(key, entry);
    }
  }
  const values = [...merged.values()]
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
    .slice(0, limit);
  return { total: countTimeline(db, filter), values };
}
