import { Worker } from 'node:worker_threads';
import { workerEntry } from '../core/worker-entry.js';
import { ApiFailure } from './api-failure.js';
import type { QueryWorkerData, QueryWorkerReply, QueryWorkerRequest } from './query-protocol.js';
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
  /** The running job's time limit. */
  timer: NodeJS.Timeout | null;
}

export interface QueryPoolOptions {
  /** Worker threads, each with its own read-only connection. */
  size?: number;
  /** Queries slower than this (ms) are logged. */
  slowQueryMs?: number;
  /** A running query is stopped (its worker terminated and replaced) after this many ms; default 30 000. */
  timeoutMs?: number;
  log?: (line: string) => void;
  /**
   * Tests only: URL of a module whose `operations` the workers run instead of the case's read
   * queries (see QueryWorkerData), so the pool is tested without a database.
   */
  handlersModule?: URL;
}

/** Default per-query time limit: long enough for a full-text count over millions of events. */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/**
 * Runs read queries on worker threads so that no query blocks the caller's event loop, and lets
 * the caller cancel one it no longer needs (the user typed on): a queued query is dropped, a
 * running one has its worker terminated and replaced. Every query is answered: a result that cannot
 * be copied back, a worker that dies and a query over its time limit all end in an error, and the
 * slot gets a fresh worker, so nothing can leave the read path stuck.
 */
export class QueryPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly slowQueryMs: number;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly handlersModule: string | undefined;
  private seq = 0;
  private closed = false;

  constructor(
    private readonly casePath: string,
    options: QueryPoolOptions = {},
  ) {
    this.slots = Array.from({ length: options.size ?? 2 }, () => ({ worker: null, job: null, timer: null }));
    this.slowQueryMs = options.slowQueryMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    this.log = options.log ?? ((line) => console.warn(line));
    this.handlersModule = options.handlersModule?.href;
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
    this.abort(slot, new ApiFailure('cancelled', 'query cancelled'));
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new ApiFailure('no-case', 'the case was closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        const job = this.finish(slot);
        job?.reject(new ApiFailure('no-case', 'the case was closed'));
        const worker = slot.worker;
        slot.worker = null;
        await worker?.terminate();
      }),
    );
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      const worker = slot.worker ?? this.spawn(slot);
      slot.timer = setTimeout(() => {
        if (slot.job !== job) return;
        this.log(`query timed out: ${job.operation} ran longer than ${this.timeoutMs} ms`);
        this.abort(slot, new ApiFailure('internal', `query timed out after ${this.timeoutMs} ms (${job.operation})`));
      }, this.timeoutMs);
      slot.timer.unref();
      const request: QueryWorkerRequest = { seq: job.seq, operation: job.operation, payload: job.payload };
      worker.postMessage(request);
    }
  }

  /** Detaches the slot's job (clearing its time limit) and returns it. */
  private finish(slot: Slot): Job | null {
    const job = slot.job;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    return job;
  }

  /** Ends the running job with `error` and terminates its worker; the next job gets a new one. */
  private abort(slot: Slot, error: Error): void {
    const job = this.finish(slot);
    const worker = slot.worker;
    slot.worker = null;
    void worker?.terminate();
    job?.reject(error);
    this.pump();
  }

  private spawn(slot: Slot): Worker {
    const { url, workerData } = workerEntry(import.meta.url, 'query-worker');
    const data: QueryWorkerData = {
      casePath: this.casePath,
      ...(this.handlersModule === undefined ? {} : { handlersModule: this.handlersModule }),
    };
    const worker = new Worker(url, { workerData: { ...workerData, ...data } });
    worker.unref();
    slot.worker = worker;
    worker.on('message', (reply: QueryWorkerReply) => {
      if (slot.worker !== worker || !slot.job || slot.job.seq !== reply.seq) return;
      const job = this.finish(slot);
      if (!job) return;
      if (reply.ms > this.slowQueryMs) this.log(`slow query: ${job.operation} took ${Math.round(reply.ms)} ms`);
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new ApiFailure(reply.error.code, reply.error.message, reply.error));
      this.pump();
    });
    const fail = (message: string): void => {
      if (slot.worker !== worker) return;
      this.abort(slot, new ApiFailure('internal', message));
    };
    // The reply arrived but could not be deserialized here: without this the query would never answer.
    worker.on('messageerror', (error: Error) => fail(`the query result could not be received: ${error.message}`));
    worker.on('error', (error: Error) => fail(`query worker failed: ${error.message}`));
    worker.on('exit', (code) => fail(`query worker exited with code ${code}`));
    return worker;
  }
}
