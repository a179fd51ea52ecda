import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { CaseFileError, migrate } from './migrate.js';
import { latestSchemaVersion } from './migrations/index.js';
import { restoreIndexes } from './deferred-indexes.js';
import { markInterruptedImports } from './queries/imports.js';

/** A case database handle that may write. Queries that only read take `ReadonlyDb`. */
export type WritableDb = Database.Database & { readonly __writable: true };
export type ReadonlyDb = Database.Database;

export interface OpenCaseOptions {
  /** Create the file when missing (ingest does; queries do not). */
  create?: boolean;
  readonly?: boolean;
}

function applyPragmas(db: Database.Database, readonly: boolean): void {
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // Writes wait this long behind an import's batch (it commits at least every 5 s) before giving up.
  db.pragma('busy_timeout = 15000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache
  db.pragma('temp_store = MEMORY');
  db.pragma('mmap_size = 268435456');
}

/** Opens (and if asked, creates) a case file, migrated to the newest schema. */
export function openCase(path: string, options: OpenCaseOptions & { readonly: true }): ReadonlyDb;
export function openCase(path: string, options?: OpenCaseOptions): WritableDb;
export function openCase(path: string, options: OpenCaseOptions = {}): Database.Database {
  const isMemory = path === ':memory:';
  if (!isMemory && !options.create && !existsSync(path)) {
    throw new CaseFileError(`case file not found: ${path}`);
  }
  // SQLite would silently turn an empty file into a new database: an empty file is not a case.
  if (!isMemory && existsSync(path) && statSync(path).size === 0) {
    throw new CaseFileError(`${path} is an empty file, not a Cairn case (remove it, or name a new file)`);
  }
  let db: Database.Database;
  try {
    db = new Database(path, {
      readonly: options.readonly === true,
      fileMustExist: !options.create && !isMemory,
      // The desktop app runs on Electron's ABI and loads its own build of the driver (see main/electron).
      ...(process.env.CAIRN_SQLITE_BINDING ? { nativeBinding: process.env.CAIRN_SQLITE_BINDING } : {}),
    });
  } catch (error) {
    throw new CaseFileError(`cannot open case file ${path}: ${(error as Error).message}`);
  }
  try {
    applyPragmas(db, options.readonly === true || isMemory);
    if (options.readonly) {
      // A read-only handle cannot migrate: check the version instead.
      migrateCheckOnly(db);
    } else {
      migrate(db);
      // After an import that was interrupted in bulk mode; never under a live import.
      restoreIndexes(db as WritableDb, [], { onlyIfAbandoned: true });
      markInterruptedImports(db as WritableDb);
      // Written once: a second window opening the case during an import must not need the write lock.
      if (!db.prepare(`SELECT 1 FROM case_meta WHERE key = 'case_id'`).get()) {
        db.prepare(`INSERT OR IGNORE INTO case_meta(key, value) VALUES ('case_id', ?), ('created_at', ?)`).run(
          randomUUID(),
          String(Date.now()),
        );
      }
    }
  } catch (error) {
    db.close();
    if (error instanceof CaseFileError) throw error;
    throw new CaseFileError(`cannot open case file ${path}: ${(error as Error).message}`);
  }
  return db;
}

function migrateCheckOnly(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > latestSchemaVersion) {
    throw new CaseFileError(`case file schema v${version} is newer than this Cairn (v${latestSchemaVersion})`);
  }
  if (version < latestSchemaVersion) {
    throw new CaseFileError(`case file schema v${version} needs upgrading; open it once without --readonly`);
  }
}

/**
 * Keeps a writer's memory bounded whatever the case size: no memory map (mapped pages of a
 * multi-GB case count as resident), and large sorts (rebuilding indexes after a bulk load) spill
 * to disk.
 */
export function boundWriterMemory(db: WritableDb): void {
  db.pragma('mmap_size = 0');
  db.pragma('temp_store = FILE');
}

/** Folds the write-ahead log back into the case file when no reader needs it (after an import). */
export function checkpoint(db: WritableDb): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** Folds the whole write-ahead log into the case file and empties it (before hashing the file). */
export function checkpointFully(db: WritableDb): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
