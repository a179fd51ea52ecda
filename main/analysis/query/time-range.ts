import type { CompiledQuery } from './compile.js';

/**
 * The CLI's --from/--to (and the UI's brush) as a condition on `events.time`: milliseconds UTC,
 * `from` inclusive, `to` exclusive; either may be omitted. No bounds gives `'1'` (everything).
 */
export function timeRangeWhere(from?: number, to?: number): CompiledQuery {
  const conditions: string[] = [];
  const params: number[] = [];
  for (const [bound, sql] of [
    [from, 'events.time >= ?'],
    [to, 'events.time < ?'],
  ] as const) {
    if (bound === undefined) continue;
    if (!Number.isFinite(bound)) throw new RangeError(`time bound must be a finite number of ms, got ${bound}`);
    conditions.push(sql);
    params.push(bound);
  }
  return { where: conditions.length ? conditions.join(' AND ') : '1', params };
}
