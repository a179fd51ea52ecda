// Builds better-sqlite3 for Electron's ABI, apart from node_modules (which stays compiled for Node:
// the CLI and the tests load it). Used by `npm start` (scripts/start-electron.mjs) and by packaging
// (scripts/electron-builder-before-pack.mjs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const require = createRequire(import.meta.url);

export function electronVersion(root = projectRoot) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/**
 * Where the Electron-ABI binding lives, outside node_modules: `.electron-native/<version>/` for
 * this machine (what `npm start` uses), `.electron-native/<version>/<platform>-<arch>/` for
 * packaging another target.
 */
export function nativeBindingPath(root, version, target = { platform: process.platform, arch: process.arch }) {
  const host = target.platform === process.platform && target.arch === process.arch;
  const folder = host ? join(root, '.electron-native', version) : join(root, '.electron-native', version, `${target.platform}-${target.arch}`);
  return join(folder, 'better_sqlite3.node');
}

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, stdio: 'inherit' }).status === 0;
}

/**
 * Builds better-sqlite3 for `runtime` `target` into `outFile`, in a temporary copy of the package
 * (its Node build left out, node_modules never written): first a prebuilt binary (GitHub
 * releases), else node-gyp against the runtime's headers (host platform only). Throws with what
 * to install when neither works.
 */
export function buildSqliteBinding({
  root = projectRoot,
  runtime = 'electron',
  target,
  platform = process.platform,
  arch = process.arch,
  distUrl = ELECTRON_HEADERS_URL,
  outFile,
  devDir = join(homedir(), '.electron-gyp'),
  log = console.log,
}) {
  const source = join(root, 'node_modules', 'better-sqlite3');
  const nodeBuild = join(source, 'build');
  const work = mkdtempSync(join(tmpdir(), 'cairn-sqlite-'));
  const copy = join(work, 'better-sqlite3');
  try {
    cpSync(source, copy, { recursive: true, filter: (path) => path !== nodeBuild && !path.startsWith(nodeBuild + sep) });
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    log(`cairn: fetching a prebuilt better-sqlite3 for ${runtime} ${target} (${platform}-${arch})…`);
    const prebuilt = run(
      process.execPath,
      [require.resolve('prebuild-install/bin.js'), `--runtime=${runtime}`, `--target=${target}`, `--platform=${platform}`, `--arch=${arch}`],
      copy,
    );
    if (!prebuilt || !existsSync(built)) {
      if (platform !== process.platform) {
        throw new Error(`no prebuilt better-sqlite3 for ${runtime} ${target} on ${platform}-${arch}; build on a ${platform} machine`);
      }
      log(`cairn: no prebuilt binary; compiling better-sqlite3 against ${runtime} ${target} headers…`);
      const gyp = require.resolve('node-gyp/bin/node-gyp.js');
      const args = ['rebuild', '--release', `--target=${target}`, `--arch=${arch}`, `--dist-url=${distUrl}`, `--devdir=${devDir}`, '--jobs=max'];
      if (!run(process.execPath, [gyp, ...args], copy) || !existsSync(built)) {
        throw new Error(
          `could not build better-sqlite3 for ${runtime} ${target}. It needs internet access (${distUrl}) and a C++ ` +
            'toolchain: Python 3, make and g++ or clang (Visual Studio Build Tools on Windows).',
        );
      }
    }
    mkdirSync(dirname(outFile), { recursive: true });
    const partial = `${outFile}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, outFile);
    return outFile;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
