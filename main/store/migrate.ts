import type Database from 'better-sqlite3';
import type { Migration } from './migrations/migration.js';
import { migrations as allMigrations } from './migrations/index.js';

/** SQLite application_id marking a Cairn case file ("CAIR"). */
export const CAIRN_APPLICATION_ID = 0x43414952;

export class CaseFileError extends Error {
  override name = 'CaseFileError';
}

/**
 * Brings the case file up to the newest schema, one transaction per migration.
 * Refuses files from a newer Cairn and SQLite files that are not case files.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = allMigrations): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (appId !== CAIRN_APPLICATION_ID) {
    const hasTables = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n > 0;
    if (hasTables || current !== 0) throw new CaseFileError('not a Cairn case file (foreign SQLite database)');
  }
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new CaseFileError(`case file schema v${current} is newer than this Cairn (v${latest}); upgrade Cairn`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
