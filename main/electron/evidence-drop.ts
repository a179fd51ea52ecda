import { isAbsolute } from 'node:path';
import type { IpcMain } from 'electron';
import { contract, type ApiResult } from '../../preload/contract/api.js';
import { DESKTOP_CHANNELS, sendNotice, type DesktopNotice } from './desktop-channels.js';
import { FORBIDDEN, isTrustedSender, type ApiDispatch } from './ipc.js';

/**
 * Drag-and-drop of evidence. The sandboxed page never sees file-system paths, so preload listens
 * for `drop`, turns each File into its path with `webUtils.getPathForFile` and invokes
 * `evidence:drop`; main checks the sender and the paths here, then starts an ordinary import.
 */

/** Same ceiling as `ingest:start` accepts. */
export const MAX_DROPPED_PATHS = 10_000;
const MAX_PATH_LENGTH = 4096;

export type DroppedPaths = { ok: true; paths: string[] } | { ok: false; message: string };

/**
 * Accepts 1…MAX_DROPPED_PATHS absolute path strings (no NUL, ≤ 4096 characters), deduplicated
 * in drop order. Anything else is refused as a whole.
 */
export function parseDroppedPaths(payload: unknown, pathIsAbsolute: (path: string) => boolean = isAbsolute): DroppedPaths {
  if (!Array.isArray(payload)) return { ok: false, message: 'expected an array of paths' };
  if (payload.length === 0) return { ok: false, message: 'nothing was dropped' };
  if (payload.length > MAX_DROPPED_PATHS) {
    return { ok: false, message: `at most ${MAX_DROPPED_PATHS} items can be dropped at once; drop their folder instead` };
  }
  const paths = new Set<string>();
  for (const item of payload as unknown[]) {
    if (typeof item !== 'string' || item.length === 0 || item.length > MAX_PATH_LENGTH || item.includes('\0')) {
      return { ok: false, message: 'every dropped item must be a path' };
    }
    if (!pathIsAbsolute(item)) return { ok: false, message: `not an absolute path: ${item}` };
    paths.add(item);
  }
  return { ok: true, paths: [...paths] };
}

function noticeFor(result: ApiResult<unknown>): DesktopNotice {
  if (!result.ok) return { type: 'ingest-failed', origin: 'drop', error: result.error };
  return { type: 'ingest-started', origin: 'drop', jobId: (result.value as { jobId: string }).jobId };
}

/**
 * Handles `evidence:drop`: sender check, path validation, then `ingest:start` through the host
 * (which validates again against the contract). The page learns the outcome as a DesktopNotice.
 */
export function registerEvidenceDrop(ipc: Pick<IpcMain, 'handle'>, host: ApiDispatch): void {
  ipc.handle(DESKTOP_CHANNELS.dropEvidence, async (event, payload: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event)) return FORBIDDEN;
    const dropped = parseDroppedPaths(payload);
    const result: ApiResult<unknown> = dropped.ok
      ? await host.dispatch(contract.startIngest.channel, { paths: dropped.paths })
      : { ok: false, error: { code: 'invalid-request', message: dropped.message } };
    sendNotice(event.sender, noticeFor(result));
    return result;
  });
}
