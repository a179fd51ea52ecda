import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY, isAllowedRequest, isAppUrl } from './security-policy.js';

export interface HardenSessionOptions {
  /** Development build (unpackaged): lets the DevTools front end load. */
  dev: boolean;
}

type HeaderMap = Record<string, string | string[]>;

/** Returns `headers` with any existing CSP (in any letter case) replaced by ours. */
export function withContentSecurityPolicy(headers: HeaderMap | undefined): HeaderMap {
  const result: HeaderMap = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/**
 * Locks down a session: every permission and device request denied, every request that is not
 * for the app's own files cancelled (the app is offline by design), the CSP forced onto app://
 * responses, downloads refused and the spell checker (which fetches dictionaries) off.
 */
export function hardenSession(session: Session, options: HardenSessionOptions): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, options) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });

  session.on('will-download', (event) => event.preventDefault());
  session.setSpellCheckerEnabled(false);
}
