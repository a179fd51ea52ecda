import { readFile } from 'node:fs/promises';
import { mimeTypeFor, resolveRendererFile, type RendererFileResult } from '../core/renderer-security.js';

/** A URL path of the bridge mapped to a file of the renderer build (see resolveRendererFile). */
export function resolveStaticFile(root: string, urlPath: string): Promise<RendererFileResult> {
  return resolveRendererFile(root, urlPath);
}

/** A resolved file's bytes and MIME type. */
export async function readStaticFile(file: string): Promise<{ body: Buffer; type: string }> {
  return { body: await readFile(file), type: mimeTypeFor(file) };
}
