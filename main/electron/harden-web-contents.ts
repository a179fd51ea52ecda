import type { App, WebContents } from 'electron';
import { isAppUrl } from './security-policy.js';

/**
 * Keeps a web contents on the app's own pages: navigations and redirects anywhere else are
 * cancelled, new windows are denied and <webview> can never attach. Nothing is ever handed to
 * `shell.openExternal`: strings derived from evidence must not reach the OS URL handlers.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies `hardenWebContents` to every web contents the app ever creates (DevTools included). */
export function installWebContentsHardening(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
