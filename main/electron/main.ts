import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Menu, app, dialog, ipcMain, protocol, session, type BrowserWindow } from 'electron';
import { createDemoCase } from '../demo/demo-incident.js';
import { CaseSession, createApiHost } from '../services/api-dispatcher.js';
import { registerAppProtocol } from './app-protocol.js';
import { appPaths } from './app-paths.js';
import { createCaseCommands, observeCaseChanges, windowTitle } from './case-commands.js';
import { sendNotice } from './desktop-channels.js';
import { createDesktopHooks } from './desktop-hooks.js';
import { createDialogs } from './dialogs.js';
import { registerEvidenceDrop } from './evidence-drop.js';
import { exportCaseCopy } from './export-case.js';
import { hardenSession } from './harden-session.js';
import { installWebContentsHardening } from './harden-web-contents.js';
import { registerApiIpc } from './ipc.js';
import { caseArgument } from './launch-args.js';
import { installMenu } from './menu.js';
import { configureSqliteBinding } from './native-sqlite.js';
import { createRecentCases } from './recent-cases.js';
import { APP_SCHEME } from './security-policy.js';
import { createMainWindow } from './window.js';

/**
 * The desktop entry point: a thin, hardened shell around the services. Everything that talks to
 * the case goes through the same API host as the loopback bridge; this file only wires Electron.
 */

const dev = !app.isPackaged;

// Before `ready`: app:// behaves like https (standard URL parsing, secure context, fetch). CORS is
// enabled for the scheme only so that Vite's `<script type="module" crossorigin>` loads; the
// protocol never sends Access-Control-Allow-Origin, and no other origin can load anyway.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
]);
app.enableSandbox();
installWebContentsHardening(app);

// macOS hands files opened from Finder to 'open-file', possibly before `ready`: keep the path
// until the case commands exist.
let pendingCaseFile: string | null = null;
let openCaseFile = (path: string): void => {
  pendingCaseFile = path;
};
app.on('open-file', (event, path) => {
  event.preventDefault();
  openCaseFile(path);
});

/** Who the audit log records for changes made in the app: the desktop and the OS account. */
function desktopActor(): string {
  try {
    return `desktop:${userInfo().username}`;
  } catch {
    return 'desktop';
  }
}

function start(): void {
  const binding = configureSqliteBinding({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, env: process.env });
  if (!binding.ok) {
    dialog.showErrorBox('Cairn cannot start', binding.message);
    app.quit();
    return;
  }

  const paths = appPaths();
  hardenSession(session.defaultSession, { dev });
  registerAppProtocol(protocol, paths.renderer);
  app.setAboutPanelOptions({ applicationName: 'Cairn', applicationVersion: app.getVersion() });

  let window: BrowserWindow | null = null;
  const caseSession = CaseSession.empty();
  const recent = createRecentCases({ directory: app.getPath('userData') });
  const dialogs = createDialogs(dialog, () => window);

  // Title and menu follow the open case. First called once `commands` (below) exists.
  const refreshChrome = (): void => {
    window?.setTitle(windowTitle(caseSession.path));
    installMenu(Menu, commands, {
      appName: app.name,
      platform: process.platform,
      dev,
      caseOpen: caseSession.path !== null,
      recent: recent.list(),
    });
  };

  const host = observeCaseChanges(
    createApiHost({
      session: caseSession,
      actor: desktopActor(),
      desktop: createDesktopHooks({
        dialogs,
        demoDirectory: join(app.getPath('userData'), 'demo'),
        buildDemoCase: async (path) => void (await createDemoCase(path)),
      }),
    }),
    () => caseSession.path,
    refreshChrome,
  );
  registerApiIpc(ipcMain, host);
  registerEvidenceDrop(ipcMain, host);

  const commands = createCaseCommands({
    session: caseSession,
    host,
    dialogs,
    recent,
    exportCase: exportCaseCopy,
    fileExists: existsSync,
    caseChanged: () => {
      refreshChrome();
      // The page starts over on the new case (it loads caseInfo on start).
      window?.webContents.reload();
    },
    recentChanged: refreshChrome,
    notify: (notice) => {
      if (window) sendNotice(window.webContents, notice);
    },
  });

  window = createMainWindow({ preloadPath: paths.preload, dev });
  window.on('closed', () => {
    window = null;
  });
  refreshChrome();

  openCaseFile = (path) => void commands.openCasePath(path);
  const initialCase = pendingCaseFile ?? caseArgument(process.argv, process.cwd());
  if (initialCase) openCaseFile(initialCase);

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const path = caseArgument(argv, workingDirectory);
    if (path) void commands.openCasePath(path);
  });
  // One window, one case: closing it ends the session on every platform.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => caseSession.close());
}

if (app.requestSingleInstanceLock()) {
  void app.whenReady().then(start);
} else {
  // Another Cairn is running; it receives our arguments through 'second-instance'.
  app.quit();
}
