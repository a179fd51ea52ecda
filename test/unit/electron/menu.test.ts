import { describe, expect, it, vi, type Mock } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { CaseCommands } from '../../../main/electron/case-commands.js';
import { buildMenuTemplate, installMenu, type MenuState } from '../../../main/electron/menu.js';

function commands(): { [K in keyof CaseCommands]: Mock<CaseCommands[K]> } {
  return {
    newCase: vi.fn(async () => undefined),
    openCase: vi.fn(async () => undefined),
    openCasePath: vi.fn(async () => undefined),
    clearRecent: vi.fn(),
    addEvidence: vi.fn(async () => undefined),
    openDemo: vi.fn(async () => undefined),
    exportCopy: vi.fn(async () => undefined),
  };
}

const state: MenuState = { appName: 'Cairn', platform: 'linux', dev: false, caseOpen: true, recent: ['/cases/a&b.cairn'] };

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return (item?.submenu ?? []) as MenuItemConstructorOptions[];
}
function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  return items.find((item) => item.label === label);
}
function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => (item.role ? [item.role] : []));
}

describe('application menu', () => {
  it('has File, Edit, View and Help', () => {
    expect(buildMenuTemplate(commands(), state).map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('offers the case commands in File', () => {
    const file = submenu(buildMenuTemplate(commands(), state)[0]);
    expect(file.filter((item) => item.label).map((item) => item.label)).toEqual([
      'New Case…',
      'Open Case…',
      'Open Recent',
      'Add Evidence Files…',
      'Add Evidence Folder…',
      'Open Demo Incident',
      'Export Case Copy…',
    ]);
    expect(roles(file)).toEqual(['quit']);
  });

  it('runs the matching command', () => {
    const run = commands();
    const file = submenu(buildMenuTemplate(run, state)[0]);
    click(find(file, 'New Case…'));
    click(find(file, 'Open Case…'));
    click(find(file, 'Add Evidence Files…'));
    click(find(file, 'Add Evidence Folder…'));
    click(find(file, 'Open Demo Incident'));
    click(find(file, 'Export Case Copy…'));
    expect(run.newCase).toHaveBeenCalled();
    expect(run.openCase).toHaveBeenCalled();
    expect(run.addEvidence.mock.calls).toEqual([['files'], ['folder']]);
    expect(run.openDemo).toHaveBeenCalled();
    expect(run.exportCopy).toHaveBeenCalled();
  });

  it('lists recent cases, escaping menu mnemonics', () => {
    const run = commands();
    const recent = submenu(find(submenu(buildMenuTemplate(run, state)[0]), 'Open Recent'));
    expect(recent[0]?.label).toContain('a&&b.cairn');
    click(recent[0]);
    expect(run.openCasePath).toHaveBeenCalledWith('/cases/a&b.cairn');
    click(find(recent, 'Clear Recent'));
    expect(run.clearRecent).toHaveBeenCalled();
    const empty = submenu(find(submenu(buildMenuTemplate(run, { ...state, recent: [] })[0]), 'Open Recent'));
    expect(empty).toEqual([{ label: 'No Recent Cases', enabled: false }]);
  });

  it('disables evidence and export until a case is open', () => {
    const file = submenu(buildMenuTemplate(commands(), { ...state, caseOpen: false })[0]);
    expect(find(file, 'Add Evidence Files…')?.enabled).toBe(false);
    expect(find(file, 'Add Evidence Folder…')?.enabled).toBe(false);
    expect(find(file, 'Export Case Copy…')?.enabled).toBe(false);
    expect(find(file, 'New Case…')?.enabled).toBeUndefined();
  });

  it('has no reload or DevTools in packaged builds', () => {
    const packaged = roles(submenu(buildMenuTemplate(commands(), state)[2]));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    const dev = roles(submenu(buildMenuTemplate(commands(), { ...state, dev: true })[2]));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('uses Edit roles and Help ▸ About', () => {
    const template = buildMenuTemplate(commands(), state);
    expect(roles(submenu(template[1]))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(roles(submenu(template[3]))).toEqual(['about']);
  });

  it('follows macOS conventions on a Mac', () => {
    const template = buildMenuTemplate(commands(), { ...state, platform: 'darwin' });
    expect(template[0]?.label).toBe('Cairn');
    expect(roles(submenu(template[0]))).toContain('quit');
    expect(roles(submenu(template[1]))).not.toContain('quit');
  });

  it('opens nothing external', () => {
    const text = JSON.stringify(buildMenuTemplate(commands(), { ...state, dev: true }));
    expect(text).not.toMatch(/https?:|openExternal/);
  });

  it('installs the built menu', () => {
    const built = {};
    const Menu = { buildFromTemplate: vi.fn(() => built), setApplicationMenu: vi.fn() };
    installMenu(Menu as unknown as Parameters<typeof installMenu>[0], commands(), state);
    expect(Menu.buildFromTemplate).toHaveBeenCalledWith(buildMenuTemplate(commands(), state).map(() => expect.anything()));
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(built);
  });
});
