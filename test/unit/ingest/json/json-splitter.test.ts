import { describe, expect, it } from 'vitest';
import { FileParseError } from '../../../../main/ingest/format.js';
import { probeJsonHead } from '../../../../main/ingest/json/head-probe.js';
import {
  JsonSplitter,
  splitJsonElements,
  type JsonElement,
  type JsonSplitMode,
} from '../../../../main/ingest/json/json-splitter.js';
import { chunked, seededRandom } from '../test-helpers.js';

const ROOT: JsonSplitMode = { kind: 'root' };
const RECORDS: JsonSplitMode = { kind: 'member', key: 'Records' };

async function split(
  text: string | Buffer,
  mode: JsonSplitMode,
  chunkSize: number | (() => number) = 64 * 1024,
  maxElementBytes = 1 << 20,
): Promise<JsonElement[]> {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const out: JsonElement[] = [];
  for await (const element of splitJsonElements(chunked(data, chunkSize), { mode, maxElementBytes })) out.push(element);
  return out;
}

function texts(elements: readonly JsonElement[]): string[] {
  return elements.map((element) => ('text' in element ? element.text : `<oversize ${element.oversizeBytes}>`));
}

async function splitError(text: string, mode: JsonSplitMode, chunkSize = 3): Promise<FileParseError> {
  try {
    await split(text, mode, chunkSize);
  } catch (error) {
    if (error instanceof FileParseError) return error;
    throw error;
  }
  throw new Error('expected a FileParseError');
}

// Strings that stress the scanner: brackets and quotes inside strings, escapes, backslash runs,
// multi-byte UTF-8 (2, 3 and 4 bytes) that chunking will cut in the middle.
const NASTY_STRINGS = [
  '',
  'plain',
  '[{"not":"structure"}]',
  'quote " inside',
  'backslash \\',
  'two backslashes \\\\',
  'ends with backslash-quote \\"',
  '}]},{[',
  'é – ü',
  '日本語のテキスト',
  'emoji 😀🚀',
  '\u0000 control \u001f and \u2028 separators',
  'tab\tnew\nline\r',
];

function randomValue(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth > 3 || pick < 0.35) {
    const leaf = random();
    if (leaf < 0.5) return NASTY_STRINGS[Math.floor(random() * NASTY_STRINGS.length)] ?? '';
    if (leaf < 0.7) return Math.round((random() - 0.5) * 1e9) / 1000;
    if (leaf < 0.8) return random() < 0.5;
    if (leaf < 0.9) return null;
    return -123e-7;
  }
  if (pick < 0.65) {
    const object: Record<string, unknown> = {};
    const size = Math.floor(random() * 5);
    for (let i = 0; i < size; i++) {
      const key = `${NASTY_STRINGS[Math.floor(random() * NASTY_STRINGS.length)] ?? ''}${i}`;
      object[key] = randomValue(random, depth + 1);
    }
    return object;
  }
  return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
}

