import { posix, win32 } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import type { ApiResult } from '../../../preload/contract/api.js';
import { DESKTOP_CHANNELS } from '../../../main/electron/desktop-channels.js';
import { MAX_DROPPED_PATHS, parseDroppedPaths, registerEvidenceDrop } from '../../../main/electron/evidence-drop.js';
import { API_CHANNELS } from '../../../main/electron/ipc.js';
import { FakeIpcMain, FakeWebContents } from './fakes.js';

describe('parseDroppedPaths', () => {
  it('accepts absolute paths, deduplicated in order', () => {
    expect(parseDroppedPaths(['/evidence/a.json.gz', '/evidence/b.zip', '/evidence/a.json.gz'], posix.isAbsolute)).toEqual({
      ok: true,
      paths: ['/evidence/a.json.gz', '/evidence/b.zip'],
    });
    expect(parseDroppedPaths(['C:\\evidence\\trail.json', '\\\\server\\share\\logs'], win32.isAbsolute).ok).toBe(true);
  });

  it.each([
    ['not an array', '/evidence/a.json'],
    ['an object', { paths: ['/a'] }],
    ['null', null],
    ['empty', []],
    ['a relative path', ['evidence/a.json']],
    ['a parent-relative path', ['../a.json']],
    ['a number', [42]],
    ['an empty string', ['']],
    ['a NUL byte', ['/evidence/a.json\0.txt']],
    ['an overlong path', [`/${'a'.repeat(5000)}`]],
    ['one bad item among good ones', ['/evidence/a.json', 'b.json']],
  ])('refuses %s', (_name, payload) => {
    expect(parseDroppedPaths(payload, posix.isAbsolute).ok).toBe(false);
  });

  it('caps the count', () => {
    const many = Array.from({ length: MAX_DROPPED_PATHS + 1 }, (_, index) => `/evidence/${index}.json`);
    expect(parseDroppedPaths(many, posix.isAbsolute).ok).toBe(false);
    expect(parseDroppedPaths(many.slice(0, MAX_DROPPED_PATHS), posix.isAbsolute).ok).toBe(true);
  });
});

describe('evidence:drop', () => {
  const absolute = process.platform === 'win32' ? 'C:\\evidence\\trail.json.gz' : '/evidence/trail.json.gz';

  function setup() {
    const ipc = new FakeIpcMain();
    const dispatch = vi.fn(async (): Promise<ApiResult<unknown>> => ({ ok: true, value: { jobId: 'job-1' } }));
    registerEvidenceDrop(ipc as unknown as IpcMain, { dispatch });
    return { ipc, dispatch };
  }

  it('is a shell channel, not part of the API contract', () => {
    expect(API_CHANNELS).not.toContain(DESKTOP_CHANNELS.dropEvidence);
    expect(API_CHANNELS).not.toContain(DESKTOP_CHANNELS.notice);
  });

  it('starts an import of the dropped paths and tells the page', async () => {
    const { ipc, dispatch } = setup();
    const sender = new FakeWebContents();
    const result = await ipc.invoke(DESKTOP_CHANNELS.dropEvidence, [absolute, absolute], 'app://cairn/index.html', sender);
    expect(result).toEqual({ ok: true, value: { jobId: 'job-1' } });
    expect(dispatch).toHaveBeenCalledWith('ingest:start', { paths: [absolute] });
    expect(sender.sent).toEqual([['desktop:notice', { type: 'ingest-started', origin: 'drop', jobId: 'job-1' }]]);
  });

  it('refuses invalid drops without starting anything', async () => {
    const { ipc, dispatch } = setup();
    const sender = new FakeWebContents();
    const result = (await ipc.invoke(DESKTOP_CHANNELS.dropEvidence, ['relative.json'], 'app://cairn/index.html', sender)) as ApiResult<unknown>;
    expect(!result.ok && result.error.code).toBe('invalid-request');
    expect(dispatch).not.toHaveBeenCalled();
    expect(sender.sent[0]?.[1]).toMatchObject({ type: 'ingest-failed', origin: 'drop', error: { code: 'invalid-request' } });
  });

  it('refuses senders that are not the app', async () => {
    const { ipc, dispatch } = setup();
    const sender = new FakeWebContents();
    for (const url of ['https://evil.example', 'app://evil/', 'file:///tmp/x.html']) {
      const result = (await ipc.invoke(DESKTOP_CHANNELS.dropEvidence, [absolute], url, sender)) as ApiResult<unknown>;
      expect(!result.ok && result.error.code).toBe('forbidden');
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(sender.sent).toEqual([]);
  });

  it('passes failures of the import on to the page', async () => {
    const ipc = new FakeIpcMain();
    const error = { code: 'no-case', message: 'no case is open' } as const;
    registerEvidenceDrop(ipc as unknown as IpcMain, { dispatch: async () => ({ ok: false, error }) });
    const sender = new FakeWebContents();
    await ipc.invoke(DESKTOP_CHANNELS.dropEvidence, [absolute], 'app://cairn/index.html', sender);
    expect(sender.sent).toEqual([['desktop:notice', { type: 'ingest-failed', origin: 'drop', error }]]);
  });
});
