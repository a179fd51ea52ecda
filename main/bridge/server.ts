import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApiHost } from '../services/api-dispatcher.js';
import { API_CHANNELS } from '../../preload/contract/channels.js';
import { RENDERER_SECURITY_HEADERS } from '../core/renderer-security.js';
import { readStaticFile, resolveStaticFile } from './static-files.js';

/** Largest API request body accepted. */
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An over-limit body is read and discarded up to this much so the client, still sending, gets to
 * read the 413 instead of a reset; past it the connection is closed after the answer.
 */
const MAX_DISCARD_BYTES = 16 * 1024 * 1024;

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

const SECURITY_HEADERS = { ...RENDERER_SECURITY_HEADERS, 'Cache-Control': 'no-store' };

/** Answered with the JSON error envelope; `status` is the HTTP status. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'forbidden' | 'invalid-request' | 'not-found',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The loopback HTTP transport for the API (`cairn serve`): serves the built renderer and answers
 * `POST /api/<channel>` for holders of the per-run token. Listens on 127.0.0.1 only; requests for
 * another Host (DNS rebinding) or from another Origin are refused. API requests are authenticated
 * before anything in their path or body is decoded. When the client goes away before its answer,
 * the query it started (named by the payload's requestId) is cancelled.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  let origin = '';

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof HttpError) send(response, error.status, envelope(error.code, error.message));
      else send(response, 500, envelope('internal', String(error)));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const hostHeader = request.headers.host ?? '';
    if (hostHeader !== new URL(origin).host && hostHeader !== `localhost:${new URL(origin).port}`) {
      throw new HttpError(421, 'forbidden', 'unexpected Host header');
    }
    // The path stays percent-encoded here: URL parsing does not decode it.
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', origin).pathname;
    } catch {
      throw new HttpError(400, 'invalid-request', 'malformed request target');
    }
    if (pathname.startsWith('/api/')) {
      await handleApi(request, response, pathname.slice('/api/'.length));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'forbidden', 'method not allowed');
    const resolved = await resolveStaticFile(options.rendererDir, pathname);
    if (!resolved.ok) {
      response.writeHead(resolved.status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(resolved.status === 400 ? 'bad request' : 'not found');
      return;
    }
    const { body, type } = await readStaticFile(resolved.file);
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, encodedChannel: string): Promise<void> {
    if (request.method !== 'POST') throw new HttpError(405, 'forbidden', 'use POST');
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && requestOrigin !== origin.replace('127.0.0.1', 'localhost')) {
      throw new HttpError(403, 'forbidden', 'cross-origin request refused');
    }
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'forbidden', 'missing or wrong token');
    }
    let channel: string;
    try {
      channel = decodeURIComponent(encodedChannel);
    } catch {
      throw new HttpError(400, 'invalid-request', 'malformed percent-escape in the path');
    }
    const body = await readBody(request);
    if (body === 'too-large' || body === 'too-large-abandoned') {
      // Connection: close, so a client that sent more than was read starts afresh.
      send(response, 413, envelope('invalid-request', `request body larger than ${MAX_BODY_BYTES} bytes`), {
        Connection: 'close',
      });
      if (body === 'too-large-abandoned') response.once('finish', () => request.destroy());
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body || '{}');
    } catch (error) {
      throw new HttpError(400, 'invalid-request', (error as Error).message);
    }
    const stop = cancelOnDisconnect(response, channel, payload);
    try {
      const result = await options.host.dispatch(channel, payload);
      if (!response.destroyed) send(response, 200, result);
    } finally {
      stop();
    }
  }

  /**
   * Cancels the call's query when the client disconnects before the answer (the tab closed, the
   * fetch was aborted). Only calls naming a requestId can be cancelled through the API.
   */
  function cancelOnDisconnect(response: ServerResponse, channel: string, payload: unknown): () => void {
    const requestId = (payload as { requestId?: unknown } | null)?.requestId;
    if (typeof requestId !== 'string' || channel === API_CHANNELS.cancelQuery) return () => {};
    const onClose = (): void => {
      if (response.writableFinished) return;
      void options.host.dispatch(API_CHANNELS.cancelQuery, { requestId });
    };
    response.once('close', onClose);
    return () => response.off('close', onClose);
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

function envelope(code: string, message: string): unknown {
  return { ok: false, error: { code, message } };
}

function send(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * The request body as text, or 'too-large' once it passes MAX_BODY_BYTES (the rest is read and
 * dropped), or 'too-large-abandoned' when even the discarding has to stop.
 */
function readBody(request: IncomingMessage): Promise<string | 'too-large' | 'too-large-abandoned'> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_DISCARD_BYTES) {
      resolve('too-large-abandoned');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_DISCARD_BYTES) {
        request.off('data', onData);
        request.pause();
        resolve('too-large-abandoned');
      } else if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      } else {
        chunks.length = 0;
      }
    };
    request.on('data', onData);
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
