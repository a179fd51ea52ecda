import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { findEvidenceFiles } from '../../main/ingest/walk.js';

export interface LimitResult {
  files: number;
  events: number;
  /** Uncompressed JSON bytes. */
  jsonBytes: number;
  ms: number;
  eventsPerSecond: number;
  /** Uncompressed MB/s (MiB). */
  mbPerSecond: number;
}

/**
 * The floor under any importer on one thread: read, gunzip and JSON.parse every file, keeping
 * nothing. An ingest cannot be faster than this; the ratio to it says what storing costs.
 */
export async function measureParseLimit(path: string): Promise<LimitResult> {
  const files = await findEvidenceFiles([path]);
  const started = performance.now();
  let events = 0;
  let jsonBytes = 0;
  for (const file of files) {
    const text = gunzipSync(await readFile(file.path)).toString('utf8');
    jsonBytes += text.length;
    const parsed = JSON.parse(text) as { Records?: unknown[] };
    events += parsed.Records?.length ?? 0;
  }
  const ms = performance.now() - started;
  return {
    files: files.length,
    events,
    jsonBytes,
    ms: Math.round(ms),
    eventsPerSecond: Math.round(events / (ms / 1000)),
    mbPerSecond: Math.round(jsonBytes / (1024 * 1024) / (ms / 1000)),
  };
}
