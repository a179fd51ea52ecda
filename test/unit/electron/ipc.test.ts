import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { contract, type ApiResult } from '../../../preload/contract/api.js';
import { API_CHANNELS, isTrustedSender, registerApiIpc } from '../../../main/electron/ipc.js';
import { FakeIpcMain } from './fakes.js';

/** The pinned API surface: changing it must be a deliberate edit here too. */
const PINNED_CHANNELS = [
  'case:info',
  'events:page',
  'events:count',
  'events:histogram',
  'events:get',
  'query:cancel',
  'annotations:set',
  'annotations:tags',
  'evidence:list',
  'ingest:start',
  'ingest:status',
  'ingest:cancel',
  'evidence:add-dialog',
  'case:open-demo',
  'events:stats',
  'sources:catalog',
  'searches:list',
  'searches:save',
  'searches:delete',
  'audit:list',
  'case:verify',
  'flows:pairs',
  'flows:scans',
  'flows:talkers',
  'flows:explain',
  'identity:blast',
  'identity:profile',
  'identity:lineage',
  'report:preview',
  'report:sections',
  'report:set-section',
  'review:list',
  'review:add',
  'review:update',
  'review:delete',
];

function setup(dispatch = vi.fn(async (): Promise<ApiResult<unknown>> => ({ ok: true, value: 'answer' }))) {
  const ipc = new FakeIpcMain();
  registerApiIpc(ipc as unknown as IpcMain, { dispatch });
  return { ipc, dispatch };
}

describe('registerApiIpc', () => {
  it('registers exactly the contract channels, with handle only', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual([...PINNED_CHANNELS].sort());
    expect([...API_CHANNELS].sort()).toEqual(Object.values(contract).map((entry) => entry.channel).sort());
    expect(ipc.on).not.toHaveBeenCalled();
    expect(ipc.once).not.toHaveBeenCalled();
  });

  it('dispatches requests from app://cairn/index.html', async () => {
    const { ipc, dispatch } = setup();
    const payload = { query: 'eventName:ConsoleLogin' };
    await expect(ipc.invoke('events:count', payload, 'app://cairn/index.html')).resolves.toEqual({ ok: true, value: 'answer' });
    expect(dispatch).toHaveBeenCalledWith('events:count', payload);
  });

  it.each([
    'https://evil.example',
    'https://evil.example/app://cairn/',
    'app://evil/',
    'app://cairn.evil/index.html',
    'app://x@cairn/index.html',
    'file:///home/analyst/evidence/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    '',
  ])('refuses a sender whose frame is %s', async (url) => {
    const { ipc, dispatch } = setup();
    for (const channel of PINNED_CHANNELS) {
      const result = (await ipc.invoke(channel, {}, url)) as ApiResult<unknown>;
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('forbidden');
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone', async () => {
    const { ipc, dispatch } = setup();
    const result = (await ipc.invoke('case:info', {}, null)) as ApiResult<unknown>;
    expect(!result.ok && result.error.code).toBe('forbidden');
    expect(dispatch).not.toHaveBeenCalled();
    const throwing = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(isTrustedSender(throwing)).toBe(false);
  });

  it('still answers with an envelope if the host throws', async () => {
    const { ipc } = setup(vi.fn(async () => Promise.reject(new Error('boom'))));
    await expect(ipc.invoke('case:info', {}, 'app://cairn/index.html')).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
  });
});
