import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { NormalizedEvent } from '../../../main/core/event.js';
import type { EvidenceFormat, RecordSink } from '../../../main/ingest/format.js';
import { SNIFF_BYTES } from '../../../main/ingest/format.js';

/** The shared evidence samples, beside the repository (never an absolute path: CI clones elsewhere). */
export const EVIDENCE_DIR = path.resolve(import.meta.dirname, '../../../../shared/evidence');

/** Hand-written fixtures built from AWS's documented layouts. */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../fixtures/cloudtrail');

/** A file's decompressed bytes (gzip is the pipeline's job, done here by hand). */
export function readEvidence(relativePath: string): Buffer {
  const data = readFileSync(path.join(EVIDENCE_DIR, relativePath));
  return relativePath.endsWith('.gz') ? gunzipSync(data) : data;
}

export function readFixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES_DIR, name));
}

/** The sniffing window of a file. */
export function headOf(data: Buffer): Buffer {
  return data.subarray(0, SNIFF_BYTES);
}

/** Streams `data` in chunks of `size` bytes, or of sizes drawn from `size()` when it is a function. */
export async function* chunked(data: Buffer, size: number | (() => number) = 64 * 1024): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length;) {
    const n = Math.max(1, typeof size === 'number' ? size : size());
    yield data.subarray(i, i + n);
    i += n;
  }
}

export interface ParsedFile {
  readonly events: { readonly event: NormalizedEvent; readonly locator: string }[];
  readonly errors: { readonly locator: string; readonly message: string }[];
}

/** Runs a format's parser over `data` and keeps everything it reports. */
export async function parseWith(
  format: EvidenceFormat,
  data: Buffer,
  options: { chunkSize?: number | (() => number); maxRecordBytes?: number } = {},
): Promise<ParsedFile> {
  const result: ParsedFile = { events: [], errors: [] };
  const sink: RecordSink = {
    // Tests read CloudTrail's fields by name, as the normalizer produced them.
    event: (record, locator) =>
      result.events.push({ event: { ...record.fields, time: record.time, source: record.source, raw: record.raw } as NormalizedEvent, locator }),
    error: (locator, message) => result.errors.push({ locator, message }),
  };
  await format.parse(chunked(data, options.chunkSize ?? 64 * 1024), sink, {
    maxRecordBytes: options.maxRecordBytes ?? 8 * 1024 * 1024,
  });
  return result;
}

/** Deterministic PRNG (mulberry32) so property tests are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Milliseconds since the epoch of an ISO time with an explicit zone (expected values in tests). */
export function utc(iso: string): number {
  return new Date(iso).getTime();
}
