import { RENDERER_SECURITY_HEADERS } from '../core/renderer-security.js';
/**
 * The shell's security constants and URL checks, kept free of Electron so they can be tested and
 * reused by every hardening module. The app is offline by design: the only origin it ever loads
 * or talks to is its own `app://cairn`.
 */
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy.js';


export const APP_SCHEME = 'app';
export const APP_HOST = 'cairn';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent on every app:// response (and by the loopback bridge): no 'unsafe-inline' / 'unsafe-eval',
 * no network origins. Defined once in core so both transports serve the same policy.
 */
export { CONTENT_SECURITY_POLICY };

/** Headers added to everything the app:// protocol serves. */
/** The renderer's security headers, the same set the loopback bridge sends (one definition in core). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = RENDERER_SECURITY_HEADERS;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` belongs to the app itself: scheme `app:` and host exactly `cairn`, with no
 * credentials or port (a string prefix test would accept `app://cairn.evil/` or `app://cairn@evil/`).
 */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

/**
 * What the session lets through: the app's own files, inline `data:` images (allowed by the CSP,
 * never a network fetch) and, in development only, the DevTools front end. Everything else —
 * http(s), ws(s), file, ftp, other custom schemes — is cancelled.
 */
export function isAllowedRequest(url: string, options: { dev: boolean }): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:') return true;
  return options.dev && parsed.protocol === 'devtools:';
}
