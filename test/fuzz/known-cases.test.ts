import { describe, expect, it } from 'vitest';
import { FORMATS, detectFormat, detectBeyondHead } from '../../main/ingest/formats.js';
import { SNIFF_BYTES } from '../../main/ingest/format.js';
import { utf16Bom, utf16ToUtf8 } from '../../main/ingest/text-encoding.js';
import { chunked, parseWith, seededRandom } from '../unit/ingest/test-helpers.js';
import { loadSeeds, runsOr } from './harness.js';
import { int, pick } from './mutate.js';

// The hostile tester's list as generated cases over every CloudTrail sample: each damage must cost
// the damaged record only — the file is still recognised as its format and its other records read.

const SEEDS = loadSeeds();
const RUNS = runsOr(6);
const LINE_FORMATS = ['cloudtrail-ndjson'];
const ELEMENT_FORMATS = ['cloudtrail-s3', 'cloudtrail-json-array'];

const formatById = (id: string) => FORMATS.find(({ format }) => format.id === id)?.format;

async function recognise(data: Buffer): Promise<string | null> {
  let text = data;
  const encoding = utf16Bom(data);
  if (encoding) {
    const parts: Buffer[] = [];
    for await (const chunk of utf16ToUtf8(chunked(data, 4099), encoding)) parts.push(chunk);
    text = Buffer.concat(parts);
  }
  const head = text.subarray(0, SNIFF_BYTES);
  const found = detectFormat(head) ?? (await detectBeyondHead(head, async () => chunked(text, 8191)));
  return found?.id ?? null;
}

describe.each([...LINE_FORMATS, ...ELEMENT_FORMATS])('%s samples', (id) => {
  const seeds = (SEEDS.get(id) ?? []).filter((seed) => seed.length < SNIFF_BYTES / 2);
  const format = formatById(id);

  it('exist', () => {
    expect(seeds.length).toBeGreaterThan(0);
    expect(format).toBeDefined();
  });

  it.each(['utf-16le', 'utf-16be'] as const)(`are recognised as ${id} when re-encoded as %s`, async (encoding) => {
    for (const seed of seeds) {
      const le = Buffer.from(`\ufeff${seed.toString('utf8')}`, 'utf16le');
      expect(await recognise(encoding === 'utf-16le' ? le : Buffer.from(le).swap16())).toBe(id);
    }
  });

  it(`stay ${id} with a stray NUL in ${RUNS} places of their first record`, async () => {
    for (const seed of seeds) {
      const text = seed.toString('utf8');
      const first = text.indexOf('"eventName"');
      if (first < 0) continue;
      for (let i = 0; i < RUNS; i++) {
        const random = seededRandom(0x1ee7 + i);
        // Inside the first record's eventName value, so only that record can fail.
        const at = first + '"eventName"'.length + 3 + int(random, 3);
        const damaged = Buffer.from(text.slice(0, at) + '\u0000' + text.slice(at));
        expect(await recognise(damaged)).toBe(id);
        const clean = await parseWith(format!, seed);
        const parsed = await parseWith(format!, damaged);
        expect(parsed.events.length).toBeGreaterThanOrEqual(clean.events.length - 1);
        expect(parsed.errors.length).toBeLessThanOrEqual(clean.errors.length + 1);
      }
    }
  });
});

describe('NDJSON with a bad first line', () => {
  it(`is recognised from its good lines (${RUNS} kinds of bad line per sample)`, async () => {
    const format = formatById('cloudtrail-ndjson')!;
    for (const seed of SEEDS.get('cloudtrail-ndjson') ?? []) {
      const clean = await parseWith(format, seed);
      for (let i = 0; i < RUNS; i++) {
        const random = seededRandom(0xbad + i);
        const firstLine = seed.toString('utf8').split('\n')[0] ?? '';
        const bad = pick(random, [
          firstLine.slice(0, int(random, firstLine.length)),
          'garbage before the first record',
          '\u0000\u0000',
          '{"eventVersion": "1.08", broken',
          '<html><body>502 Bad Gateway</body></html>',
        ]);
        const damaged = Buffer.from(`${bad}\n${seed.toString('utf8')}`);
        expect(await recognise(damaged)).toBe('cloudtrail-ndjson');
        const parsed = await parseWith(format, damaged);
        expect(parsed.events.length).toBe(clean.events.length);
        expect(parsed.errors.map((error) => error.locator)).toContain('line 1');
      }
    }
  });
});

describe('{"Records":[…]} with other members first', () => {
  it.each([SNIFF_BYTES - 100, SNIFF_BYTES, SNIFF_BYTES * 3, SNIFF_BYTES * 40])('is recognised with %i bytes before Records', async (padding) => {
    for (const seed of SEEDS.get('cloudtrail-s3') ?? []) {
      const records = (JSON.parse(seed.toString('utf8')) as { Records: unknown[] }).Records;
      const text = `{"exportInfo":{"tool":"x","blob":"${'z'.repeat(padding)}"},"Records":${JSON.stringify(records)}}`;
      expect(await recognise(Buffer.from(text))).toBe('cloudtrail-s3');
      const parsed = await parseWith(formatById('cloudtrail-s3')!, Buffer.from(text));
      expect(parsed.events.length).toBe(records.length);
    }
  });
});
