import { randomUUID } from 'node:crypto';
import type { IngestStatus } from '../../preload/contract/api.js';
import { runIngestInWorker, type IngestJob } from '../ingest/worker/run-ingest.js';

const MAX_PROBLEMS = 200;

/** Imports started from the UI: each runs in the ingest worker; its status is polled by id. */
export class IngestJobs {
  private readonly jobs = new Map<string, { job: IngestJob; status: IngestStatus }>();

  constructor(private readonly onFinished: () => void = () => {}) {}

  start(casePath: string, paths: string[], actor: string): string {
    const jobId = randomUUID();
    const status: IngestStatus = {
      jobId,
      state: 'running',
      filesDone: 0,
      filesTotal: 0,
      bytesDone: 0,
      bytesTotal: 0,
      records: 0,
      inserted: 0,
      duplicates: 0,
      currentPath: null,
      etaMs: null,
      problems: [],
      error: null,
    };
    const job = runIngestInWorker(casePath, paths, {
      actor,
      onProgress: (progress) => {
        Object.assign(status, {
          filesDone: progress.filesDone,
          filesTotal: progress.filesTotal,
          bytesDone: progress.bytesDone,
          bytesTotal: progress.bytesTotal,
          records: progress.records,
          inserted: progress.inserted,
          duplicates: progress.duplicates,
          currentPath: progress.currentPath,
          etaMs: progress.etaMs,
        });
      },
    });
    this.jobs.set(jobId, { job, status });
    job.done.then(
      (summary) => {
        status.state = summary.cancelled ? 'cancelled' : 'done';
        status.inserted = summary.inserted;
        status.duplicates = summary.duplicates;
        status.filesDone = status.filesTotal = summary.files.length;
        status.bytesDone = status.bytesTotal;
        status.etaMs = 0;
        status.currentPath = null;
        status.problems = summary.files
          .filter((file) => file.errors.length > 0)
          .slice(0, MAX_PROBLEMS)
          .map((file) => ({ path: file.path, message: `${file.errors[0]?.location}: ${file.errors[0]?.message}` }));
        this.onFinished();
      },
      (error: Error) => {
        status.state = 'failed';
        status.error = error.message;
        this.onFinished();
      },
    );
    return jobId;
  }

  status(jobId: string): IngestStatus | null {
    return this.jobs.get(jobId)?.status ?? null;
  }

  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.status.state !== 'running') return false;
    entry.job.cancel();
    return true;
  }

  /** Waits for every running import (used when closing a case). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.jobs.values()].map((entry) => entry.job.done));
  }
}
