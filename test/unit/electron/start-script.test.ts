import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface NativeBuild {
  nativeBindingPath(root: string, version: string, target?: { platform: string; arch: string }): string;
  electronVersion(root?: string): string;
}
interface StartScript {
  appBuildIsStale(root: string): boolean;
}
const native = (await import('../../../scripts/native-sqlite-build.mjs' as string)) as NativeBuild;
const start = (await import('../../../scripts/start-electron.mjs' as string)) as StartScript;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cairn-start-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function touch(path: string, seconds: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), seconds, seconds);
}

describe('npm start helpers', () => {
  it('keeps the Electron build of better-sqlite3 outside node_modules', () => {
    const path = native.nativeBindingPath('/repo', '45.5.0');
    expect(path).toBe(join('/repo', '.electron-native', '45.5.0', 'better_sqlite3.node'));
    expect(path.split(sep)).not.toContain('node_modules');
    const other = process.platform === 'linux' ? 'darwin' : 'linux';
    expect(native.nativeBindingPath('/repo', '45.5.0', { platform: other, arch: 'arm64' })).toBe(
      join('/repo', '.electron-native', '45.5.0', `${other}-arm64`, 'better_sqlite3.node'),
    );
  });

  it('reads the installed Electron version', () => {
    expect(native.electronVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rebuilds the app when an output is missing or a source is newer', () => {
    expect(start.appBuildIsStale(root)).toBe(true);
    touch('main/electron/main.ts', 1000);
    touch('dist/main/electron/main.js', 2000);
    touch('dist/preload/index.cjs', 2000);
    touch('dist/renderer/index.html', 2000);
    expect(start.appBuildIsStale(root)).toBe(false);
    touch('preload/index.cts', 3000);
    expect(start.appBuildIsStale(root)).toBe(true);
  });
});
