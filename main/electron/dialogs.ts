import type { BaseWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';

export const CASE_EXTENSION = 'cairn';
export const CASE_FILTERS: FileFilter[] = [{ name: 'Cairn case', extensions: [CASE_EXTENSION] }];

/**
 * Evidence as collected: CloudTrail JSON (often .json.gz), flow and access logs, and the archives
 * they travel in (.zip, .tar, .tar.gz/.tgz). A filter cannot say ".tar.gz", so "gz" covers it;
 * "All files" is there because exported evidence often has no extension at all.
 */
export const EVIDENCE_FILTERS: FileFilter[] = [
  { name: 'Evidence (JSON, logs, archives)', extensions: ['json', 'jsonl', 'ndjson', 'gz', 'tgz', 'tar', 'zip', 'log', 'csv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

/** Linux and Windows pickers cannot choose files and folders at once, hence two kinds. */
export function evidenceDialogOptions(kind: 'files' | 'folder'): OpenDialogOptions {
  return kind === 'folder'
    ? { title: 'Add Evidence Folder', buttonLabel: 'Add', properties: ['openDirectory', 'multiSelections', 'dontAddToRecent'] }
    : {
        title: 'Add Evidence Files',
        buttonLabel: 'Add',
        filters: EVIDENCE_FILTERS,
        properties: ['openFile', 'multiSelections', 'dontAddToRecent'],
      };
}

/** GTK save dialogs do not append the extension of the chosen filter. */
export function withCaseExtension(path: string): string {
  return path.toLowerCase().endsWith(`.${CASE_EXTENSION}`) ? path : `${path}.${CASE_EXTENSION}`;
}

export interface CaseDialogs {
  chooseNewCasePath(): Promise<string | null>;
  chooseCaseToOpen(): Promise<string | null>;
  chooseExportPath(defaultPath: string): Promise<string | null>;
  chooseEvidence(kind: 'files' | 'folder'): Promise<string[] | null>;
  showError(title: string, message: string): void;
}

type DialogApi = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'>;

/** Native dialogs, modal to the main window when there is one. */
export function createDialogs(dialog: DialogApi, parent: () => BaseWindow | null): CaseDialogs {
  const open = async (options: OpenDialogOptions): Promise<string[] | null> => {
    const window = parent();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
  };
  const save = async (options: SaveDialogOptions): Promise<string | null> => {
    const window = parent();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : withCaseExtension(result.filePath);
  };

  return {
    chooseNewCasePath: () =>
      save({
        title: 'New Case',
        buttonLabel: 'Create',
        defaultPath: `incident.${CASE_EXTENSION}`,
        filters: CASE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    chooseCaseToOpen: async () =>
      (await open({ title: 'Open Case', filters: CASE_FILTERS, properties: ['openFile'] }))?.[0] ?? null,
    chooseExportPath: (defaultPath) =>
      save({
        title: 'Export Case Copy',
        buttonLabel: 'Export',
        defaultPath,
        filters: CASE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    chooseEvidence: (kind) => open(evidenceDialogOptions(kind)),
    showError: (title, message) => dialog.showErrorBox(title, message),
  };
}
