import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAppProtocolHandler,
  mimeTypeFor,
  registerAppProtocol,
  resolveAppFile,
} from '../../../main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security-policy.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cairn-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Cairn</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('maps app URLs into the root', () => {
    expect(resolveAppFile(root, 'app://cairn/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://cairn/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://cairn/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://cairn/assets/my%20file.js')).toBe(join(root, 'assets', 'my file.js'));
  });

  it.each([
    'app://cairn/../secret.txt',
    'app://cairn/assets/../../secret.txt',
    'app://cairn/%2e%2e/secret.txt',
    'app://cairn/%2E%2E/%2e%2e/secret.txt',
    'app://cairn/.%2e/secret.txt',
    'app://cairn/assets%2f..%2f..%2fsecret.txt',
    'app://cairn/..%2fsecret.txt',
    'app://cairn/..\\secret.txt',
    'app://cairn/assets\\..\\..\\secret.txt',
    'app://cairn/..%5csecret.txt',
    'app://cairn/%2e%2e%5csecret.txt',
    'app://cairn/index.html%00.js',
    'app://cairn/C:%5cWindows%5cwin.ini',
    'app://cairn/%E0%A4%A',
  ])('refuses traversal %s', (url) => {
    const file = resolveAppFile(root, url);
    // Either refused outright or normalized by the URL parser to a path still inside the root.
    if (file !== null) expect(file.startsWith(root)).toBe(true);
    expect(file).not.toBe(join(base, 'secret.txt'));
  });

  it('refuses raw and encoded parent segments that survive URL parsing', () => {
    expect(resolveAppFile(root, 'app://cairn/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://cairn/..\\secret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://cairn/..%5csecret.txt')).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppFile(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(root, 'https://cairn/index.html')).toBeNull();
  });
});

describe('app:// handler', () => {
  const handler = () => createAppProtocolHandler({ root });

  it('serves the page with the CSP and its MIME type', async () => {
    const response = await handler()(new Request('app://cairn/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Cairn</title>');
  });

  it('serves scripts and styles with their types', async () => {
    const js = await handler()(new Request('app://cairn/assets/index-abc.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await handler()(new Request('app://cairn/assets/index-abc.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404, still with the CSP, for missing files, folders and traversal', async () => {
    for (const url of [
      'app://cairn/missing.js',
      'app://cairn/assets/',
      'app://cairn/..%2fsecret.txt',
      'app://cairn/%2e%2e%5csecret.txt',
      'app://evil/index.html',
    ]) {
      const response = await handler()(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('outside the root');
    }
  });

  it('never reads outside the root', async () => {
    const readFile = vi.fn(async () => new Uint8Array());
    const guarded = createAppProtocolHandler({ root, readFile });
    await guarded(new Request('app://cairn/..%2f..%2fetc%2fpasswd'));
    await guarded(new Request('app://cairn/..\\..\\etc\\passwd'));
    for (const [file] of readFile.mock.calls as unknown as [string][]) expect(file.startsWith(root)).toBe(true);
  });

  it('is read-only', async () => {
    const post = await handler()(new Request('app://cairn/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    const head = await handler()(new Request('app://cairn/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers on the app scheme', () => {
    const protocol = { handle: vi.fn() };
    registerAppProtocol(protocol, root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('knows the usual MIME types', () => {
    expect(mimeTypeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.WOFF2')).toBe('font/woff2');
    expect(mimeTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
