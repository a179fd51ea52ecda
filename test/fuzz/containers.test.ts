import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { gunzip } from '../../main/ingest/containers/gunzip.js';
import { gunzipWhole } from '../../main/ingest/containers/gunzip-whole.js';
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
    const gzSeeds = SEEDS.map((seed, n) =>
      n % 3 === 0 ? Buffer.concat([gzipSync(seed), gzipSync(seed.subarray(0, 100))]) : gzipSync(seed),
    );
    for (const { seed, random, data, mutations } of cases('gunzip', gzSeeds, [], RUNS)) {
      const baseline = process.memoryUsage().heapUsed;
      let problem: string | null = null;
      const run = (async () => {
        let bytes = 0;
        try {
          const warn = (location: string, message: string): void => {
            if (!LOCATOR.test(location) || message === '') problem ??= `warning not located: ${location}`;
          };
          for await (const chunk of gunzip(
            chunked(data, chunkSizer(random, data.length)),
            DEFAULT_EXPANSION_LIMITS,
            warn,
          )) {
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
      for await (const chunk of gunzip(chunked(data, size), DEFAULT_EXPANSION_LIMITS, (_l, m) => warnings.push(m)))
        text += chunk.toString();
      expect(text).toBe('a'.repeat(100_000) + 'b');
      expect(warnings).toHaveLength(1);
    }
  });
});

describe('gunzipWhole', () => {
  it(
    `gives what gunzip gives on ${RUNS} damaged gzip files (bytes and warnings), and throws where it throws`,
    { timeout: 300_000 },
    async () => {
      const gzSeeds = SEEDS.map((seed, n) =>
        n % 3 === 0 ? Buffer.concat([gzipSync(seed), gzipSync(seed.subarray(0, 100))]) : gzipSync(seed),
      );
      let agreedOnBytes = 0;
      let agreedOnFailure = 0;
      for (const { data } of cases('gunzip-whole', gzSeeds, [], RUNS)) {
        const streamed: { text?: Buffer; warnings: string[]; failed: boolean } = { warnings: [], failed: false };
        try {
          const parts: Buffer[] = [];
          for await (const chunk of gunzip(chunked(data, 4096), DEFAULT_EXPANSION_LIMITS, (l, m) =>
            streamed.warnings.push(`${l}: ${m}`),
          ))
            parts.push(chunk);
          streamed.text = Buffer.concat(parts);
        } catch {
          streamed.failed = true;
        }
        const whole: { text?: Buffer | null; warnings: string[]; failed: boolean } = { warnings: [], failed: false };
        try {
          whole.text = gunzipWhole(data, DEFAULT_EXPANSION_LIMITS, 1 << 30, (l, m) =>
            whole.warnings.push(`${l}: ${m}`),
          );
        } catch {
          whole.failed = true;
        }
        expect(whole.failed).toBe(streamed.failed);
        if (streamed.failed) agreedOnFailure += 1;
        else {
          expect(whole.text?.equals(streamed.text!)).toBe(true);
          expect(whole.warnings).toEqual(streamed.warnings);
          agreedOnBytes += 1;
        }
      }
      // Both outcomes were exercised.
      expect(agreedOnBytes).toBeGreaterThan(0);
      expect(agreedOnFailure).toBeGreaterThan(0);
    },
  );

  it('reads headers with every optional field, and leaves files past its bound to the caller', () => {
    const body = Buffer.from('hello '.repeat(1000));
    const plain = gzipSync(body);
    // FEXTRA, FNAME, FCOMMENT and FHCRC set by hand (gzipSync writes none of them).
    const header = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]),
      Buffer.from([3, 0, 1, 2, 3]),
      Buffer.from('name.json\0comment\0'),
      Buffer.from([0xaa, 0xbb]),
    ]);
    const flagged = Buffer.concat([header, plain.subarray(10)]);
    expect(gunzipWhole(flagged, DEFAULT_EXPANSION_LIMITS, 1 << 20)?.equals(body)).toBe(true);
    expect(
      gunzipWhole(Buffer.concat([plain, Buffer.alloc(512)]), DEFAULT_EXPANSION_LIMITS, 1 << 20)?.equals(body),
    ).toBe(true);
    expect(gunzipWhole(plain, DEFAULT_EXPANSION_LIMITS, 100)).toBeNull();
    expect(() => gunzipWhole(plain.subarray(0, plain.length - 4), DEFAULT_EXPANSION_LIMITS, 1 << 20)).toThrow(
      /truncated/,
    );
  });
});

describe('UTF-16 decoding', () => {
  it(`re-encodes ${RUNS} random byte strings, split anywhere, exactly as a one-shot decode`, async () => {
    for (const { random, data } of cases('utf16', SEEDS, [], RUNS)) {
      const encoding = int(random, 2) === 0 ? 'utf-16le' : 'utf-16be';
      const parts: Buffer[] = [];
      for await (const chunk of utf16ToUtf8(chunked(data, chunkSizer(random, data.length)), encoding))
        parts.push(chunk);
      expect(Buffer.concat(parts).toString('utf8')).toBe(new TextDecoder(encoding).decode(data));
    }
  });
});
