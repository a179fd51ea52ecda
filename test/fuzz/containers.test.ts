import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { gunzip } from '../../main/ingest/containers/gunzip.js';
import { DEFAULT_EXPANSION_LIMITS } from '../../main/ingest/containers/limits.js';
import { utf16ToUtf8 } from '../../main/ingest/text-encoding.js';
import { chunked } from '../unit/ingest/test-helpers.js';
import { LOCATOR, MAX_HEAP_GROWTH, cases, loadSeeds, runsOr, type Violation } from './harness.js';
import { chunkSizer, int } from './mutate.js';

// What sits in front of every parser: gzip (members, trailers, junk) and UTF-16 decoding. Damaged
// input must end — with bytes, a located warning or an Error — within a deadline, in bounded memory.

const SEEDS = [...loadSeeds().values()].flat();
const RUNS = runsOr(60);
/** A generous bound on one case: the point is "ends", not "fast". */
const DEADLINE_MS = 20_000;

async function withDeadline<T>(work: Promise<T>): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), DEADLINE_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe('gunzip', () => {
  it(`ends on ${RUNS} damaged gzip files, warnings located`, { timeout: 300_000 }, async () => {
    const violations: Violation[] = [];
    const gzSeeds = SEEDS.map((seed, n) => (n % 3 === 0 ? Buffer.concat([gzipSync(seed), gzipSync(seed.subarray(0, 100))]) : gzipSync(seed)));
    for (const { seed, random, data, mutations } of cases('gunzip', gzSeeds, [], RUNS)) {
      const baseline = process.memoryUsage().heapUsed;
      let problem: string | null = null;
      const run = (async () => {
        let bytes = 0;
        try {
          const warn = (location: string, message: string): void => {
            if (!LOCATOR.test(location) || message === '') problem ??= `warning not located: ${location}`;
          };
          for await (const chunk of gunzip(chunked(data, chunkSizer(random, data.length)), DEFAULT_EXPANSION_LIMITS, warn)) {
            bytes += chunk.length;
          }
        } catch (error) {
          if (!(error instanceof Error) || error.message === '') problem ??= 'threw without a message';
          else if (error instanceof TypeError || error instanceof RangeError) problem ??= `crash: ${error.message}`;
        }
        return bytes;
      })();
      if ((await withDeadline(run)) === 'hang') problem ??= 'did not end';
      if (process.memoryUsage().heapUsed - baseline > MAX_HEAP_GROWTH) problem ??= 'heap grew by more than 64 MiB';
      if (problem !== null) violations.push({ target: 'gunzip', seed, mutations, problem });
    }
    expect(violations).toEqual([]);
  });

  it('reads every member whatever the chunking, and reports junk once', async () => {
    const members = [gzipSync('a'.repeat(100_000)), gzipSync(''), gzipSync('b')];
    const data = Buffer.concat([...members, Buffer.from('junk')]);
    for (const size of [1, 7, 4096, data.length]) {
      const warnings: string[] = [];
      let text = '';
      for await (const chunk of gunzip(chunked(data, size), DEFAULT_EXPANSION_LIMITS, (_l, m) => warnings.push(m))) text += chunk.toString();
      expect(text).toBe('a'.repeat(100_000) + 'b');
      expect(warnings).toHaveLength(1);
    }
  });
});

describe('UTF-16 decoding', () => {
  it(`re-encodes ${RUNS} random byte strings, split anywhere, exactly as a one-shot decode`, async () => {
    for (const { random, data } of cases('utf16', SEEDS, [], RUNS)) {
      const encoding = int(random, 2) === 0 ? 'utf-16le' : 'utf-16be';
      const parts: Buffer[] = [];
      for await (const chunk of utf16ToUtf8(chunked(data, chunkSizer(random, data.length)), encoding)) parts.push(chunk);
      expect(Buffer.concat(parts).toString('utf8')).toBe(new TextDecoder(encoding).decode(data));
    }
  });
});
