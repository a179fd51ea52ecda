import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  isAllowedRequest,
  isAppUrl,
} from '../../../main/electron/security-policy.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  it('is exactly the offline policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      // style-src: also the hash of the report's fixed stylesheet (the Report view's sandboxed preview frame).
      "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-ZeKGPhxspOiEL4e9DwFP86iqgi4tC1Ac41JzHDo6WPM='; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows no inline code, no eval and no network origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
    const parsed = directives(CONTENT_SECURITY_POLICY);
    expect(parsed.get('default-src')).toEqual(["'none'"]);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://cairn/', 'app://cairn/assets/index-abc.js', 'app://cairn/index.html#/timeline?x=1'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'https://evil.example',
    'http://cairn/index.html',
    'app://evil/',
    'app://cairn.evil/index.html',
    'app://evilcairn/',
    'app://x@cairn/',
    'app://x:y@cairn/',
    'app://cairn:8080/',
    'file:///etc/passwd',
    'devtools://devtools/bundled/inspector.html',
    'javascript:alert(1)',
    'about:blank',
    'app:cairn/index.html',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('isAllowedRequest', () => {
  it.each([
    'http://example.com/',
    'https://aws.amazon.com/',
    'file:///etc/passwd',
    'ws://127.0.0.1:9222/',
    'wss://example.com/socket',
    'ftp://example.com/',
    'chrome-extension://abc/x.js',
    'app://evil/index.html',
  ])('cancels %s', (url) => {
    expect(isAllowedRequest(url, { dev: false })).toBe(false);
    expect(isAllowedRequest(url, { dev: true })).toBe(false);
  });

  it('lets the app and data: images through', () => {
    expect(isAllowedRequest('app://cairn/index.html', { dev: false })).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', { dev: false })).toBe(true);
  });

  it('lets DevTools load only in development', () => {
    const url = 'devtools://devtools/bundled/inspector.html';
    expect(isAllowedRequest(url, { dev: true })).toBe(true);
    expect(isAllowedRequest(url, { dev: false })).toBe(false);
  });
});
