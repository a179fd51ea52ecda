/**
 * The sandboxed preload: exposes the API contract's verbs as `window.cairn` and nothing else.
 *
 * Sandboxed preloads are CommonJS and may require only a few built-ins, so neither zod nor the
 * ESM contract can be loaded here at run time. The channel table below is checked against the
 * contract by the compiler (`import type` only) and by a unit test; the main process validates
 * every payload anyway. ipcRenderer itself is never exposed.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS; electron is all it loads
import electron = require('electron');
import type { ApiMethod, CairnApi, contract } from './contract/api.js';
import type { DesktopChannels, DesktopNotice, DesktopNoticeMessage } from '../main/electron/desktop-channels.js';

const { contextBridge, ipcRenderer, webUtils } = electron;

/** Method → channel, exactly as in the contract (a wrong or missing entry does not compile). */
const channels = {
  caseInfo: 'case:info',
  queryEvents: 'events:page',
  countEvents: 'events:count',
  histogram: 'events:histogram',
  fieldStats: 'events:stats',
  catalog: 'sources:catalog',
  getEvent: 'events:get',
  cancelQuery: 'query:cancel',
  annotate: 'annotations:set',
  listTags: 'annotations:tags',
  listSearches: 'searches:list',
  saveSearch: 'searches:save',
  deleteSearch: 'searches:delete',
  listAudit: 'audit:list',
  verifyCase: 'case:verify',
  flowPairs: 'flows:pairs',
  flowScans: 'flows:scans',
  flowTalkers: 'flows:talkers',
  explainFlow: 'flows:explain',
  blastRadius: 'identity:blast',
  entityProfile: 'identity:profile',
  lineage: 'identity:lineage',
  reportPreview: 'report:preview',
  reportSections: 'report:sections',
  setReportSection: 'report:set-section',
  reviewItems: 'review:list',
  addReviewItem: 'review:add',
  updateReviewItem: 'review:update',
  deleteReviewItem: 'review:delete',
  listEvidence: 'evidence:list',
  startIngest: 'ingest:start',
  ingestStatus: 'ingest:status',
  cancelIngest: 'ingest:cancel',
  addEvidenceDialog: 'evidence:add-dialog',
  openDemo: 'case:open-demo',
} as const satisfies { readonly [M in ApiMethod]: (typeof contract)[M]['channel'] };

/** The shell's own channels (drag-and-drop in, notices out); see main/electron/desktop-channels.ts. */
const desktopChannels = {
  dropEvidence: 'evidence:drop',
  notice: 'desktop:notice',
} as const satisfies DesktopChannels;

function verb(channel: string): (request: unknown) => Promise<unknown> {
  return (request) => ipcRenderer.invoke(channel, request);
}

const api = Object.freeze(
  Object.fromEntries(Object.entries(channels).map(([method, channel]) => [method, verb(channel)])),
) as CairnApi;

contextBridge.exposeInMainWorld('cairn', api);

// --- Drag-and-drop of evidence ------------------------------------------------------------------
// The page has no file-system paths (sandbox), so the drop is handled here: each dropped File is
// turned into its path with webUtils and sent to main, which validates the list and starts an
// import. The page hears about it as a DesktopNotice message (below).

/** The few DOM shapes used here (the Node-only type-check has no DOM library). */
interface DroppedFiles {
  readonly length: number;
  item(index: number): File | null;
}
interface FileDragEvent {
  readonly dataTransfer: { readonly types: readonly string[]; readonly files: DroppedFiles; dropEffect: string } | null;
  preventDefault(): void;
}
interface PreloadWindow {
  addEventListener(type: 'dragover' | 'drop', listener: (event: FileDragEvent) => void): void;
  postMessage(message: DesktopNoticeMessage, targetOrigin: string): void;
}
declare const window: PreloadWindow;

function carriesFiles(event: FileDragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') === true;
}

function droppedPaths(files: DroppedFiles): string[] {
  const paths: string[] = [];
  for (let index = 0; index < files.length; index += 1) {
    const file = files.item(index);
    const path = file ? webUtils.getPathForFile(file) : '';
    if (path) paths.push(path);
  }
  return paths;
}

window.addEventListener('dragover', (event) => {
  if (!carriesFiles(event) || !event.dataTransfer) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
});

window.addEventListener('drop', (event) => {
  if (!carriesFiles(event) || !event.dataTransfer) return;
  event.preventDefault();
  const paths = droppedPaths(event.dataTransfer.files);
  // The outcome arrives as a notice; the invoke's own answer adds nothing.
  if (paths.length > 0) void ipcRenderer.invoke(desktopChannels.dropEvidence, paths);
});

// --- Notices from main ----------------------------------------------------------------------------
// Work main starts on its own (menu imports, drops) is announced to the page with window.postMessage
// (structured clone, so it crosses the isolated-world boundary); '/' keeps it on our own origin.

function isNotice(value: unknown): value is DesktopNotice {
  if (typeof value !== 'object' || value === null) return false;
  const notice = value as Record<string, unknown>;
  if (notice.origin !== 'menu' && notice.origin !== 'drop') return false;
  if (notice.type === 'ingest-started') return typeof notice.jobId === 'string';
  if (notice.type === 'ingest-failed') return typeof notice.error === 'object' && notice.error !== null;
  return false;
}

ipcRenderer.on(desktopChannels.notice, (_event, notice: unknown) => {
  if (isNotice(notice)) window.postMessage({ source: 'cairn-desktop', notice }, '/');
});
