import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './security-policy.js';

export interface MainWindowOptions {
  /** Absolute path of dist/preload/index.cjs. */
  preloadPath: string;
  /** Development build: DevTools may open. Packaged builds have none. */
  dev: boolean;
}

/**
 * Creates the main window and loads the app from app://cairn/ (never file://, never http). The
 * renderer is a sandboxed, isolated web page with no Node and no extras. The preferences are
 * written out literally here so that Electronegativity (which does not follow variables) checks
 * them.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Cairn',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Middle-click must not open windows (they are denied anyway; this removes the event).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.dev,
      preload: options.preloadPath,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The shell owns the title (it names the open case); the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
