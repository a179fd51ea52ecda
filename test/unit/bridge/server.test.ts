import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { startBridge, type RunningBridge } from '../../../main/bridge/server.js';
import type { ApiHost } from '../../../main/services/api-dispatcher.js';

const calls: { channel: string; payload: unknown }[] = [];
const host: ApiHost = {
  async dispatch(channel, payload) {
    calls.push({ channel, payload });
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
  bridge = await startBridge({ host, rendererDir: ui, token: 'test-token' });
});
afterAll(() => bridge.close());

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

  it('refuses oversized request bodies', async () => {
    const response = await raw('POST', '/api/events:count', auth, JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) })).catch(
      () => ({ status: 400, headers: {}, body: '' }),
    );
    expect(response.status).toBe(400);
  });
});
