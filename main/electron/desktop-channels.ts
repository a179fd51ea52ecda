import type { WebContents } from 'electron';
import type { ApiError } from '../../preload/contract/api.js';

/**
 * The shell's own IPC between main and preload, outside the API contract because only the
 * desktop has it (the loopback bridge has no drag-and-drop paths and no native menu).
 */
export const DESKTOP_CHANNELS = {
  /** preload → main (invoke): absolute paths of files dropped on the window. */
  dropEvidence: 'evidence:drop',
  /** main → preload (send): a DesktopNotice, relayed to the page with window.postMessage. */
  notice: 'desktop:notice',
} as const;

export type DesktopChannels = typeof DESKTOP_CHANNELS;

/** Where work the page did not ask for was started. */
export type NoticeOrigin = 'menu' | 'drop';

/** What main tells the page about work it started itself (menu items, drag-and-drop). */
export type DesktopNotice =
  | { type: 'ingest-started'; origin: NoticeOrigin; jobId: string }
  | { type: 'ingest-failed'; origin: NoticeOrigin; error: ApiError };

/** `event.data` of the window message preload posts to the page for each notice. */
export interface DesktopNoticeMessage {
  source: 'cairn-desktop';
  notice: DesktopNotice;
}

/** Tells the page (through preload) about work main started; dropped if the page is gone. */
export function sendNotice(contents: Pick<WebContents, 'send' | 'isDestroyed'>, notice: DesktopNotice): void {
  if (!contents.isDestroyed()) contents.send(DESKTOP_CHANNELS.notice, notice);
}
