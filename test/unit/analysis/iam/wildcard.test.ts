import { describe, expect, it } from 'vitest';
import { LITERAL_MARK, wildcardMatch } from '../../../../main/analysis/iam/wildcard.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'ab.^$()[]{}|+\\/-:';

describe('wildcardMatch', () => {
  it('* and ? are the only wildcards', () => {
    expect(wildcardMatch('a*c', 'abbbc')).toBe(true);
    expect(wildcardMatch('a*c', 'ac')).toBe(true);
    expect(wildcardMatch('a?c', 'ac')).toBe(false);
    expect(wildcardMatch('a?c', 'a\nc')).toBe(true);
    expect(wildcardMatch('a.c', 'abc')).toBe(false);
    expect(wildcardMatch('(a|b)', 'a')).toBe(false);
    expect(wildcardMatch('(a|b)', '(a|b)')).toBe(true);
  });

  it('marked characters are literal', () => {
    expect(wildcardMatch(`a${LITERAL_MARK}*c`, 'a*c')).toBe(true);
    expect(wildcardMatch(`a${LITERAL_MARK}*c`, 'abc')).toBe(false);
  });

  it('property: any text without wildcards matches itself and nothing else of the same length', () => {
    const random = seeded(7);
    for (let i = 0; i < 500; i++) {
      const len = 1 + Math.floor(random() * 12);
      let text = '';
      for (let j = 0; j < len; j++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      expect(wildcardMatch(text, text), text).toBe(true);
      const other = text.slice(0, -1) + (text.endsWith('a') ? 'b' : 'a');
      expect(wildcardMatch(text, other), `${text} vs ${other}`).toBe(false);
      // A trailing * then matches every extension.
      expect(wildcardMatch(`${text}*`, `${text}${other}`)).toBe(true);
    }
  });

  it('case-insensitive only when asked', () => {
    expect(wildcardMatch('S3:Get*', 's3:getobject', true)).toBe(true);
    expect(wildcardMatch('S3:Get*', 's3:getobject')).toBe(false);
  });
});
