import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../core/worker-entry.js';
import type { PreparedFile, PrepareOptions } from './prepare-file.js';
import type { ParseAheadReply, ParseAheadRequest } from './protocol.js';

export interface ParseAheadOptions extends PrepareOptions {
  /** How many files may be prepared ahead of the one being stored (each is held parsed in memory). */
  depth: number;
  /** Files this large or larger are left to the writer (they are streamed, not read whole). */
  maxFileBytes: number;
}

/**
 * Prepares top-level files on a second thread while the writer stores earlier ones: the single
 * SQLite writer then spends its time on inserts, not on gunzip, hashing and JSON.parse. Files are
 * handed back strictly in the order given. Anything odd (a worker that cannot start or dies, a file
 * too large) yields null, and the writer reads that file itself as it always has.
 */
export class ParseAhead {
  private readonly worker: Worker | null;
  private readonly waiting = new Map<number, (prepared: PreparedFile | null) => void>();
  private readonly requested = new Map<number, Promise<PreparedFile | null>>();
  private nextToRequest = 0;
  private broken = false;

  constructor(
    private readonly files: readonly { path: string; bytes: number }[],
    private readonly options: ParseAheadOptions,
  ) {
    let worker: Worker | null = null;
    try {
      const { url, workerData } = workerEntry(import.meta.url, 'parse-ahead-worker');
      worker = new Worker(url, { workerData });
      worker.on('message', (reply: ParseAheadReply) => this.settle(reply.id, reply.prepared));
      worker.on('error', () => this.fail());
      worker.on('exit', () => this.fail());
    } catch {
      this.broken = true;
    }
    this.worker = worker;
  }

  /** File `index` (of the list given), prepared; null when the writer must read it itself. */
  take(index: number): Promise<PreparedFile | null> {
    while (this.nextToRequest < this.files.length && this.nextToRequest <= index + this.options.depth) {
      this.request(this.nextToRequest++);
    }
    const prepared = this.requested.get(index) ?? Promise.resolve(null);
    this.requested.delete(index);
    return prepared;
  }

  async close(): Promise<void> {
    this.fail();
    await this.worker?.terminate();
  }

  private request(index: number): void {
    const file = this.files[index]!;
    if (this.broken || !this.worker || file.bytes > this.options.maxFileBytes) return;
    this.requested.set(index, new Promise((resolve) => this.waiting.set(index, resolve)));
    const { depth: _depth, maxFileBytes: _max, ...prepare } = this.options;
    const request: ParseAheadRequest = { id: index, path: file.path, options: prepare };
    this.worker.postMessage(request);
  }

  private settle(index: number, prepared: PreparedFile | null): void {
    // A Buffer crosses threads as a plain Uint8Array.
    if (prepared?.kind === 'read') prepared.whole = Buffer.from(prepared.whole.buffer, prepared.whole.byteOffset, prepared.whole.byteLength);
    this.waiting.get(index)?.(prepared);
    this.waiting.delete(index);
  }

  /** The worker is gone: every file not prepared yet goes to the writer's own path. */
  private fail(): void {
    this.broken = true;
    for (const index of [...this.waiting.keys()]) this.settle(index, null);
  }
}
