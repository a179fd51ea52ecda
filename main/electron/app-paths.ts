import { join } from 'node:path';

/**
 * Where the built pieces live, relative to the compiled shell (dist/main/electron/*.js). Inside a
 * packaged app the same layout sits in app.asar.
 */
export interface AppPaths {
  /** dist/ */
  dist: string;
  /** The sandboxed CommonJS preload (compiled from preload/index.cts). */
  preload: string;
  /** The Vite build of the renderer, the only folder app:// serves. */
  renderer: string;
}

export function appPaths(shellDir: string = import.meta.dirname): AppPaths {
  const dist = join(shellDir, '..', '..');
  return { dist, preload: join(dist, 'preload', 'index.cjs'), renderer: join(dist, 'renderer') };
}