describe('JsonSplitter: property test against JSON.parse', () => {
  // Each case: random elements, serialized compact or pretty, as a bare array or under "Records"
  // among other members, cut into random chunks (down to 1 byte). Every element must come out as
  // the exact text JSON.stringify wrote for it.
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}`, async () => {
      const random = seededRandom(seed);
      const elements = Array.from({ length: Math.floor(random() * 12) }, () => randomValue(random, 0));
      const indent = random() < 0.5 ? undefined : 2;
      const member = random() < 0.5;
      const document = member
        ? { before: randomValue(random, 1), Records: elements, after: randomValue(random, 1) }
        : elements;
      const text = JSON.stringify(document, null, indent);
      const maxChunk = 1 + Math.floor(random() * 40);
      const out = await split(text, member ? RECORDS : ROOT, () => 1 + Math.floor(random() * maxChunk));

      expect(out.map((element) => element.ordinal)).toEqual(elements.map((_, index) => index + 1));
      const outTexts = texts(out);
      expect(outTexts.map((t) => JSON.parse(t) as unknown)).toEqual(elements);
      if (indent === undefined) expect(outTexts).toEqual(elements.map((element) => JSON.stringify(element)));
      for (const t of outTexts) expect(text.includes(t)).toBe(true);
    });
  }

  it('gives identical results for every chunk size from 1 to 17 bytes', async () => {
    const text = JSON.stringify({
      Records: [{ a: 'x\\"y[', b: ['é😀', { c: '}' }] }, 'str"ing', 12, null, { d: '\\\\' }],
    });
    const expected = texts(await split(text, RECORDS));
    expect(expected).toHaveLength(5);
    for (let size = 1; size <= 17; size++) expect(texts(await split(text, RECORDS, size))).toEqual(expected);
  });
});

describe('JsonSplitter: shapes', () => {
  it('finds "Records" when it is not the first member and skips the others, however nested', async () => {
    const text = '{"x":{"Records":[1]},"y":"]}","Records":[{"eventName":"A"},{"eventName":"B"}],"z":[[{}]]}';
    expect(texts(await split(text, RECORDS, 2))).toEqual(['{"eventName":"A"}', '{"eventName":"B"}']);
  });

  it('reads concatenated top-level values (one object per line) and numbers records across them', async () => {
    const text = '{"Records":[{"a":1}]}\n{"Records":[{"a":2},{"a":3}]}\n';
    const out = await split(text, RECORDS, 5);
    expect(out.map((e) => e.ordinal)).toEqual([1, 2, 3]);
    expect(texts(out)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
  });

  it('in root mode, hands out array elements and whole top-level objects', async () => {
    expect(texts(await split('[ {"a":1} , [2] , "s" , 3.5e2 , true ]', ROOT, 1))).toEqual([
      '{"a":1}',
      '[2]',
      '"s"',
      '3.5e2',
      'true',
    ]);
    expect(texts(await split('{\n  "a": 1\n}\n{\n  "b": [2]\n}\n', ROOT, 4))).toEqual([
      '{\n  "a": 1\n}',
      '{\n  "b": [2]\n}',
    ]);
  });

  it('yields nothing for empty input, whitespace, [] and {"Records":[]}', async () => {
    expect(await split('', ROOT)).toEqual([]);
    expect(await split(' \n\t ', ROOT)).toEqual([]);
    expect(await split('[]', ROOT)).toEqual([]);
    expect(await split('{"Records":[]}', RECORDS)).toEqual([]);
    expect(await split('{"Other":[1,2]}', RECORDS)).toEqual([]);
  });

  it('drops a UTF-8 BOM, even one split over 1-byte chunks', async () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a":"é"}]')]);
    expect(texts(await split(data, ROOT, 1))).toEqual(['{"a":"é"}']);
  });

  it('reports an element over the size limit without keeping it, then goes on', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(500) });
    const out = await split(`[{"a":1},${big},{"b":2}]`, ROOT, 7, 100);
    expect(out).toEqual([
      { ordinal: 1, text: '{"a":1}' },
      { ordinal: 2, oversizeBytes: Buffer.byteLength(big) },
      { ordinal: 3, text: '{"b":2}' },
    ]);
  });
});

describe('JsonSplitter: broken structure', () => {
  it('throws on a truncated file instead of yielding a partial last element', async () => {
    const text = JSON.stringify({ Records: [{ a: 1 }, { b: 2 }, { c: 3 }] });
    const elements: string[] = [];
    const splitter = new JsonSplitter(
      { element: (t) => elements.push(t), oversize: () => undefined },
      { mode: RECORDS, maxElementBytes: 1000 },
    );
    splitter.push(Buffer.from(text.slice(0, text.indexOf('{"c"') + 4)));
    expect(() => splitter.end()).toThrowError(FileParseError);
    expect(elements).toEqual(['{"a":1}', '{"b":2}']);

    const error = await splitError(text.slice(0, -3), RECORDS);
    expect(error.locator).toBe('record 3');
    expect(error.message).toMatch(/truncated/);
  });

  it('throws when the file ends after a complete element but before the array closes', async () => {
    const error = await splitError('[{"a":1},{"b":2}', ROOT);
    expect(error.locator).toBe('record 3');
    expect(error.message).toMatch(/truncated/);
  });

  it('throws on a string cut in the middle', async () => {
    expect((await splitError('[{"a":"unterminated', ROOT)).locator).toBe('record 1');
  });

  it('names the record where garbage appears between elements', async () => {
    const elements = Array.from({ length: 6 }, (_, i) => `{"n":${i + 1}}`).join(',');
    const error = await splitError(`{"Records":[${elements} x {"n":7}]}`, RECORDS);
    expect(error.locator).toBe('record 7');
    expect(error.message).toMatch(/expected ',' or '\]' after record 6/);
  });

  it('rejects missing values, trailing commas, a non-JSON start, and garbage after the top level', async () => {
    expect((await splitError('[{"a":1},,{"b":2}]', ROOT)).locator).toBe('record 2');
    expect((await splitError('[{"a":1},]', ROOT)).locator).toBe('record 2');
    expect((await splitError('hello', ROOT)).message).toMatch(/expected '\[' or '\{'/);
    expect((await splitError('[1] junk', ROOT)).message).toMatch(/expected/);
    expect((await splitError('[1]', RECORDS)).message).toMatch(/expected '\{'/);
    expect((await splitError('{"Records" [1]}', RECORDS)).message).toMatch(/expected ':'/);
    // unbalanced brackets around the elements
    expect((await splitError('[{"a":1}]]', ROOT)).locator).toBe('record 2');
    expect((await splitError('[{"a":1}}', ROOT)).message).toMatch(/expected ',' or '\]' after record 1/);
    expect((await splitError('{"Records":[{"a":1}]]}', RECORDS)).message).toMatch(/expected ',' or '\}'/);
  });
});

describe('probeJsonHead', () => {
  it('does not treat the cut-off end of a head as an error', () => {
    const head = Buffer.from('{"Records":[{"eventName":"A"},{"eventName":"B", "cut');
    const probe = probeJsonHead(head, RECORDS);
    expect(probe).toMatchObject({ broken: false, elementCount: 1, memberArrays: 1, endedAtTopLevel: false });
    expect(probe.elements).toEqual([{ eventName: 'A' }]);
  });

  it('counts top-level values and notices broken structure', () => {
    expect(probeJsonHead(Buffer.from('{"Records":[]}\n{"Records":[]}\n'), RECORDS).topLevelValues).toBe(2);
    expect(probeJsonHead(Buffer.from('not json'), RECORDS).broken).toBe(true);
  });
});
