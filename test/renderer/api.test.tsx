import { describe, expect, it, vi } from 'vitest';
import type { ApiResult, CairnApi } from '../../preload/contract/api.js';
import { contract } from '../../preload/contract/api.js';
import {
  ApiCallError,
  connect,
  createClient,
  createHttpTransport,
  isApiError,
  TOKEN_KEY,
  tokenFromHash,
} from '../../renderer/api';
import { FakeCairn } from './fake-api.js';

describe('createClient', () => {
  it('has one function per contract method and unwraps values', async () => {
    const client = createClient(new FakeCairn().api);
    expect(Object.keys(client).sort()).toEqual(Object.keys(contract).sort());
    await expect(client.countEvents({ query: '' })).resolves.toEqual({ count: 0 });
  });

  it('throws ApiCallError with code, message, position and length', async () => {
    const client = createClient(new FakeCairn().api);
    const error = await client.countEvents({ query: 'a "b' }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'query-syntax', position: 2, length: 2 });
    expect(isApiError(error, 'query-syntax')).toBe(true);
    expect(isApiError(error, 'internal')).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});

describe('HTTP bridge transport', () => {
  function recordingFetch(answer: { status?: number; body: unknown }) {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    return { calls, fetchImpl: fetchImpl as unknown as typeof fetch };
  }

  it('POSTs the request as JSON to /api/<channel> with the bearer token', async () => {
    const { calls, fetchImpl } = recordingFetch({ body: { ok: true, value: { rows: [], next: null } } });
    const transport = createHttpTransport('s3cret', fetchImpl);
    const result = await transport.queryEvents({ query: 'x', limit: 10 });
    expect(result).toEqual({ ok: true, value: { rows: [], next: null } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/api/events:page');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toMatchObject({
      Authorization: 'Bearer s3cret',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ query: 'x', limit: 10 });
  });

  it('routes every method to its contract channel', async () => {
    const { calls, fetchImpl } = recordingFetch({ body: { ok: true, value: null } });
    const transport = createHttpTransport('t', fetchImpl);
    for (const method of Object.keys(contract) as (keyof CairnApi)[]) {
      await (transport[method] as (request: unknown) => Promise<ApiResult<unknown>>)({});
    }
    expect(calls.map((call) => call.url)).toEqual(Object.values(contract).map(({ channel }) => `/api/${channel}`));
  });

  it('passes error envelopes through and turns transport failures into errors', async () => {
    const envelope = { ok: false, error: { code: 'query-syntax', message: 'bad', position: 3, length: 1 } };
    await expect(
      createHttpTransport('t', recordingFetch({ status: 400, body: envelope }).fetchImpl).countEvents({}),
    ).resolves.toEqual(envelope);
    await expect(
      createHttpTransport('t', recordingFetch({ status: 401, body: 'nope' }).fetchImpl).caseInfo({}),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(
      createHttpTransport('t', recordingFetch({ status: 500, body: '<html>' }).fetchImpl).caseInfo({}),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(createHttpTransport('t', offline).caseInfo({})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('start-up', () => {
  it('reads the token from the URL fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('token=abc&x=1')).toBe('abc');
    expect(tokenFromHash('#other=1')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('prefers window.cairn when preload exposed it', async () => {
    const fake = new FakeCairn();
    const win = { cairn: fake.api } as unknown as Window;
    await connect(win).caseInfo({});
    expect(fake.callsOf('caseInfo')).toHaveLength(1);
  });

  it('keeps the token for the tab, so a reload keeps the session, and leaves the place in the fragment', async () => {
    sessionStorage.clear();
    window.history.replaceState(null, '', '/index.html#token=tok-7&q=eventName%3AConsoleLogin');
    const seen: RequestInit[] = [];
    const original = window.fetch;
    window.fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      seen.push(init ?? {});
      return new Response(JSON.stringify({ ok: true, value: { count: 1 } }));
    }) as typeof fetch;
    try {
      connect(window);
      expect(window.location.hash).toBe('#q=eventName%3AConsoleLogin');
      expect(sessionStorage.getItem(TOKEN_KEY)).toBe('tok-7');
      // F5: the address has no token any more; the tab's storage still has it.
      const reloaded = connect(window);
      await reloaded.countEvents({});
      expect(seen[0]?.headers).toMatchObject({ Authorization: 'Bearer tok-7' });
    } finally {
      window.fetch = original;
      sessionStorage.clear();
    }
  });

  it('otherwise uses the HTTP bridge with the fragment token, and removes it from the address bar', async () => {
    window.history.replaceState(null, '', '/index.html?x=1#token=tok-42');
    const seen: RequestInit[] = [];
    const original = window.fetch;
    window.fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      seen.push(init ?? {});
      return new Response(JSON.stringify({ ok: true, value: { count: 1 } }));
    }) as typeof fetch;
    try {
      const client = connect(window);
      expect(window.location.hash).toBe('');
      expect(window.location.pathname + window.location.search).toBe('/index.html?x=1');
      await expect(client.countEvents({})).resolves.toEqual({ count: 1 });
      expect(seen[0]?.headers).toMatchObject({ Authorization: 'Bearer tok-42' });
    } finally {
      window.fetch = original;
    }
  });
});
