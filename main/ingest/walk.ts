import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A regular file found under the paths given, with its size in bytes. */
export interface FoundFile {
  path: string;
  bytes: number;
}

export class MissingPathError extends Error {
  override name = 'MissingPathError';
}

/**
 * Expands files and folder trees (e.g. an AWSLogs/ tree) into regular files, in a stable order.
 * Symbolic links to folders are not followed (no loops, no escaping the evidence tree).
 */
export async function findEvidenceFiles(paths: readonly string[]): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const seen = new Set<string>();
  async function visit(path: string, topLevel: boolean): Promise<void> {
    const info = await (topLevel ? stat(path) : lstat(path));
    if (info.isDirectory()) {
      const names = (await readdir(path)).sort();
      for (const name of names) await visit(join(path, name), false);
    } else if (info.isFile() && !seen.has(path)) {
      seen.add(path);
      found.push({ path, bytes: info.size });
    }
  }
  await assertPathsExist(paths);
  for (const given of paths) await visit(resolve(given), true);
  return found;
}

/** Throws MissingPathError for the first path that does not exist (a typo), without walking trees. */
export async function assertPathsExist(paths: readonly string[]): Promise<void> {
  for (const given of paths) {
    try {
      await stat(resolve(given));
    } catch {
      throw new MissingPathError(`no such file or folder: ${given}`);
    }
  }
}
