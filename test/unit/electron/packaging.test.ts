import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGED_BINDING } from '../../../main/electron/native-sqlite.js';

const configPath = fileURLToPath(new URL('../../../electron-builder.yml', import.meta.url));
const config = yaml.load(readFileSync(configPath, 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  extraResources: { from: string; to: string }[];
  directories: { output: string };
  beforePack: string;
};

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    const module = (await import('app-builder-lib/out/util/config/config.js' as string)) as {
      validateConfiguration(config: unknown, logger: { add(): void; isEnabled: boolean }): Promise<void>;
    };
    await expect(module.validateConfiguration(config, { add: () => undefined, isEnabled: false })).resolves.toBeUndefined();
  });

  it('names the app and keeps its output out of dist/', () => {
    expect(config.appId).toBe('io.cairn.workstation');
    expect(config.productName).toBe('Cairn');
    expect(config.directories.output).toBe('release');
  });

  it('locks the fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('ships the Electron build of better-sqlite3 where the shell loads it', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.extraResources).toContainEqual({
      from: '.electron-native/package/better_sqlite3.node',
      to: PACKAGED_BINDING.split('\\').join('/'),
    });
    expect(config.beforePack).toBe('./scripts/electron-builder-before-pack.mjs');
  });

  it('builds AppImage and deb, dmg, nsis', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
  });
});
