import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gzip as gzipCallback, constants as zlibConstants } from 'node:zlib';
import { workerEntry } from '../core/worker-entry.js';
import { alphanumeric } from './aws-ids.js';
import type { GzipJob, GzipJobDone } from './gzip-protocol.js';
import type { CloudTrailRecord } from './cloudtrail-factory.js';
import { Rng } from './prng.js';

const gzip = promisify(gzipCallback);

/**
 * Writes CloudTrail records as CloudTrail delivers them to S3:
 * `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<16 chars>.json.gz`,
 * each file a gzipped `{"Records":[…]}` holding one region's events of one ~5-minute window.
 * Records must arrive in time order; only the current window is held in memory, and files are
 * gzipped on other threads while the caller produces the next records.
 */
export interface S3DeliveryOptions {
  accountId: string;
  /** Region folder for records without awsRegion (CloudTrail always writes one). */
  region?: string;
  /** Seeds the random part of file names (default 1). */
  seed?: number;
  /** Delivery window, in minutes (default 5). */
  windowMinutes?: number;
  /** A window's records for one region are split into several files beyond this much JSON (default 8 MiB). */
  maxFileBytes?: number;
  /** gzip level (default 6, as zlib's default). */
  level?: number;
  /** Threads compressing files (default: one per spare core, 1 to 4); 0 compresses on this thread. */
  threads?: number;
}

export interface S3DeliverySummary {
  files: number;
  records: number;
  /** Uncompressed JSON bytes written. */
  jsonBytes: number;
  /** Compressed bytes on disk. */
  gzipBytes: number;
  /** Paths of the files, relative to `dir`, in the order written. */
  paths: string[];
}

interface RegionBuffer {
  parts: string[];
  bytes: number;
}

/** The time stamp in a CloudTrail file name: 20250312T0215Z. */
export function fileStamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/** The folder and file name CloudTrail uses for a delivery at `deliveredAt`. */
export function s3DeliveryPath(accountId: string, region: string, deliveredAt: number, suffix: string): string {
  const iso = new Date(deliveredAt).toISOString();
  return [
    'AWSLogs',
    accountId,
    'CloudTrail',
    region,
    iso.slice(0, 4),
    iso.slice(5, 7),
    iso.slice(8, 10),
    `${accountId}_CloudTrail_${region}_${fileStamp(deliveredAt)}_${suffix}.json.gz`,
  ].join('/');
}

/** Writes `records` (sorted by eventTime) under `dir` in the S3 delivery layout. */
export async function writeS3Delivery(
  dir: string,
  records: Iterable<CloudTrailRecord> | AsyncIterable<CloudTrailRecord>,
  options: S3DeliveryOptions,
): Promise<S3DeliverySummary> {
  const writer = new S3DeliveryWriter(dir, options);
  try {
    if (Symbol.iterator in records) {
      // A plain loop: `for await` over a sync generator costs a promise per record.
      for (const record of records) {
        const pending = writer.add(record);
        if (pending) await pending;
      }
    } else {
      for await (const record of records) {
        const pending = writer.add(record);
        if (pending) await pending;
      }
    }
    return await writer.finish();
  } finally {
    await writer.close();
  }
}

/** Compresses and writes files: in worker threads, or (threads: 0) with zlib on this thread. */
interface Compressor {
  /** Resolves when the file is on disk, with its compressed size. */
  write(path: string, text: string, level: number): Promise<number>;
  close(): Promise<void>;
}

class InlineCompressor implements Compressor {
  private readonly madeDirs = new Set<string>();

  async write(path: string, text: string, level: number): Promise<number> {
    const folder = dirname(path);
    if (!this.madeDirs.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.madeDirs.add(folder);
    }
    const compressed = await gzip(text, { level, chunkSize: 1 << 20 });
    await writeFile(path, compressed);
    return compressed.length;
  }

  async close(): Promise<void> {}
}

class WorkerCompressor implements Compressor {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (bytes: number) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(threads: number) {
    const { url, workerData } = workerEntry(import.meta.url, 'gzip-worker');
    for (let i = 0; i < threads; i += 1) {
      const worker = new Worker(url, { workerData });
      worker.on('message', (done: GzipJobDone) => {
        const waiter = this.waiting.get(done.id);
        this.waiting.delete(done.id);
        if (done.error !== undefined) waiter?.reject(new Error(done.error));
        else waiter?.resolve(done.gzipBytes);
      });
      worker.on('error', (error) => {
        for (const waiter of this.waiting.values()) waiter.reject(error);
        this.waiting.clear();
      });
      this.workers.push(worker);
    }
  }

