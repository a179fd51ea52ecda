import { basename, dirname } from 'node:path';
import type { Menu as MenuClass, MenuItemConstructorOptions } from 'electron';
import type { CaseCommands } from './case-commands.js';

export interface MenuState {
  appName: string;
  platform: NodeJS.Platform;
  /** Development build: View offers Reload and DevTools. Packaged builds offer neither. */
  dev: boolean;
  /** Whether a case is open (Add Evidence and Export need one). */
  caseOpen: boolean;
  /** Recent case paths, most recent first. */
  recent: readonly string[];
}

/** Menu labels treat `&` as a mnemonic marker on Windows and Linux. */
function literal(text: string): string {
  return text.replaceAll('&', '&&');
}

function recentSubmenu(commands: CaseCommands, recent: readonly string[]): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Cases', enabled: false }];
  return [
    ...recent.map(
      (path): MenuItemConstructorOptions => ({
        label: literal(`${basename(path)} — ${dirname(path)}`),
        click: () => void commands.openCasePath(path),
      }),
    ),
    { type: 'separator' },
    { label: 'Clear Recent', click: () => commands.clearRecent() },
  ];
}

/** The native menu. Every item is a fixed command or an Electron role; nothing opens a URL. */
export function buildMenuTemplate(commands: CaseCommands, state: MenuState): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => void commands.newCase() },
      { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => void commands.openCase() },
      { label: 'Open Recent', submenu: recentSubmenu(commands, state.recent) },
      { type: 'separator' },
      {
        label: 'Add Evidence Files…',
        accelerator: 'CmdOrCtrl+I',
        enabled: state.caseOpen,
        click: () => void commands.addEvidence('files'),
      },
      { label: 'Add Evidence Folder…', enabled: state.caseOpen, click: () => void commands.addEvidence('folder') },
      { type: 'separator' },
      { label: 'Open Demo Incident', click: () => void commands.openDemo() },
      { type: 'separator' },
      {
        label: 'Export Case Copy…',
        accelerator: 'CmdOrCtrl+Shift+S',
        enabled: state.caseOpen,
        click: () => void commands.exportCopy(),
      },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(state.dev
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { label: '&Help', role: 'help', submenu: [{ role: 'about' }] };
  if (!mac) return [file, edit, view, help];
  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  return [appMenu, file, edit, view, { role: 'windowMenu' }, help];
}

/** Builds and installs the application menu (called again whenever its state changes). */
export function installMenu(Menu: Pick<typeof MenuClass, 'buildFromTemplate' | 'setApplicationMenu'>, commands: CaseCommands, state: MenuState): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(commands, state)));
}
