import { readFileSync } from 'node:fs';

/** Timing helpers for the benchmark. Times are milliseconds from performance.now(). */

export interface Timing {
  /** The first run (coldest caches). */
  first: number;
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `work` `runs` times; returns the timings and the last result. */
export function timeRuns<T>(runs: number, work: () => T): { timing: Timing; result: T } {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    result = work();
    times.push(performance.now() - started);
  }
  return { timing: summarize(times), result };
}

export async function timeRunsAsync<T>(runs: number, work: () => Promise<T>): Promise<{ timing: Timing; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  return { timing: summarize(times), result };
}

export function summarize(times: readonly number[]): Timing {
  return {
    first: round(times[0] ?? 0),
    median: round(median(times)),
    min: round(Math.min(...times)),
    max: round(Math.max(...times)),
    runs: times.length,
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Peak memory of the process (all threads), bytes. `anon`/`file` split RSS on Linux, else null. */
export interface MemoryPeak {
  rss: number;
  /** Heap, stacks, SQLite's page cache: memory the process really holds. */
  anon: number | null;
  /** File pages mapped in (SQLite's mmap of the case file): the kernel can drop them at will. */
  file: number | null;
}

/** Reads RssAnon and RssFile from /proc/<pid>/status (Linux), in bytes. */
function rssSplit(pid: number | 'self'): { anon: number; file: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const anon = /^RssAnon:\s+(\d+) kB/m.exec(status);
    const file = /^RssFile:\s+(\d+) kB/m.exec(status);
    return anon && file ? { anon: Number(anon[1]) * 1024, file: Number(file[1]) * 1024 } : null;
  } catch {
    return null;
  }
}

/**
 * Samples a process's resident set size (all threads) every `intervalMs`: this one, or a child by
 * pid (Linux: its /proc entry, gone once it exits).
 */
export class RssSampler {
  private readonly peak: MemoryPeak = { rss: 0, anon: null, file: null };
  private readonly timer: NodeJS.Timeout;

  constructor(
    intervalMs = 100,
    private readonly pid: number | 'self' = 'self',
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    if (this.pid === 'self') this.peak.rss = Math.max(this.peak.rss, process.memoryUsage.rss());
    const split = rssSplit(this.pid);
    if (split && this.pid !== 'self') this.peak.rss = Math.max(this.peak.rss, split.anon + split.file);
    if (split) {
      this.peak.anon = Math.max(this.peak.anon ?? 0, split.anon);
      this.peak.file = Math.max(this.peak.file ?? 0, split.file);
    }
  }

  /** Stops sampling; the peaks. */
  stop(): MemoryPeak {
    clearInterval(this.timer);
    this.sample();
    return { ...this.peak };
  }
}

export const MB = 1024 * 1024;
