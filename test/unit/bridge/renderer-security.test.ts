import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  PERMISSIONS_POLICY,
  RENDERER_SECURITY_HEADERS,
  mimeTypeFor,
  rendererPathSegments,
  resolveRendererFile,
} from '../../../main/core/renderer-security.js';
import { CONTENT_SECURITY_POLICY as LEGACY_CSP } from '../../../main/core/content-security-policy.js';

describe('renderer security headers', () => {
  it('are the complete set, with the one CSP both transports share', () => {
    expect(Object.keys(RENDERER_SECURITY_HEADERS).sort()).toEqual([
      'Content-Security-Policy',
      'Cross-Origin-Opener-Policy',
      'Cross-Origin-Resource-Policy',
      'Permissions-Policy',
      'Referrer-Policy',
      'X-Content-Type-Options',
      'X-Frame-Options',
    ]);
    expect(RENDERER_SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(LEGACY_CSP).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });

  it('deny every permission but clipboard-write for the app itself', () => {
    const directives = PERMISSIONS_POLICY.split(', ').map((entry) => entry.split('='));
    expect(directives.length).toBeGreaterThan(20);
    for (const [feature, allow] of directives) {
      expect(allow, feature).toBe(feature === 'clipboard-write' ? '(self)' : '()');
    }
    for (const feature of ['camera', 'microphone', 'geolocation', 'clipboard-read', 'usb', 'fullscreen']) {
      expect(directives.map(([name]) => name)).toContain(feature);
    }
  });

  it('type files by extension, case-insensitively, octet-stream otherwise', () => {
    expect(mimeTypeFor('assets/index-abc.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('x.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('README')).toBe('application/octet-stream');
  });
});

describe('rendererPathSegments', () => {
  it('decodes segments and maps directories to index.html', () => {
    expect(rendererPathSegments('/')).toEqual(['index.html']);
    expect(rendererPathSegments('/assets/')).toEqual(['assets', 'index.html']);
    expect(rendererPathSegments('/assets/my%20file.js')).toEqual(['assets', 'my file.js']);
  });

  it('says malformed for a bad escape and refuses segments that could escape', () => {
    expect(rendererPathSegments('/%E0%A4%A')).toBe('malformed');
    for (const path of ['/%2e%2e/x', '/.%2e/x', '/a/..', '/..%2fx', '/..%5cx', '/a%00.js', '/C:%5cWindows', '/./x']) {
      expect(rendererPathSegments(path), path).toBeNull();
    }
  });
});

describe('resolveRendererFile', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'cairn-renderer-')));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), 'page');
    writeFileSync(join(root, 'assets', 'app.js'), 'js');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.js'));
    symlinkSync(base, join(root, 'parent'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('finds files in the build, following links that stay inside it', async () => {
    expect(await resolveRendererFile(root, '/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(await resolveRendererFile(root, '/alias.js')).toEqual({ ok: true, file: join(root, 'assets', 'app.js') });
  });

  it('refuses links out of the build, directories, missing files and malformed paths', async () => {
    expect(await resolveRendererFile(root, '/assets/leak.js')).toMatchObject({ ok: false, status: 404, reason: 'outside' });
    expect(await resolveRendererFile(root, '/parent/secret.txt')).toMatchObject({ ok: false, status: 404, reason: 'outside' });
    expect(await resolveRendererFile(root, '/assets')).toMatchObject({ ok: false, status: 404, reason: 'not-found' });
    expect(await resolveRendererFile(root, '/nope.js')).toMatchObject({ ok: false, status: 404, reason: 'not-found' });
    expect(await resolveRendererFile(root, '/%2e%2e/secret.txt')).toMatchObject({ ok: false, status: 404 });
    expect(await resolveRendererFile(root, '/%E0%A4%A')).toMatchObject({ ok: false, status: 400, reason: 'malformed' });
  });
});
