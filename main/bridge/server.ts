import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApiHost } from '../services/api-dispatcher.js';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy.js';
import { readStaticFile, resolveStaticFile } from './static-files.js';

/** Largest API request body accepted. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface BridgeOptions {
  host: ApiHost;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random per run otherwise. */
  token?: string;
}

export interface RunningBridge {
  /** What to open in a browser: the page, with the token in the fragment (never sent to servers). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * The loopback HTTP transport for the API (`cairn serve`): serves the built renderer and answers
 * `POST /api/<channel>` for holders of the per-run token. Listens on 127.0.0.1 only; requests for
 * another Host (DNS rebinding) or from another Origin are refused.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  let origin = '';

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { ok: false, error: { code: 'internal', message: String(error) } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const hostHeader = request.headers.host ?? '';
    if (hostHeader !== new URL(origin).host && hostHeader !== `localhost:${new URL(origin).port}`) {
      send(response, 421, { ok: false, error: { code: 'forbidden', message: 'unexpected Host header' } });
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      await handleApi(request, response, decodeURIComponent(url.pathname.slice('/api/'.length)));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, { ok: false, error: { code: 'forbidden', message: 'method not allowed' } });
      return;
    }
    const file = await resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('not found');
      return;
    }
    const { body, type } = await readStaticFile(file);
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    if (request.method !== 'POST') {
      send(response, 405, { ok: false, error: { code: 'forbidden', message: 'use POST' } });
      return;
    }
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && requestOrigin !== origin.replace('127.0.0.1', 'localhost')) {
      send(response, 403, { ok: false, error: { code: 'forbidden', message: 'cross-origin request refused' } });
      return;
    }
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      send(response, 401, { ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse((await readBody(request)) || '{}');
    } catch (error) {
      send(response, 400, { ok: false, error: { code: 'invalid-request', message: (error as Error).message } });
      return;
    }
    const result = await options.host.dispatch(channel, payload);
    send(response, 200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
