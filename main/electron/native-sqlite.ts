import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 in node_modules is compiled for Node (the CLI and the tests use it); Electron
 * needs a build for its own ABI. The two are kept apart: the app hands better-sqlite3 an explicit
 * `nativeBinding` through CAIRN_SQLITE_BINDING, which main/store/open-case.ts honours.
 *
 * - `npm start` (scripts/start-electron.mjs) builds `.electron-native/<electron>/better_sqlite3.node`
 *   and passes it in the environment.
 * - Packaged builds carry it as an extra resource: `<resources>/native/better_sqlite3.node`.
 */
export const SQLITE_BINDING_ENV = 'CAIRN_SQLITE_BINDING';
export const PACKAGED_BINDING = join('native', 'better_sqlite3.node');

export interface SqliteBindingContext {
  packaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
}

export type SqliteBinding = { ok: true; path: string } | { ok: false; message: string };

/** Finds the Electron-ABI better-sqlite3 binding for this run, or says what to do instead. */
export function resolveSqliteBinding(context: SqliteBindingContext, exists: (path: string) => boolean = existsSync): SqliteBinding {
  const path = context.packaged ? join(context.resourcesPath, PACKAGED_BINDING) : context.env[SQLITE_BINDING_ENV];
  if (!path) {
    return {
      ok: false,
      message: `${SQLITE_BINDING_ENV} is not set: start the app with \`npm start\`, which builds better-sqlite3 for Electron.`,
    };
  }
  if (!exists(path)) return { ok: false, message: `the SQLite binding for Electron is missing: ${path}` };
  return { ok: true, path };
}

/**
 * Resolves the binding and publishes it in the environment before any case is opened (query and
 * ingest workers inherit the environment too).
 */
export function configureSqliteBinding(context: SqliteBindingContext, exists?: (path: string) => boolean): SqliteBinding {
  const binding = resolveSqliteBinding(context, exists);
  if (binding.ok) context.env[SQLITE_BINDING_ENV] = binding.path;
  return binding;
}
