import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * How the renderer is served, defined once for both transports (the app:// protocol and the
 * loopback bridge): its Content-Security-Policy, the security headers on every response, the MIME
 * types and the resolver that maps a URL path to a file of the build without ever leaving it.
 */

/**
 * The renderer's Content-Security-Policy: only the app's own scripts and styles, no inline script,
 * no remote origins.
 */
/**
 * The SHA-256 of the report's stylesheet (main/report/html.ts REPORT_STYLE): the Report view shows
 * the report in a sandboxed srcdoc frame, which inherits this policy. A test keeps it in step.
 */
export const REPORT_STYLE_HASH = "'sha256-ZeKGPhxspOiEL4e9DwFP86iqgi4tC1Ac41JzHDo6WPM='";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${REPORT_STYLE_HASH}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Every powerful feature denied. The one exception, clipboard-write for the app itself, is what
 * the "copy raw event" and "copy SHA-256" buttons use; reading the clipboard stays denied.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'ambient-light-sensor=()',
  'autoplay=()',
  'battery=()',
  'bluetooth=()',
  'camera=()',
  'clipboard-read=()',
  'clipboard-write=(self)',
  'display-capture=()',
  'document-domain=()',
  'encrypted-media=()',
  'fullscreen=()',
  'gamepad=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'idle-detection=()',
  'local-fonts=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-create=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'web-share=()',
  'window-management=()',
  'xr-spatial-tracking=()',
].join(', ');

/** Sent on every response that serves the renderer or answers it, errors included. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The MIME type served for a file name (octet-stream, with `nosniff`, when unknown). */
export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The decoded segments of a URL path (as `new URL().pathname` gives it, still percent-encoded),
 * `index.html` appended for `/` and for paths ending in `/`. 'malformed' for an invalid percent
 * escape; null for a segment that could leave or confuse the root once decoded: `.`, `..`
 * (literal or `%2e%2e`), an encoded `/` (`%2f`), a backslash (a separator on Windows), NUL, or `:`
 * (drive letters, NTFS streams).
 */
export function rendererPathSegments(pathname: string): string[] | 'malformed' | null {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return 'malformed';
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0 || pathname.endsWith('/')) segments.push('index.html');
  return segments;
}

/** Where a URL path leads in the renderer build: a file, or why not (400 for a malformed path, else 404). */
export type RendererFileResult =
  | { ok: true; file: string }
  | { ok: false; status: 400 | 404; reason: 'malformed' | 'outside' | 'not-found' };

function inside(base: string, file: string): boolean {
  const rel = relative(base, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Maps a URL path to a regular file under `root`, checked twice: lexically (see
 * rendererPathSegments) and after resolving symlinks, so a link inside the build that points
 * elsewhere (`assets/x.js -> /etc/passwd`) is refused too.
 */
export async function resolveRendererFile(root: string, pathname: string): Promise<RendererFileResult> {
  const segments = rendererPathSegments(pathname);
  if (segments === 'malformed') return { ok: false, status: 400, reason: 'malformed' };
  if (segments === null) return { ok: false, status: 404, reason: 'outside' };
  const base = resolve(root);
  const file = resolve(base, ...segments);
  if (!inside(base, file)) return { ok: false, status: 404, reason: 'outside' };
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)]);
    if (!inside(realBase, realFile)) return { ok: false, status: 404, reason: 'outside' };
    if (!(await stat(realFile)).isFile()) return { ok: false, status: 404, reason: 'not-found' };
    return { ok: true, file: realFile };
  } catch {
    // ENOENT, ENOTDIR, EACCES, ELOOP: nothing to say beyond "not here".
    return { ok: false, status: 404, reason: 'not-found' };
  }
}
