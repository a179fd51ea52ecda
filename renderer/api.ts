import type {
  ApiError,
  ApiErrorCode,
  ApiMethod,
  ApiRequest,
  ApiResult,
  ApiResults,
  CairnApi,
} from '../preload/contract/api';
// The one runtime import from the contract: its channel names (plain data, no zod), for the HTTP bridge's URLs.
import { API_CHANNELS } from '../preload/contract/channels';
// …and the shape check for what the desktop shell announces (a plain function, no zod).
import { isDesktopNotice, type DesktopNotice } from '../preload/contract/desktop-notice';

/**
 * The renderer's only door to the case. In Electron, preload exposes the contract's verbs as
 * `window.cairn`; under `cairn serve` the same verbs go over the loopback HTTP bridge. This is the
 * one module that reads `window.cairn` (the rest of the renderer gets a client through ApiContext).
 */

declare global {
  interface Window {
    /** Exposed by preload in the desktop app; absent in a browser. */
    readonly cairn?: CairnApi;
  }
}

/** A failed call, carrying the contract's error (code, and for query-syntax where it is). */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  /** For query-syntax: 0-based character offset of the problem in the query. */
  readonly position: number | undefined;
  readonly length: number | undefined;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.position = error.position;
    this.length = error.length;
  }
}

/** True when `error` is an ApiCallError with this code. */
export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiCallError {
  return error instanceof ApiCallError && (code === undefined || error.code === code);
}

/** The typed client: one function per contract method; failures throw ApiCallError. */
export type CairnClient = {
  [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResults[M]>;
};

const METHODS = Object.keys(API_CHANNELS) as ApiMethod[];

/** Wraps a transport (preload's `window.cairn`, the HTTP bridge or a test fake) into a client. */
export function createClient(transport: CairnApi): CairnClient {
  const client: Partial<Record<ApiMethod, (request: never) => Promise<unknown>>> = {};
  for (const method of METHODS) {
    client[method] = async (request: unknown) => {
      const call = transport[method] as (request: unknown) => Promise<ApiResult<unknown>>;
      return unwrap(await call(request));
    };
  }
  return client as CairnClient;
}

function unwrap<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiCallError(result.error);
}

/**
 * The loopback bridge: `POST /api/<channel>` with the request as JSON and the session token as a
 * bearer credential; the body that comes back is the same ApiResult envelope IPC returns.
 */
export function createHttpTransport(
  token: string | null,
  fetchImpl: typeof fetch = fetch,
  baseUrl = '/api/',
): CairnApi {
  const transport: Partial<Record<ApiMethod, (request: unknown) => Promise<ApiResult<unknown>>>> = {};
  for (const method of METHODS) {
    const channel = API_CHANNELS[method];
    transport[method] = async (request: unknown) => {
      let response: Response;
      try {
        response = await fetchImpl(baseUrl + channel, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(request ?? {}),
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (error) {
        return failure('internal', `The Cairn server did not answer: ${errorText(error)}`);
      }
      try {
        const body = (await response.json()) as unknown;
        if (isEnvelope(body)) return body;
      } catch {
        // fall through: not JSON
      }
      if (response.status === 401 || response.status === 403) {
        return failure('forbidden', 'The session token was refused; open the link printed by `cairn serve` again.');
      }
      return failure('internal', `Unexpected answer from the Cairn server (HTTP ${response.status})`);
    };
  }
  return transport as CairnApi;
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isEnvelope(body: unknown): body is ApiResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/**
 * Reads `#token=…` from a URL's fragment (where `cairn serve` puts it, so it never reaches a
 * server log or a Referer), or null.
 */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token ? token : null;
}

/** Where the bridge's session token is kept for this tab, so a reload (F5) keeps the session. */
export const TOKEN_KEY = 'cairn.token';

/**
 * The fragment without its `token` parameter (the rest is the investigator's place), as it should
 * be shown: `#token=t&q=x` → `#q=x`, `#token=t` → ``.
 */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  params.delete('token');
  const rest = params.toString();
  return rest === '' ? '' : `#${rest}`;
}

function tabStorage(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * Picks the transport once at start-up: preload's bridge when present, else the HTTP bridge with
 * the token taken from the address bar (kept in this tab's sessionStorage so a reload keeps the
 * session, and removed from the visible URL so it is not bookmarked or shared by accident).
 */
export function connect(win: Window = window): CairnClient {
  if (win.cairn) return createClient(win.cairn);
  const storage = tabStorage(win);
  let token = tokenFromHash(win.location.hash);
  if (token !== null) {
    try {
      storage?.setItem(TOKEN_KEY, token);
    } catch {
      // not kept: a reload will need the link again
    }
    const url = new URL(win.location.href);
    win.history.replaceState(win.history.state, '', url.pathname + url.search + hashWithoutToken(url.hash));
  } else {
    try {
      token = storage?.getItem(TOKEN_KEY) ?? null;
    } catch {
      token = null;
    }
  }
  return createClient(createHttpTransport(token, win.fetch.bind(win)));
}

/**
 * Work the desktop shell started on its own (a menu import, files dropped on the window), as
 * preload relays it with window.postMessage. Only messages from this page itself are accepted.
 * Returns the function that stops listening.
 */
export function onDesktopNotice(listener: (notice: DesktopNotice) => void, win: Window = window): () => void {
  const handler = (event: MessageEvent) => {
    if (event.source !== win || event.origin !== win.location.origin) return;
    const data = event.data as { source?: unknown; notice?: unknown } | null;
    if (data?.source === 'cairn-desktop' && isDesktopNotice(data.notice)) listener(data.notice);
  };
  win.addEventListener('message', handler);
  return () => win.removeEventListener('message', handler);
}
