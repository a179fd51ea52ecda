import { describe, expect, it } from 'vitest';
import { splitLines, type TextLine } from '../../../../main/ingest/json/line-splitter.js';
import { chunked, seededRandom } from '../test-helpers.js';

async function lines(
  data: string | Buffer,
  chunkSize: number | (() => number) = 64 * 1024,
  maxLineBytes = 1 << 20,
): Promise<TextLine[]> {
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out: TextLine[] = [];
  for await (const line of splitLines(chunked(buffer, chunkSize), { maxLineBytes })) out.push(line);
  return out;
}

describe('LineSplitter', () => {
  it('handles \\n and \\r\\n endings, empty lines and a last line without newline', async () => {
    expect(await lines('a\r\nb\n\nc')).toEqual([
      { lineNumber: 1, text: 'a' },
      { lineNumber: 2, text: 'b' },
      { lineNumber: 3, text: '' },
      { lineNumber: 4, text: 'c' },
    ]);
    expect(await lines('a\n')).toEqual([{ lineNumber: 1, text: 'a' }]);
    expect(await lines('')).toEqual([]);
  });

  it('keeps "\\r\\n" split across chunks as one line ending', async () => {
    expect(await lines('ab\r\ncd\r\n', 3)).toEqual([
      { lineNumber: 1, text: 'ab' },
      { lineNumber: 2, text: 'cd' },
    ]);
  });

  it('decodes UTF-8 characters split across 1-byte chunks and drops a BOM', async () => {
    const data = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo 😀\n日本\n')]);
    expect(await lines(data, 1)).toEqual([
      { lineNumber: 1, text: 'héllo 😀' },
      { lineNumber: 2, text: '日本' },
    ]);
  });

  it('reports an over-long line as an error for that line, then reads the next lines', async () => {
    const long = 'x'.repeat(300);
    const out = await lines(`short\n${long}\nnext\n${long}`, 16, 100);
    expect(out).toEqual([
      { lineNumber: 1, text: 'short' },
      { lineNumber: 2, oversizeBytes: 300 },
      { lineNumber: 3, text: 'next' },
      { lineNumber: 4, oversizeBytes: 300 },
    ]);
  });

  it('accepts a line of exactly the limit, "\\r" not counted', async () => {
    expect(await lines(`${'y'.repeat(10)}\r\n`, 4, 10)).toEqual([{ lineNumber: 1, text: 'y'.repeat(10) }]);
    expect(await lines(`${'y'.repeat(11)}\n`, 4, 10)).toEqual([{ lineNumber: 1, oversizeBytes: 11 }]);
  });

  it('matches String.split on random text with random chunk sizes', async () => {
    const alphabet = ['a', 'é', '😀', '\n', '\r\n', ' ', '{', '"'];
    for (let seed = 1; seed <= 30; seed++) {
      const random = seededRandom(seed);
      const text = Array.from(
        { length: Math.floor(random() * 200) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const expected = text.split('\n').map((line) => line.replace(/\r$/, ''));
      if (expected[expected.length - 1] === '') expected.pop();
      const out = await lines(text, () => 1 + Math.floor(random() * 9));
      expect(out.map((line) => ('text' in line ? line.text : null))).toEqual(expected);
    }
  });
});
