import type { ApiError } from './api.js';

/**
 * What the desktop shell tells the page about work it started itself (menu items, files dropped
 * on the window). Only the desktop sends these; preload relays them with window.postMessage.
 */
export type NoticeOrigin = 'menu' | 'drop';

export type DesktopNotice =
  | { type: 'ingest-started'; origin: NoticeOrigin; jobId: string }
  | { type: 'ingest-failed'; origin: NoticeOrigin; error: ApiError };

/** `event.data` of the window message preload posts to the page for each notice. */
export interface DesktopNoticeMessage {
  source: 'cairn-desktop';
  notice: DesktopNotice;
}

/** Checks a value received across a process or world boundary. */
export function isDesktopNotice(value: unknown): value is DesktopNotice {
  if (typeof value !== 'object' || value === null) return false;
  const notice = value as Record<string, unknown>;
  if (notice.origin !== 'menu' && notice.origin !== 'drop') return false;
  if (notice.type === 'ingest-started') return typeof notice.jobId === 'string';
  if (notice.type === 'ingest-failed') {
    return typeof notice.error === 'object' && notice.error !== null && typeof (notice.error as ApiError).message === 'string';
  }
  return false;
}
