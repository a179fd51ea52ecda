import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { runIngestInWorker } from '../../main/ingest/worker/run-ingest.js';
import { RssSampler } from './stats.js';

export interface IngestResult {
  inserted: number;
  files: number;
  ms: number;
  eventsPerSecond: number;
  /** Peak resident set size of this process, worker included (bytes). */
  peakRssBytes: number;
  /** Peak anonymous and file-backed parts of it (Linux), bytes. */
  peakRssAnonBytes: number | null;
  peakRssFileBytes: number | null;
  /** Case file size after the import (bytes; WAL checkpointed). */
  caseBytes: number;
}

/** Removes a case file and its WAL companions. */
export async function removeCase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
}

/** Imports `source` into a fresh case at `casePath` with the CLI's engine (the ingest worker). */
export async function measureIngest(
  casePath: string,
  source: string,
  onProgress?: (records: number) => void,
): Promise<IngestResult> {
  await removeCase(casePath);
  global.gc?.();
  const sampler = new RssSampler(100);
  const started = performance.now();
  const job = runIngestInWorker(casePath, [source], {
    actor: 'bench',
    ...(onProgress ? { onProgress: (progress) => onProgress(progress.records) } : {}),
  });
  const summary = await job.done.finally(() => sampler.stop());
  const ms = performance.now() - started;
  const peak = sampler.stop();
  const failed = summary.files.filter((file) => file.status !== 'ingested');
  if (failed.length > 0)
    throw new Error(
      `${failed.length} files were not ingested, e.g. ${failed[0]?.path}: ${JSON.stringify(failed[0]?.errors)}`,
    );
  return {
    inserted: summary.inserted,
    files: summary.files.length,
    ms: Math.round(ms),
    eventsPerSecond: Math.round(summary.inserted / (ms / 1000)),
    peakRssBytes: peak.rss,
    peakRssAnonBytes: peak.anon,
    peakRssFileBytes: peak.file,
    caseBytes: existsSync(casePath) ? statSync(casePath).size : 0,
  };
}
