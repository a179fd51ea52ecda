import { rmSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openCase } from '../store/open-case.js';

/** Suggested file name for a copy: `<case>-copy-YYYYMMDD-HHMMSS.cairn` (UTC), next to the case. */
export function exportCopyDefaultPath(casePath: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(dirname(casePath), `${basename(casePath, '.cairn')}-copy-${stamp}.cairn`);
}

/**
 * Writes a consistent copy of a case (SQLite online backup, so changes still in the WAL are
 * included and the open case keeps working) to `destination`. The copy is built in a temporary
 * file and renamed into place; a stale -wal/-shm left by an older file of that name is removed
 * so it cannot be replayed into the copy.
 */
export async function exportCaseCopy(casePath: string, destination: string): Promise<void> {
  const source = resolve(casePath);
  const target = resolve(destination);
  if (source === target) throw new Error('choose a different file than the open case');
  const temp = `${target}.${process.pid}.partial`;
  const db = openCase(source, { readonly: true });
  try {
    await db.backup(temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    db.close();
  }
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(temp, target);
}
