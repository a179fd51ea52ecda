import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { contract } from '../../../preload/contract/api.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security-policy.js';
import { FakeIpcMain, FakeSession, FakeWebContents, fakeEvent } from './fakes.js';

/**
 * Loads the real entry point (main/electron/main.ts) against a fake Electron and fake services,
 * then checks what it wired: the order of the pre-ready calls, the window, the session, the
 * protocol and the IPC surface.
 */

class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async () => undefined);
  readonly setTitle = vi.fn();
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
}

function fakeElectron() {
  const calls: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    name: 'Cairn',
    singleInstance: true,
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => app.singleInstance),
    whenReady: vi.fn(() => {
      calls.push('whenReady');
      return Promise.resolve();
    }),
    quit: vi.fn(),
    getPath: vi.fn(() => userData),
    getVersion: () => '0.1.0',
    setAboutPanelOptions: vi.fn(),
  });
  return {
    calls,
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: new FakeIpcMain(),
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    session: { defaultSession: new FakeSession() },
  };
}

type FakeElectron = ReturnType<typeof fakeElectron>;
let electron: FakeElectron;
let userData: string;

vi.mock('../../../main/services/api-dispatcher.js', () => ({
  CaseSession: { empty: () => ({ path: null, open: vi.fn(), close: vi.fn() }) },
  createApiHost: vi.fn(() => ({ dispatch: vi.fn(async () => ({ ok: true, value: null })) })),
}));

async function loadMain(setup: (fake: FakeElectron) => void = () => undefined): Promise<FakeElectron> {
  electron = fakeElectron();
  setup(electron);
  vi.resetModules();
  const current = electron;
  vi.doMock('electron', () => current);
  await import('../../../main/electron/main.js');
  await new Promise((resolve) => setImmediate(resolve));
  return electron;
}

const savedBinding = process.env.CAIRN_SQLITE_BINDING;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'cairn-main-'));
  const binding = join(userData, 'better_sqlite3.node');
  writeFileSync(binding, '');
  process.env.CAIRN_SQLITE_BINDING = binding;
  FakeBrowserWindow.created = [];
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));
afterAll(() => {
  if (savedBinding === undefined) delete process.env.CAIRN_SQLITE_BINDING;
  else process.env.CAIRN_SQLITE_BINDING = savedBinding;
});

describe('main entry point', () => {
  it('registers app:// as privileged and enables the sandbox before ready', async () => {
    const fake = await loadMain();
    expect(fake.calls.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'whenReady']);
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const [schemes] = fake.protocol.registerSchemesAsPrivileged.mock.calls[0] as unknown as [{ privileges: Record<string, boolean> }[]];
    const privileges = schemes[0]?.privileges ?? {};
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.allowServiceWorkers).toBeUndefined();
  });

  it('opens one hardened window on app://cairn/index.html', async () => {
    await loadMain();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const window = FakeBrowserWindow.created[0];
    const preload = window?.options.webPreferences?.preload ?? '';
    expect(preload.endsWith(`${sep}preload${sep}index.cjs`)).toBe(true);
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: true });
    expect(window?.loadURL).toHaveBeenCalledWith('app://cairn/index.html');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('hardens the default session', async () => {
    const fake = await loadMain();
    const session = fake.session.defaultSession;
    expect(session.cancels('https://example.com/')).toBe(true);
    expect(session.cancels('app://cairn/index.html')).toBe(false);
    let granted: boolean | undefined;
    session.permissionRequestHandler?.({}, 'media', (answer: boolean) => {
      granted = answer;
    });
    expect(granted).toBe(false);
  });

  it('serves app:// with the CSP', async () => {
    const fake = await loadMain();
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = fake.protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    const response = await handler(new Request('app://cairn/..%2f..%2fpackage.json'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('handles exactly the contract channels plus the drop channel', async () => {
    const fake = await loadMain();
    const expected = [...Object.values(contract).map((entry) => entry.channel), 'evidence:drop'].sort();
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(expected);
    expect(fake.ipcMain.on).not.toHaveBeenCalled();
    const refused = await fake.ipcMain.invoke('case:info', {}, 'https://evil.example');
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('hardens every web contents', async () => {
    const fake = await loadMain();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });

  it('quits when another Cairn already runs', async () => {
    const fake = await loadMain((f) => {
      f.app.singleInstance = false;
    });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('refuses to start without an Electron build of better-sqlite3', async () => {
    delete process.env.CAIRN_SQLITE_BINDING;
    const fake = await loadMain();
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Cairn cannot start', expect.stringContaining('npm start'));
    expect(fake.app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });
});
