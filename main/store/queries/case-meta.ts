import type { ReadonlyDb } from '../open-case.js';

/** The case's key/value metadata (case id, creation time, demo flag, …). */
export function caseMeta(db: ReadonlyDb): Map<string, string> {
  const rows = db.prepare(`SELECT key, value FROM case_meta`).all() as { key: string; value: string }[];
  return new Map(rows.map((row) => [row.key, row.value]));
}
