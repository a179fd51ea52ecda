import { Worker } from 'node:worker_threads';
import { workerEntry } from '../core/worker-entry.js';
import { ApiFailure } from './api-failure.js';
import type { QueryWorkerReply, QueryWorkerRequest } from './query-protocol.js';
import type { ReadOperation } from './read-queries.js';

interface Job {
  seq: number;
  operation: ReadOperation;
  payload: unknown;
  requestId: string | undefined;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
}

export interface QueryPoolOptions {
  /** Worker threads, each with its own read-only connection. */
  size?: number;
  /** Queries slower than this are logged. */
  slowQueryMs?: number;
  log?: (line: string) => void;
}

/**
 * Runs read queries on worker threads so that no query blocks the caller's event loop, and lets
 * the caller cancel one it no longer needs (the user typed on): a queued query is dropped, a
 * running one has its worker terminated and replaced.
 */
export class QueryPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly slowQueryMs: number;
  private readonly log: (line: string) => void;
  private seq = 0;
  private closed = false;

  constructor(
    private readonly casePath: string,
    options: QueryPoolOptions = {},
  ) {
    this.slots = Array.from({ length: options.size ?? 2 }, () => ({ worker: null, job: null }));
    this.slowQueryMs = options.slowQueryMs ?? 250;
    this.log = options.log ?? ((line) => console.warn(line));
  }

  run(operation: ReadOperation, payload: unknown, requestId?: string): Promise<unknown> {
    if (this.closed) return Promise.reject(new ApiFailure('no-case', 'the case was closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, operation, payload, requestId, resolve, reject });
      this.pump();
    });
  }

  /** Cancels the query sent with this requestId; false when it had already finished. */
  cancel(requestId: string): boolean {
    const queued = this.queue.findIndex((job) => job.requestId === requestId);
    if (queued >= 0) {
      const [job] = this.queue.splice(queued, 1);
      job?.reject(new ApiFailure('cancelled', 'query cancelled'));
      return true;
    }
    const slot = this.slots.find((candidate) => candidate.job?.requestId === requestId);
    if (!slot?.job) return false;
    const job = slot.job;
    slot.job = null;
    void slot.worker?.terminate();
    slot.worker = null;
    job.reject(new ApiFailure('cancelled', 'query cancelled'));
    this.pump();
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new ApiFailure('no-case', 'the case was closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.job?.reject(new ApiFailure('no-case', 'the case was closed'));
        slot.job = null;
        const worker = slot.worker;
        slot.worker = null;
        await worker?.terminate();
      }),
    );
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      const worker = slot.worker ?? this.spawn(slot);
      const request: QueryWorkerRequest = { seq: job.seq, operation: job.operation, payload: job.payload };
      worker.postMessage(request);
    }
  }

  private spawn(slot: Slot): Worker {
    const { url, workerData } = workerEntry(import.meta.url, 'query-worker');
    const worker = new Worker(url, { workerData: { ...workerData, casePath: this.casePath } });
    worker.unref();
    slot.worker = worker;
    worker.on('message', (reply: QueryWorkerReply) => {
      const job = slot.job;
      if (!job || job.seq !== reply.seq) return;
      slot.job = null;
      if (reply.ms > this.slowQueryMs) this.log(`slow query: ${job.operation} took ${Math.round(reply.ms)} ms`);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new ApiFailure(reply.error.code, reply.error.message, reply.error));
      this.pump();
    });
    const fail = (error: Error): void => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const job = slot.job;
      slot.job = null;
      job?.reject(new ApiFailure('internal', `query worker failed: ${error.message}`));
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
    return worker;
  }
}
