import type { ReadonlyDb } from '../open-case.js';

/** The schema version the case file is at. */
export function schemaVersion(db: ReadonlyDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Marks the case as the bundled demo incident (the app says so: the story is fictional). */
export function markDemoCase(db: ReadonlyDb & { readonly __writable: true }): void {
  db.prepare(`INSERT OR REPLACE INTO case_meta(key, value) VALUES ('demo', 'true')`).run();
}

/** The case's key/value metadata (case id, creation time, demo flag, …). */
export function caseMeta(db: ReadonlyDb): Map<string, string> {
  const rows = db.prepare(`SELECT key, value FROM case_meta`).all() as { key: string; value: string }[];
  return new Map(rows.map((row) => [row.key, row.value]));
}
