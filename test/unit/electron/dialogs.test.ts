import { describe, expect, it, vi } from 'vitest';
import type { BaseWindow, Dialog } from 'electron';
import { createDialogs, evidenceDialogOptions, withCaseExtension } from '../../../main/electron/dialogs.js';

function fakeDialog(open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath: string }) {
  return {
    showOpenDialog: vi.fn(async () => open),
    showSaveDialog: vi.fn(async () => save),
    showErrorBox: vi.fn(),
  };
}

const window = {} as BaseWindow;

describe('evidence picker', () => {
  it('picks several files, archives included', () => {
    const options = evidenceDialogOptions('files');
    expect(options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(options.properties).not.toContain('openDirectory');
    const extensions = options.filters?.flatMap((filter) => filter.extensions) ?? [];
    expect(extensions).toEqual(expect.arrayContaining(['json', 'gz', 'zip', 'tar', 'tgz', '*']));
  });

  it('picks several folders', () => {
    expect(evidenceDialogOptions('folder').properties).toEqual(expect.arrayContaining(['openDirectory', 'multiSelections']));
  });
});

describe('createDialogs', () => {
  it('returns the chosen evidence, or null when dismissed', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/e/a.json', '/e/b.zip'] }, { canceled: true, filePath: '' });
    const dialogs = createDialogs(dialog as unknown as Dialog, () => window);
    await expect(dialogs.chooseEvidence('files')).resolves.toEqual(['/e/a.json', '/e/b.zip']);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(window, evidenceDialogOptions('files'));
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(dialogs.chooseEvidence('folder')).resolves.toBeNull();
  });

  it('filters cases by .cairn and adds the extension to new ones', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/cases/x.cairn'] }, { canceled: false, filePath: '/cases/new' });
    const dialogs = createDialogs(dialog as unknown as Dialog, () => null);
    await expect(dialogs.chooseCaseToOpen()).resolves.toBe('/cases/x.cairn');
    expect(dialog.showOpenDialog.mock.calls[0]).toEqual([
      expect.objectContaining({ filters: [{ name: 'Cairn case', extensions: ['cairn'] }] }),
    ]);
    await expect(dialogs.chooseNewCasePath()).resolves.toBe('/cases/new.cairn');
    await expect(dialogs.chooseExportPath('/cases/x-copy.cairn')).resolves.toBe('/cases/new.cairn');
  });

  it('keeps an existing extension', () => {
    expect(withCaseExtension('/c/incident.cairn')).toBe('/c/incident.cairn');
    expect(withCaseExtension('/c/incident.CAIRN')).toBe('/c/incident.CAIRN');
    expect(withCaseExtension('/c/incident.db')).toBe('/c/incident.db.cairn');
  });
});
