import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { contract, type ApiChannel, type ApiResult } from '../../preload/contract/api.js';
import { isAppUrl } from './security-policy.js';

/** The part of the services' ApiHost the transport uses: validates, runs, never throws. */
export interface ApiDispatch {
  dispatch(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
}

/** Every channel of the contract, in contract order: the whole IPC surface of the API. */
export const API_CHANNELS: readonly ApiChannel[] = Object.values(contract).map((entry) => entry.channel);

export const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'IPC is only accepted from the Cairn window' },
};

/**
 * Whether an IPC message comes from our own page: the sending frame must still exist and its URL
 * must be app://cairn/… by the WHATWG parser (not a prefix test). A frame that navigated away,
 * an injected iframe or a DevTools page is refused.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && isAppUrl(frame.url);
  } catch {
    // Reading a destroyed frame throws; a destroyed frame is not trusted.
    return false;
  }
}

/**
 * Registers one `ipcMain.handle` per contract channel (and nothing else): sender check first,
 * then the host validates the payload and runs the method. Answers are always the result envelope.
 */
export function registerApiIpc(ipc: Pick<IpcMain, 'handle'>, host: ApiDispatch): readonly ApiChannel[] {
  for (const channel of API_CHANNELS) {
    ipc.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event)) return FORBIDDEN;
      try {
        return await host.dispatch(channel, payload);
      } catch (error) {
        // The host promises never to throw; if it does, the renderer still gets an envelope.
        return { ok: false, error: { code: 'internal', message: (error as Error).message } };
      }
    });
  }
  return API_CHANNELS;
}
