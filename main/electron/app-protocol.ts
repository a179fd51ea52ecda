import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { mimeTypeFor as rendererMimeType, rendererPathSegments } from '../core/renderer-security.js';
import type { Protocol } from 'electron';
import { APP_SCHEME, SECURITY_HEADERS, isAppUrl } from './security-policy.js';

/** The MIME type served for a file name (one table, shared with the loopback bridge). */
export const mimeTypeFor = rendererMimeType;

/**
 * Maps an app:// URL to a file under `root`, or null when the URL is not ours or its path could
 * leave the root. Segments are checked after percent-decoding, so `..`, `%2e%2e`, encoded slashes
 * (`%2f`) and backslashes (a separator on Windows, literal in non-special URLs) are all refused,
 * and the final path must still be inside the root.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  // The same lexical rule as the loopback bridge (core/renderer-security).
  const segments = rendererPathSegments(new URL(url).pathname);
  if (!Array.isArray(segments)) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

export interface AppProtocolOptions {
  /** The built renderer folder (dist/renderer). */
  root: string;
  /** Injected for tests; defaults to fs.readFile. */
  readFile?: (file: string) => Promise<Uint8Array>;
}

function respond(status: number, body: Uint8Array | string | null, contentType: string): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType } });
}

/**
 * The app:// request handler: serves files from the renderer build only, with the CSP and
 * security headers on every response (errors included). Read-only: GET and HEAD.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((file: string) => readFile(file));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'method not allowed', 'text/plain; charset=utf-8');
    }
    const file = resolveAppFile(options.root, request.url);
    if (!file) return respond(404, 'not found', 'text/plain; charset=utf-8');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      // ENOENT, EISDIR, EACCES: nothing to say beyond "not here".
      return respond(404, 'not found', 'text/plain; charset=utf-8');
    }
    return respond(200, request.method === 'HEAD' ? null : new Uint8Array(body), mimeTypeFor(file));
  };
}

/** Serves the renderer on app://cairn/ (the scheme is registered as privileged in main.ts). */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root }));
}
