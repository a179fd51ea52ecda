import type { WebContents } from 'electron';
import type { DesktopNotice } from '../../preload/contract/desktop-notice.js';

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

export type { DesktopNotice, DesktopNoticeMessage, NoticeOrigin } from '../../preload/contract/desktop-notice.js';

/** Tells the page (through preload) about work main started; dropped if the page is gone. */
export function sendNotice(contents: Pick<WebContents, 'send' | 'isDestroyed'>, notice: DesktopNotice): void {
  if (!contents.isDestroyed()) contents.send(DESKTOP_CHANNELS.notice, notice);
}
