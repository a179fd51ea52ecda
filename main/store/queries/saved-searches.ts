import type { ReadonlyDb, WritableDb } from '../open-case.js';

/** A search kept in the case. Times ms UTC. */
export interface StoredSearch {
  id: number;
  name: string;
  description: string;
  query: string;
  from: number | null;
  to: number | null;
  createdAt: number;
}

const COLUMNS = `id, name, description, query, from_ms AS "from", to_ms AS "to", created_at AS createdAt`;

export function listSavedSearches(db: ReadonlyDb): StoredSearch[] {
  return db.prepare(`SELECT ${COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE`).all() as StoredSearch[];
}

/** Saves a search under its name, replacing one of the same name (case-insensitive). Call in a transaction. */
export function saveSearch(db: WritableDb, search: Omit<StoredSearch, 'id' | 'createdAt'>): StoredSearch {
  db.prepare(
    `INSERT INTO saved_searches(name, description, query, from_ms, to_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET description = excluded.description, query = excluded.query,
       from_ms = excluded.from_ms, to_ms = excluded.to_ms`,
  ).run(search.name, search.description, search.query, search.from, search.to, Date.now());
  return db.prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE name = ?`).get(search.name) as StoredSearch;
}

/** Deletes a saved search; returns whether it existed. Call in a transaction. */
export function deleteSavedSearch(db: WritableDb, id: number): StoredSearch | null {
  const existing = db.prepare(`SELECT ${COLUMNS} FROM saved_searches WHERE id = ?`).get(id) as StoredSearch | undefined;
  if (!existing) return null;
  db.prepare(`DELETE FROM saved_searches WHERE id = ?`).run(id);
  return existing;
}
