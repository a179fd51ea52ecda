import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureSqliteBinding, resolveSqliteBinding } from '../../../main/electron/native-sqlite.js';

describe('native SQLite binding', () => {
  it('uses the start script’s build in development', () => {
    const env = { CAIRN_SQLITE_BINDING: '/repo/.electron-native/45.5.0/better_sqlite3.node' };
    expect(resolveSqliteBinding({ packaged: false, resourcesPath: '/x', env }, () => true)).toEqual({
      ok: true,
      path: env.CAIRN_SQLITE_BINDING,
    });
  });

  it('explains how to start when the variable is missing', () => {
    const binding = resolveSqliteBinding({ packaged: false, resourcesPath: '/x', env: {} }, () => true);
    expect(binding.ok).toBe(false);
    expect(!binding.ok && binding.message).toContain('npm start');
  });

  it('uses the bundled resource in packaged builds and ignores the environment there', () => {
    const env: NodeJS.ProcessEnv = { CAIRN_SQLITE_BINDING: '/tmp/attacker.node' };
    const binding = configureSqliteBinding({ packaged: true, resourcesPath: '/opt/Cairn/resources', env }, () => true);
    const expected = join('/opt/Cairn/resources', 'native', 'better_sqlite3.node');
    expect(binding).toEqual({ ok: true, path: expected });
    expect(env.CAIRN_SQLITE_BINDING).toBe(expected);
  });

  it('refuses a binding that is not there', () => {
    const binding = configureSqliteBinding({ packaged: true, resourcesPath: '/opt/Cairn/resources', env: {} }, () => false);
    expect(binding.ok).toBe(false);
  });
});
