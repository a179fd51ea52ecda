import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../core/worker-entry.js';
import type { FileEnd, FileHeader, PrepareOptions, RecordBatch } from './prepare-file.js';
import type { ParseAheadReply, ParseAheadRequest } from './protocol.js';

export interface ParseAheadOptions extends PrepareOptions {
  /** Worker threads; file i goes to worker i mod workers. */
  workers: number;
  /** Files asked for ahead of the one being stored: at most this many… */
  depth: number;
  /** …and at most this many of their bytes on disk (a file left to the writer is held whole). */
  aheadBytes: number;
  /** Files larger than this are left to the writer (it streams them rather than reading them whole). */
  maxFileBytes: number;
}

/** A file the worker prepared: as its header says, with its batches when parsed. */
export type PreparedFile =
  | Exclude<FileHeader, { kind: 'parsed' }>
  | (Extract<FileHeader, { kind: 'parsed' }> & {
      /** The file's records in batches, ending with how the file ended. */
      batches: AsyncGenerator<RecordBatch, FileEnd>;
      /** The writer is done with the file (stored, a duplicate, or failed): the worker stops reading it. */
      release(): void;
    });

/** One file's replies, as they arrive. */
class FileReplies {
  readonly header: Promise<FileHeader | null>;
  private resolveHeader!: (header: FileHeader | null) => void;
  private readonly queue: (RecordBatch | FileEnd)[] = [];
  private wake: (() => void) | null = null;

  constructor() {
    this.header = new Promise((resolve) => (this.resolveHeader = resolve));
  }

  onHeader(header: FileHeader | null): void {
    this.resolveHeader(header);
  }

  onItem(item: RecordBatch | FileEnd): void {
    this.queue.push(item);
    this.wake?.();
    this.wake = null;
  }

  /** The next batch or the end, in arrival order. */
  async next(): Promise<RecordBatch | FileEnd> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.queue.shift()!;
  }
}

const WORKER_STOPPED: FileEnd = {
  ok: false,
  locator: 'file',
  message: 'the parse-ahead worker stopped before the file was read to its end',
};

/**
 * Prepares top-level files on a second thread while the writer stores earlier ones: the single
 * SQLite writer then spends its time on inserts, not on gunzip, hashing and JSON.parse. Files are
 * handed back strictly in the order given; records come in batches, and the worker waits for the
 * writer to take them, so memory stays bounded whatever the file. A worker that cannot start, or a
 * file too large, yields null: the writer reads that file itself as it always has.
 */
export class ParseAhead {
  private readonly workers: Worker[] = [];
  private readonly files = new Map<number, FileReplies>();
  private nextToRequest = 0;
  private stopped = false;

  constructor(
    private readonly paths: readonly { path: string; bytes: number }[],
    private readonly options: ParseAheadOptions,
  ) {
    try {
      const { url, workerData } = workerEntry(import.meta.url, 'parse-ahead-worker');
      for (let n = 0; n < Math.max(1, options.workers); n++) {
        const worker = new Worker(url, { workerData });
        worker.on('message', (reply: ParseAheadReply) => this.receive(reply));
        worker.on('error', () => this.stop());
        worker.on('exit', () => this.stop());
        this.workers.push(worker);
      }
    } catch {
      this.stopped = true;
    }
  }

  /** File `index` (of the list given), prepared; null when the writer must read it itself. */
  async take(index: number): Promise<PreparedFile | null> {
    let ahead = 0;
    for (let later = index + 1; later < this.nextToRequest; later++) ahead += this.paths[later]!.bytes;
    if (this.nextToRequest <= index) this.request(this.nextToRequest++);
    while (
      this.nextToRequest < this.paths.length &&
      this.nextToRequest <= index + this.options.depth &&
      ahead + this.paths[this.nextToRequest]!.bytes <= this.options.aheadBytes
    ) {
      ahead += this.paths[this.nextToRequest]!.bytes;
      this.request(this.nextToRequest++);
    }
    const replies = this.files.get(index);
    if (!replies) return null;
    const header = await replies.header;
    if (!header || header.kind !== 'parsed') {
      this.files.delete(index);
      return header;
    }
    return { ...header, batches: this.batches(index, replies), release: () => this.release(index) };
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private async *batches(index: number, replies: FileReplies): AsyncGenerator<RecordBatch, FileEnd> {
    for (;;) {
      const item = await replies.next();
      if (!('records' in item)) {
        this.files.delete(index);
        return item;
      }
      this.send({ type: 'credit', id: index });
      yield item;
    }
  }

  private release(index: number): void {
    // Still listed: its end has not been read, so the worker may still be reading it.
    if (this.files.delete(index)) this.send({ type: 'skip', id: index });
  }

  private request(index: number): void {
    const file = this.paths[index]!;
    if (this.stopped || file.bytes > this.options.maxFileBytes) return;
    this.files.set(index, new FileReplies());
    const { workers: _workers, depth: _depth, aheadBytes: _bytes, maxFileBytes: _max, ...prepare } = this.options;
    this.send({ type: 'prepare', id: index, path: file.path, options: prepare });
  }

  /** To the worker that prepares file `request.id`. */
  private send(request: ParseAheadRequest): void {
    if (!this.stopped) this.workers[request.id % this.workers.length]?.postMessage(request);
  }

  private receive(reply: ParseAheadReply): void {
    const replies = this.files.get(reply.id);
    if (!replies) return;
    if (reply.type === 'header') {
      // A Buffer crosses threads as a plain Uint8Array.
      if (reply.header.kind === 'read') reply.header.whole = asBuffer(reply.header.whole);
      replies.onHeader(reply.header);
    } else if (reply.type === 'batch') {
      reply.batch.packed.blocks = reply.batch.packed.blocks.map(asBuffer);
      replies.onItem(reply.batch);
    } else {
      replies.onItem(reply.end);
    }
  }

  /** The worker is gone: files not started go to the writer's own path; one half read fails. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const replies of this.files.values()) {
      replies.onHeader(null);
      replies.onItem(WORKER_STOPPED);
    }
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
