import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { startBridge, type RunningBridge } from '../../../main/bridge/server.js';
import type { ApiHost } from '../../../main/services/api-dispatcher.js';
import { RENDERER_SECURITY_HEADERS } from '../../../main/core/renderer-security.js';

const calls: { channel: string; payload: unknown }[] = [];
/** Resolves the pending "hang" call when its cancel arrives, as the query pool would. */
const hanging = new Map<string, () => void>();
const host: ApiHost = {
  async dispatch(channel, payload) {
    calls.push({ channel, payload });
    const { query, requestId } = (payload ?? {}) as { query?: string; requestId?: string };
    if (channel === 'query:cancel' && requestId) {
      hanging.get(requestId)?.();
      return { ok: true, value: { cancelled: hanging.delete(requestId) } };
    }
    if (query === 'hang' && requestId) {
      await new Promise<void>((resolve) => hanging.set(requestId, resolve));
      return { ok: false, error: { code: 'cancelled', message: 'query cancelled' } };
    }
    return { ok: true, value: { echoed: channel } };
  },
};
let bridge: RunningBridge;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cairn-bridge-'));
  const ui = join(root, 'ui');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Cairn</title>');
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  // A link inside the build pointing out of it (a careless build step, a planted file).
  symlinkSync(join(root, 'secret.txt'), join(ui, 'assets', 'leak.txt'));
  symlinkSync(root, join(ui, 'up'));
  bridge = await startBridge({ host, rendererDir: ui, token: 'test-token' });
});
afterAll(async () => {
  await bridge.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw request, so tests control the Host header and paths exactly. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: bridge.port, method, path, headers: { host: `127.0.0.1:${bridge.port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const auth = { authorization: 'Bearer test-token', 'content-type': 'application/json' };

describe('loopback bridge', () => {
  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=test-token`);
  });

  it('serves the renderer with the CSP and nosniff headers', async () => {
    const page = await raw('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Cairn</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('GET', '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const response = await raw('GET', path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('do not serve');
    }
  });

  it('runs API calls only for the token holder', async () => {
    expect((await raw('POST', '/api/case:info', { 'content-type': 'application/json' }, '{}')).status).toBe(401);
    expect((await raw('POST', '/api/case:info', { ...auth, authorization: 'Bearer wrong-token!' }, '{}')).status).toBe(401);
    const ok = await raw('POST', '/api/events:count', auth, '{"query":"eventName:StopLogging"}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { echoed: 'events:count' } });
    expect(calls.at(-1)).toEqual({ channel: 'events:count', payload: { query: 'eventName:StopLogging' } });
  });

  it('refuses other Hosts (DNS rebinding), other Origins, GET on the API and bad JSON', async () => {
    expect((await raw('POST', '/api/case:info', { ...auth, host: 'evil.example:80' }, '{}')).status).toBe(421);
    expect((await raw('POST', '/api/case:info', { ...auth, origin: 'https://evil.example' }, '{}')).status).toBe(403);
    expect((await raw('GET', '/api/case:info', auth)).status).toBe(405);
    const bad = await raw('POST', '/api/case:info', auth, '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid-request');
  });

  it('answers an oversized request body with 413 and the error envelope, and keeps serving', async () => {
    const before = calls.length;
    const response = await raw('POST', '/api/events:count', auth, JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'request body larger than 1048576 bytes' },
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(calls.length).toBe(before);
    expect((await raw('POST', '/api/case:info', auth, '{}')).status).toBe(200);
  });

  it('checks the token before decoding the path, and answers bad percent-escapes with 400', async () => {
    // Before: decodeURIComponent threw first and every caller, token or not, got a 500.
    expect((await raw('POST', '/api/%E0%A4%A', { 'content-type': 'application/json' }, '{}')).status).toBe(401);
    const bad = await raw('POST', '/api/%E0%A4%A', auth, '{}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid-request');
    expect((await raw('GET', '/assets/%E0%A4%A.js')).status).toBe(400);
    // A well-formed escape still routes: %3A is ':'.
    expect(JSON.parse((await raw('POST', '/api/case%3Ainfo', auth, '{}')).body)).toEqual({ ok: true, value: { echoed: 'case:info' } });
  });

  it('never follows a symlink out of the renderer folder', async () => {
    for (const path of ['/assets/leak.txt', '/up/secret.txt']) {
      const response = await raw('GET', path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('do not serve');
    }
  });

  it('sends the full renderer security header set on pages, API answers and errors', async () => {
    const responses = [
      await raw('GET', '/'),
      await raw('GET', '/missing.js'),
      await raw('POST', '/api/case:info', auth, '{}'),
      await raw('POST', '/api/case:info', {}, '{}'),
    ];
    for (const response of responses) {
      for (const [name, value] of Object.entries(RENDERER_SECURITY_HEADERS)) {
        expect(response.headers[name.toLowerCase()], `${name} on ${response.status}`).toBe(value);
      }
    }
    expect(responses[0]?.headers['x-frame-options']).toBe('DENY');
  });

  it('cancels the running query when the client disconnects, and only then', async () => {
    const finished = await raw('POST', '/api/events:count', auth, '{"query":"quick","requestId":"r-done"}');
    expect(finished.status).toBe(200);

    await new Promise<void>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: bridge.port,
        method: 'POST',
        path: '/api/events:count',
        headers: { host: `127.0.0.1:${bridge.port}`, ...auth },
      });
      req.on('error', () => resolve()); // the abort below
      req.end('{"query":"hang","requestId":"r-gone"}');
      const started = Date.now();
      const poll = setInterval(() => {
        if (hanging.has('r-gone')) req.destroy();
        if (calls.some((call) => call.channel === 'query:cancel')) {
          clearInterval(poll);
          resolve();
        } else if (Date.now() - started > 5_000) {
          clearInterval(poll);
          reject(new Error('no cancel after the client went away'));
        }
      }, 10);
    });
    expect(calls.filter((call) => call.channel === 'query:cancel')).toEqual([
      { channel: 'query:cancel', payload: { requestId: 'r-gone' } },
    ]);
  });
});
