import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contract, type ApiMethod } from '../../../preload/contract/api.js';

/**
 * Runs preload/index.cts the way Electron runs a sandboxed preload: compiled to CommonJS and
 * wrapped in a function whose `require` knows only 'electron' (here a fake that records what the
 * preload exposes and invokes).
 */
const source = readFileSync(fileURLToPath(new URL('../../../preload/index.cts', import.meta.url)), 'utf8');
const compiled = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  fileName: 'index.cts',
}).outputText;

type Listener = (...args: unknown[]) => void;

interface Loaded {
  exposed: Map<string, unknown>;
  invoke: ReturnType<typeof vi.fn>;
  rendererListeners: Map<string, Listener>;
  windowListeners: Map<string, Listener>;
  postMessage: ReturnType<typeof vi.fn>;
  required: string[];
}

function loadPreload(): Loaded {
  const exposed = new Map<string, unknown>();
  const invoke = vi.fn(async (channel: string) => ({ ok: true, value: channel }));
  const rendererListeners = new Map<string, Listener>();
  const windowListeners = new Map<string, Listener>();
  const postMessage = vi.fn();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke,
      on: (channel: string, listener: Listener) => rendererListeners.set(channel, listener),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
    webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
  };
  const fakeRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const window = {
    addEventListener: (type: string, listener: Listener) => windowListeners.set(type, listener),
    postMessage,
  };
  const module = { exports: {} };
  const context = vm.createContext({ window });
  const wrapper = vm.runInContext(`(function (require, exports, module) {${compiled}\n})`, context) as (
    ...args: unknown[]
  ) => void;
  wrapper(fakeRequire, module.exports, module);
  return { exposed, invoke, rendererListeners, windowListeners, postMessage, required };
}

function dragEvent(types: string[], files: { path?: string }[]) {
  const event = {
    dataTransfer: { types, files: { length: files.length, item: (index: number) => files[index] ?? null }, dropEffect: 'none' },
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let preload: Loaded;
beforeEach(() => {
  preload = loadPreload();
});

describe('preload', () => {
  it('requires only electron', () => {
    expect(preload.required).toEqual(['electron']);
  });

  it('exposes only window.cairn, with exactly the contract methods', () => {
    expect([...preload.exposed.keys()]).toEqual(['cairn']);
    const api = preload.exposed.get('cairn') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).sort());
    for (const method of Object.keys(api)) expect(typeof api[method], method).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it.each(Object.keys(contract) as ApiMethod[])('%s invokes its contract channel with the request', async (method) => {
    const api = preload.exposed.get('cairn') as Record<string, (request: unknown) => Promise<unknown>>;
    const request = { marker: method };
    await expect(api[method]?.(request)).resolves.toEqual({ ok: true, value: contract[method].channel });
    expect(preload.invoke).toHaveBeenCalledTimes(1);
    expect(preload.invoke).toHaveBeenCalledWith(contract[method].channel, request);
  });

  it('accepts file drags and sends the dropped paths to main', () => {
    const over = dragEvent(['Files'], []);
    preload.windowListeners.get('dragover')?.(over);
    expect(over.defaultPrevented).toBe(true);
    expect(over.dataTransfer.dropEffect).toBe('copy');

    const drop = dragEvent(['Files'], [{ path: '/evidence/a.json.gz' }, { path: '' }, { path: '/evidence/logs' }]);
    preload.windowListeners.get('drop')?.(drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(preload.invoke).toHaveBeenCalledWith('evidence:drop', ['/evidence/a.json.gz', '/evidence/logs']);
  });

  it('ignores drags that carry no files', () => {
    const over = dragEvent(['text/plain'], []);
    preload.windowListeners.get('dragover')?.(over);
    expect(over.defaultPrevented).toBe(false);
    const drop = dragEvent(['text/plain'], []);
    preload.windowListeners.get('drop')?.(drop);
    expect(drop.defaultPrevented).toBe(false);
    preload.windowListeners.get('drop')?.(dragEvent(['Files'], [{ path: '' }]));
    expect(preload.invoke).not.toHaveBeenCalled();
  });

  it('relays notices from main to the page on its own origin', () => {
    const relay = preload.rendererListeners.get('desktop:notice');
    expect([...preload.rendererListeners.keys()]).toEqual(['desktop:notice']);
    const notice = { type: 'ingest-started', origin: 'menu', jobId: 'job-7' };
    relay?.({}, notice);
    expect(preload.postMessage).toHaveBeenCalledWith({ source: 'cairn-desktop', notice }, '/');
    relay?.({}, { type: 'run-this', code: 'alert(1)' });
    relay?.({}, null);
    relay?.({}, { type: 'ingest-started', origin: 'menu' });
    expect(preload.postMessage).toHaveBeenCalledTimes(1);
  });
});
