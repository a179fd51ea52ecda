import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** Minimal stand-ins for the Electron objects the shell wires, recording what it registered. */

export type Listener = (...args: unknown[]) => unknown;

/** An Electron-style event whose default can be prevented. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: [string, unknown][] = [];
  readonly reload = vi.fn();
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  spellChecker = true;
  readonly webRequest = {
    beforeRequest: null as Listener | null,
    headersReceived: null as Listener | null,
    onBeforeRequest: (listener: Listener) => {
      this.webRequest.beforeRequest = listener;
    },
    onHeadersReceived: (listener: Listener) => {
      this.webRequest.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermissionHandler = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }

  /** Runs onBeforeRequest for `url` and returns whether it was cancelled. */
  cancels(url: string): boolean {
    let answer: { cancel?: boolean } | undefined;
    this.webRequest.beforeRequest?.({ url }, (response: { cancel?: boolean }) => {
      answer = response;
    });
    if (!answer) throw new Error('onBeforeRequest did not answer');
    return answer.cancel === true;
  }
}

/** ipcMain with `handle` only recorded; `on` and sync IPC must never be used. */
export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  readonly on = vi.fn();
  readonly once = vi.fn();
  handle(channel: string, handler: (event: unknown, payload: unknown) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  /** Calls a handler as if `frameUrl` had invoked it (null: the frame is gone). */
  invoke(channel: string, payload: unknown, frameUrl: string | null, sender = new FakeWebContents()): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const senderFrame = frameUrl === null ? null : { url: frameUrl };
    return Promise.resolve(handler({ senderFrame, sender }, payload));
  }
}
