/**
 * The renderer's Content-Security-Policy, sent as a header by both the app:// protocol and the
 * loopback bridge: only the app's own scripts and styles, no inline script, no remote origins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
