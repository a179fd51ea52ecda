import { EventEmitter } from 'node:events';
import { isAbsolute, join, sep } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { appPaths } from '../../../main/electron/app-paths.js';

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  readonly loadURL = vi.fn(async () => undefined);
  readonly show = vi.fn();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.created.push(this);
  }
}
vi.doMock('electron', () => ({ BrowserWindow: FakeWindow }));

const { createMainWindow } = await import('../../../main/electron/window.js');

const preloadPath = '/opt/cairn/dist/preload/index.cjs';

/** The renderer's privileges, pinned: any change here must be deliberate. */
function expectedWebPreferences(preload: string, dev: boolean) {
  return {
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
    disableBlinkFeatures: 'Auxclick',
    devTools: dev,
    preload,
  };
}

beforeEach(() => {
  FakeWindow.created = [];
});

describe('createMainWindow', () => {
  it('uses exactly the hardened webPreferences', () => {
    createMainWindow({ preloadPath, dev: false });
    expect(FakeWindow.created[0]?.options.webPreferences).toStrictEqual(expectedWebPreferences(preloadPath, false));
  });

  it('allows DevTools only in development', () => {
    createMainWindow({ preloadPath, dev: true });
    expect(FakeWindow.created[0]?.options.webPreferences?.devTools).toBe(true);
  });

  it('starts hidden, loads app://cairn/index.html and shows when ready', () => {
    const window = createMainWindow({ preloadPath, dev: false }) as unknown as FakeWindow;
    expect(window.options.show).toBe(false);
    expect(window.loadURL).toHaveBeenCalledWith('app://cairn/index.html');
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('keeps its own title', () => {
    const window = createMainWindow({ preloadPath, dev: false }) as unknown as FakeWindow;
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    window.emit('page-title-updated', event, 'title from evidence');
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('app paths', () => {
  it('point at the compiled CommonJS preload and the renderer build', () => {
    const paths = appPaths(join('/opt/cairn', 'dist', 'main', 'electron'));
    expect(paths.preload).toBe(join('/opt/cairn', 'dist', 'preload', 'index.cjs'));
    expect(paths.renderer).toBe(join('/opt/cairn', 'dist', 'renderer'));
  });

  it('default to the folder of the shell', () => {
    const paths = appPaths();
    expect(isAbsolute(paths.preload)).toBe(true);
    expect(paths.preload.endsWith(`${sep}preload${sep}index.cjs`)).toBe(true);
  });
});
