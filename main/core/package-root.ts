import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Cairn's package.json, found from any module inside it (source or dist/). */
export function packageRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Cairn package root');
    dir = parent;
  }
  return dir;
}

/** Where `npm run build` puts the renderer. */
export function rendererDist(): string {
  return join(packageRoot(), 'dist', 'renderer');
}
