// electron-builder `beforePack` hook: puts the Electron-ABI better-sqlite3 for the target being
// packed where `extraResources` picks it up (.electron-native/package/), from where it lands in
// <resources>/native/better_sqlite3.node — the path main/electron/native-sqlite.ts loads in
// packaged builds. (npmRebuild is off: node_modules keeps its Node build, unused by the app.)
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSqliteBinding, electronVersion, nativeBindingPath, projectRoot } from './native-sqlite-build.mjs';

/** electron-builder's Arch enum. */
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64' };

export const PACKAGE_STAGING = join(projectRoot, '.electron-native', 'package', 'better_sqlite3.node');

export default async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch];
  if (!arch) throw new Error(`cairn: cannot package better-sqlite3 for arch ${context.arch} (universal builds are not supported)`);
  const version = context.packager?.info?.framework?.version ?? electronVersion();
  const binding = nativeBindingPath(projectRoot, version, { platform, arch });
  if (!existsSync(binding)) buildSqliteBinding({ target: version, platform, arch, outFile: binding });
  mkdirSync(join(projectRoot, '.electron-native', 'package'), { recursive: true });
  copyFileSync(binding, PACKAGE_STAGING);
}
