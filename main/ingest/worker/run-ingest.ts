import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../core/worker-entry.js';
import type { IngestProgress } from '../progress.js';
import type { IngestSummary } from '../pipeline.js';
import type { IngestWorkerEvent, IngestWorkerRequest } from './protocol.js';

export interface IngestJob {
  /** Settles with the summary (also when cancelled: `summary.cancelled`), rejects on a fatal error. */
  readonly done: Promise<IngestSummary>;
  /** Asks the worker to stop after rolling back the file it is reading. */
  cancel(): void;
}

export interface RunIngestOptions {
  actor?: string;
  onProgress?: (progress: IngestProgress) => void;
  maxRecordBytes?: number;
}

/** Runs an import in a worker thread, with progress and cancel. */
export function runIngestInWorker(casePath: string, paths: string[], options: RunIngestOptions = {}): IngestJob {
  const { url, workerData } = workerEntry(import.meta.url, 'ingest-worker');
  const worker = new Worker(url, { workerData });
  const send = (request: IngestWorkerRequest): void => worker.postMessage(request);
  const done = new Promise<IngestSummary>((resolve, reject) => {
    let settled = false;
    worker.on('message', (event: IngestWorkerEvent) => {
      if (event.type === 'progress') options.onProgress?.(event.progress);
      else if (event.type === 'done') {
        settled = true;
        resolve(event.summary);
        void worker.terminate();
      } else {
        settled = true;
        reject(new Error(event.message));
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`ingest worker stopped unexpectedly (exit code ${code})`));
    });
  });
  send({
    type: 'start',
    casePath,
    paths,
    actor: options.actor ?? 'cli',
    ...(options.maxRecordBytes ? { maxRecordBytes: options.maxRecordBytes } : {}),
  });
  return { done, cancel: () => send({ type: 'cancel' }) };
}
