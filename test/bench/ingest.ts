import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { RssSampler } from './stats.js';

export interface IngestResult {
  inserted: number;
  files: number;
  ms: number;
  eventsPerSecond: number;
  /** Peak resident set size of the `cairn ingest` process, its worker threads included (bytes). */
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

/**
 * Imports `source` into a fresh case at `casePath` with the CLI itself (`cairn ingest --json`, which
 * runs the ingest worker and its parse-ahead worker), in a child process whose memory is sampled:
 * the peak is the importer's own, not this benchmark's (which has just parsed the whole fixture for
 * the limit).
 */
export async function measureIngest(root: string, casePath: string, source: string): Promise<IngestResult> {
  await removeCase(casePath);
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'cairn.js'), 'ingest', casePath, source, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new RssSampler(100, child.pid ?? 'self');
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ms = performance.now() - started;
  const peak = sampler.stop();
  let summary: { inserted: number; files: { path: string; status: string; errors: unknown[] }[] };
  try {
    summary = JSON.parse(stdout);
  } catch {
    throw new Error(`cairn ingest exited with ${code} without a JSON summary: ${stderr}`);
  }
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
