import type { ReadonlyDb } from '../open-case.js';

/** Problems SQLite finds in the case file itself: its quick check and broken foreign keys. */
export function caseFileChecks(db: ReadonlyDb): string[] {
  const problems = (db.pragma('quick_check') as { quick_check: string }[])
    .map((row) => row.quick_check)
    .filter((message) => message !== 'ok');
  for (const row of db.pragma('foreign_key_check') as { table: string; rowid: number }[]) {
    problems.push(`foreign key broken in ${row.table} row ${row.rowid}`);
  }
  return problems;
}
