import { basename } from 'node:path';
import { contract, type ApiResult, type ApiResults } from '../../preload/contract/api.js';
import type { DesktopNotice } from './desktop-channels.js';
import type { CaseDialogs } from './dialogs.js';
import { exportCopyDefaultPath } from './export-case.js';
import type { ApiDispatch } from './ipc.js';
import type { RecentCases } from './recent-cases.js';

/** The part of the services' CaseSession the menu needs. */
export interface CaseSessionControl {
  open(path: string, options?: { create?: boolean }): void;
  readonly path: string | null;
}

export interface CaseCommandDeps {
  session: CaseSessionControl;
  host: ApiDispatch;
  dialogs: CaseDialogs;
  recent: RecentCases;
  exportCase(casePath: string, destination: string): Promise<void>;
  fileExists(path: string): boolean;
  /** After the open case changed: reload the page, retitle the window, rebuild the menu. */
  caseChanged(): void;
  /** After the recent list changed: rebuild the menu. */
  recentChanged(): void;
  /** Tells the page about work the menu started (an import). */
  notify(notice: DesktopNotice): void;
}

/** What the File menu does. Each command reports its own failures in a native error box. */
export interface CaseCommands {
  newCase(): Promise<void>;
  openCase(): Promise<void>;
  openCasePath(path: string): Promise<void>;
  clearRecent(): void;
  addEvidence(kind: 'files' | 'folder'): Promise<void>;
  openDemo(): Promise<void>;
  exportCopy(): Promise<void>;
}

export function createCaseCommands(deps: CaseCommandDeps): CaseCommands {
  const { session, host, dialogs, recent } = deps;

  const guarded =
    <A extends unknown[]>(title: string, action: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await action(...args);
      } catch (error) {
        dialogs.showError(title, (error as Error).message);
      }
    };

  const openPath = (path: string, create: boolean): void => {
    session.open(path, { create });
    recent.add(path);
    deps.recentChanged();
    deps.caseChanged();
  };

  const requireCase = (what: string): string | null => {
    if (session.path) return session.path;
    dialogs.showError(what, 'Open or create a case first (File ▸ New Case… or Open Case…).');
    return null;
  };

  return {
    newCase: guarded('Cannot create the case', async () => {
      const path = await dialogs.chooseNewCasePath();
      if (!path) return;
      if (deps.fileExists(path)) {
        // A case is evidence: it is never overwritten from the UI.
        dialogs.showError(
          'Cannot create the case',
          `${basename(path)} already exists. Choose another name, or use File ▸ Open Case… to open it.`,
        );
        return;
      }
      openPath(path, true);
    }),

    openCase: guarded('Cannot open the case', async () => {
      const path = await dialogs.chooseCaseToOpen();
      if (path) openPath(path, false);
    }),

    openCasePath: guarded('Cannot open the case', async (path: string) => {
      if (!deps.fileExists(path)) {
        recent.remove(path);
        deps.recentChanged();
        dialogs.showError('Cannot open the case', `${path} no longer exists.`);
        return;
      }
      openPath(path, false);
    }),

    clearRecent: () => {
      recent.clear();
      deps.recentChanged();
    },

    addEvidence: guarded('Cannot add evidence', async (kind: 'files' | 'folder') => {
      if (!requireCase('Cannot add evidence')) return;
      const result = (await host.dispatch(contract.addEvidenceDialog.channel, { kind })) as ApiResult<
        ApiResults['addEvidenceDialog']
      >;
      if (!result.ok) {
        deps.notify({ type: 'ingest-failed', origin: 'menu', error: result.error });
        dialogs.showError('Cannot add evidence', result.error.message);
        return;
      }
      if (result.value.jobId) deps.notify({ type: 'ingest-started', origin: 'menu', jobId: result.value.jobId });
    }),

    openDemo: guarded('Cannot open the demo incident', async () => {
      const result = await host.dispatch(contract.openDemo.channel, {});
      if (!result.ok) {
        dialogs.showError('Cannot open the demo incident', result.error.message);
        return;
      }
      deps.caseChanged();
    }),

    exportCopy: guarded('Cannot export the case', async () => {
      const casePath = requireCase('Cannot export the case');
      if (!casePath) return;
      const destination = await dialogs.chooseExportPath(exportCopyDefaultPath(casePath));
      if (destination) await deps.exportCase(casePath, destination);
    }),
  };
}

/**
 * Wraps the API host so the shell notices when a call changed the open case (the page's own
 * "Open Demo"), to retitle the window and refresh the menu; the page refreshes itself.
 */
export function observeCaseChanges(host: ApiDispatch, casePath: () => string | null, changed: () => void): ApiDispatch {
  return {
    async dispatch(channel, payload) {
      const before = casePath();
      const result = await host.dispatch(channel, payload);
      if (casePath() !== before) changed();
      return result;
    },
  };
}

/** The window title names the open case. */
export function windowTitle(casePath: string | null): string {
  return casePath ? `${basename(casePath)} — Cairn` : 'Cairn';
}