  write(path: string, text: string, level: number): Promise<number> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const job: GzipJob = { id, path, text, level };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** The incremental form of writeS3Delivery, for producers that push records one at a time. */
export class S3DeliveryWriter {
  private readonly rng: Rng;
  private readonly windowMs: number;
  private readonly maxFileBytes: number;
  private readonly level: number;
  private readonly maxInFlight: number;
  private readonly compressor: Compressor;
  private readonly buffers = new Map<string, RegionBuffer>();
  private readonly inFlight = new Set<Promise<void>>();
  private window = -1;
  private failure: unknown = null;
  private readonly summary: S3DeliverySummary = { files: 0, records: 0, jsonBytes: 0, gzipBytes: 0, paths: [] };

  constructor(
    private readonly dir: string,
    private readonly options: S3DeliveryOptions,
  ) {
    this.rng = new Rng(options.seed ?? 1);
    this.windowMs = (options.windowMinutes ?? 5) * 60_000;
    this.maxFileBytes = options.maxFileBytes ?? 8 * 1024 * 1024;
    this.level = options.level ?? zlibConstants.Z_DEFAULT_COMPRESSION;
    const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.compressor = threads > 0 ? new WorkerCompressor(threads) : new InlineCompressor();
    this.maxInFlight = Math.max(2, threads * 3);
  }

  /**
   * Adds one record. Returns a promise (await it before adding more) when files were handed to
   * gzip, so the producer slows to the pace of compression and disk; undefined otherwise.
   */
  add(record: CloudTrailRecord): Promise<void> | undefined {
    const time = Date.parse(record.eventTime);
    const window = Math.floor(time / this.windowMs);
    if (window !== this.window) {
      if (window < this.window) throw new Error(`records out of order: ${record.eventTime} after a later window`);
      const flushing = this.flushAll(this.window);
      this.window = window;
      return flushing.then(() => this.add(record));
    }
    const region = record.awsRegion || this.options.region || 'us-east-1';
    let buffer = this.buffers.get(region);
    if (!buffer) {
      buffer = { parts: [], bytes: 0 };
      this.buffers.set(region, buffer);
    }
    const json = JSON.stringify(record);
    buffer.parts.push(json);
    buffer.bytes += json.length + 1;
    this.summary.records += 1;
    if (buffer.bytes >= this.maxFileBytes) {
      this.buffers.delete(region);
      return this.emit(region, buffer, window);
    }
    return undefined;
  }

  /** Writes what is buffered and waits for every file to be on disk. */
  async finish(): Promise<S3DeliverySummary> {
    await this.flushAll(this.window);
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
    return this.summary;
  }

  /** Stops the compression threads (also after a failure). */
  async close(): Promise<void> {
    await this.compressor.close();
  }

  private async flushAll(window: number): Promise<void> {
    // Regions in a stable order so file order (and the name suffixes drawn) is reproducible.
    const buffers = [...this.buffers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.buffers.clear();
    for (const [region, buffer] of buffers) await this.emit(region, buffer, window);
  }

  private async emit(region: string, buffer: RegionBuffer, window: number): Promise<void> {
    if (this.failure) throw this.failure;
    // CloudTrail delivers a window's file a few minutes after the window closes.
    const deliveredAt = (window + 1) * this.windowMs;
    const relative = s3DeliveryPath(this.options.accountId, region, deliveredAt, alphanumeric(this.rng, 16));
    this.summary.paths.push(relative);
    this.summary.files += 1;
    const text = `{"Records":[${buffer.parts.join(',')}]}`;
    this.summary.jsonBytes += Buffer.byteLength(text);
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    const job = this.compressor.write(join(this.dir, relative), text, this.level).then(
      (bytes) => {
        this.summary.gzipBytes += bytes;
        this.inFlight.delete(job);
      },
      (error: unknown) => {
        this.failure ??= error;
        this.inFlight.delete(job);
      },
    );
    this.inFlight.add(job);
  }
}
