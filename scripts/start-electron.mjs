#!/usr/bin/env node
// `npm start`: builds the app when its sources changed, makes sure an Electron-ABI build of
// better-sqlite3 exists in .electron-native/<electron version>/, then runs Electron on the app
// with CAIRN_SQLITE_BINDING pointing at it. node_modules is never written.
//
// Needs, once per Electron version, on a machine with internet: the Electron binary (downloaded
// by node_modules/electron on first launch), and either a prebuilt better-sqlite3 for Electron's
// ABI (GitHub releases) or Electron's headers (electronjs.org) plus a C++ toolchain (Python 3,
// make, g++/clang; Visual Studio Build Tools on Windows).
//
//   npm start                 build if needed, then launch
//   npm start -- --rebuild    rebuild the app and the native module first
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSqliteBinding, electronVersion, nativeBindingPath, projectRoot } from './native-sqlite-build.mjs';

const require = createRequire(import.meta.url);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Stale when an output is missing or a source is newer than the oldest output. */
export function appBuildIsStale(root = projectRoot) {
  const outputs = ['dist/main/electron/main.js', 'dist/preload/index.cjs', 'dist/renderer/index.html'].map((file) => join(root, file));
  if (outputs.some((file) => !existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const sources = ['main', 'preload', 'renderer', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
  return sources.some((source) => newestMtime(join(root, source)) > built);
}

function main(args) {
  const rebuild = args.includes('--rebuild');
  if (rebuild || appBuildIsStale()) {
    console.log('cairn: building the app (npm run build)…');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const built = spawnSync(npm, ['run', 'build'], { cwd: projectRoot, stdio: 'inherit', shell: process.platform === 'win32' });
    if (built.status !== 0) process.exit(1);
  }

  const version = electronVersion();
  const binding = nativeBindingPath(projectRoot, version);
  if (rebuild || !existsSync(binding)) {
    try {
      buildSqliteBinding({ target: version, outFile: binding });
    } catch (error) {
      console.error(`cairn: ${error.message}`);
      process.exit(1);
    }
    console.log(`cairn: better-sqlite3 for Electron ${version} → ${relative(projectRoot, binding)}`);
  }

  const env = { ...process.env, CAIRN_SQLITE_BINDING: binding };
  // ELECTRON_RUN_AS_NODE would turn Electron into plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const forwarded = args.filter((arg) => arg !== '--rebuild');
  const child = spawn(process.execPath, [require.resolve('electron/cli.js'), '.', ...forwarded], {
    cwd: projectRoot,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
