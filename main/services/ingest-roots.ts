import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ApiFailure } from './api-failure.js';

/**
 * Which folders an API client may import from. The loopback bridge serves a browser tab: a page
 * that gained script (or anyone holding the token) must not make the server read arbitrary files,
 * so `cairn serve` allows its working folder and the folders named with --evidence only. The
 * desktop app passes none (paths there come from the native picker and drag-and-drop).
 */
export function checkIngestPaths(paths: readonly string[], roots: readonly string[] | undefined): string[] {
  if (roots === undefined) return [...paths];
  const allowed = roots.map((root) => safeRealpath(resolve(root)));
  return paths.map((path) => {
    const real = safeRealpath(resolve(path));
    const inside = allowed.some((root) => {
      const below = relative(root, real);
      return below === '' || (!below.startsWith('..') && !isAbsolute(below));
    });
    if (!inside) {
      throw new ApiFailure('forbidden', `importing ${path} is not allowed here: only from ${roots.join(', ')} (cairn serve --evidence DIR)`);
    }
    return real;
  });
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // a missing path is reported by the import itself
  }
}
