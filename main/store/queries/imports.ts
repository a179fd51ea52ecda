import type { ReadonlyDb, WritableDb } from '../open-case.js';
import { isProcessAlive } from '../process-alive.js';

/** Records an import as running in this process; returns its id. */
export function startImport(db: WritableDb, paths: readonly string[], actor: string): number {
  return Number(
    db
      .prepare(`INSERT INTO imports(started_at, paths, status, actor, pid) VALUES (?, ?, 'running', ?, ?)`)
      .run(Date.now(), JSON.stringify(paths), actor, process.pid).lastInsertRowid,
  );
}

/** Records how an import ended and its totals. */
export function finishImport(
  db: WritableDb,
  id: number,
  result: { status: 'done' | 'cancelled' | 'failed'; files: number; inserted: number; duplicates: number },
): void {
  db.prepare(`UPDATE imports SET finished_at = ?, status = ?, files = ?, inserted = ?, duplicates = ? WHERE id = ?`).run(
    Date.now(),
    result.status,
    result.files,
    result.inserted,
    result.duplicates,
    id,
  );
}

/** Imports still marked running whose process is gone (killed): marked `interrupted`. Returns how many. */
export function markInterruptedImports(db: WritableDb): number {
  const running = db.prepare(`SELECT id, pid FROM imports WHERE status = 'running'`).all() as { id: number; pid: number | null }[];
  let marked = 0;
  for (const row of running) {
    if (row.pid === process.pid || (row.pid !== null && isProcessAlive(row.pid))) continue;
    db.prepare(`UPDATE imports SET status = 'interrupted' WHERE id = ?`).run(row.id);
    marked += 1;
  }
  return marked;
}

/** Another live process importing into this case right now, if any. */
export function liveImporter(db: ReadonlyDb): { id: number; pid: number } | null {
  const running = db.prepare(`SELECT id, pid FROM imports WHERE status = 'running' AND pid IS NOT NULL`).all() as { id: number; pid: number }[];
  return running.find((row) => row.pid !== process.pid && isProcessAlive(row.pid)) ?? null;
}
