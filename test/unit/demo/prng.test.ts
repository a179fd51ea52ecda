import { describe, expect, it } from 'vitest';
import { Rng, WeightedChoice } from '../../../main/demo/prng.js';

describe('Rng', () => {
  it('gives the same sequence for the same seed, another for another seed', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 20 }, () => rng.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws integers within bounds and floats in [0, 1)', () => {
    const rng = new Rng(7);
    const ints = new Set<number>();
    let low = 1;
    let high = 0;
    for (let i = 0; i < 10_000; i += 1) {
      ints.add(rng.int(3, 9));
      const f = rng.next();
      low = Math.min(low, f);
      high = Math.max(high, f);
    }
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThan(1);
  });

  it('makes version-4 UUIDs and hex of the asked length', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 1000; i += 1) {
      expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(rng.hex(13)).toMatch(/^[0-9a-f]{13}$/);
    expect(rng.chars(16, 'AB')).toMatch(/^[AB]{16}$/);
  });

  it('follows the weights of a weighted choice', () => {
    const rng = new Rng(3);
    const choice = new WeightedChoice([
      ['rare', 1],
      ['common', 9],
    ] as const);
    let common = 0;
    for (let i = 0; i < 10_000; i += 1) if (choice.draw(rng) === 'common') common += 1;
    expect(common).toBeGreaterThan(8700);
    expect(common).toBeLessThan(9300);
  });
});
