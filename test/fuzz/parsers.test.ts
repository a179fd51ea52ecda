import { describe, expect, it } from 'vitest';
import { FORMATS, SNAPSHOT_FORMATS, detectFormat } from '../../main/ingest/formats.js';
import { FileParseError, SNIFF_BYTES, type EvidenceFormat } from '../../main/ingest/format.js';
import { cases, checkParse, loadSeeds, runsOr, type Violation } from './harness.js';

// Property tests over every registered format's parser: mutated real samples (its own, spliced with
// every other format's) must never crash, hang or balloon, and whatever comes out is located and
// well formed. A violation names the case seed: CAIRN_FUZZ_SEED=<base> reproduces the run.

const SEEDS = loadSeeds();
const ALL_SEEDS = [...SEEDS.values()].flat();
const RUNS = runsOr(24);

/** What the ballooning fake parser keeps alive (see 'a heap that balloons'). */
const hoarded: unknown[] = [];

describe('every event format has samples to mutate', () => {
  it.each(FORMATS.map(({ format }) => format.id))('%s', (id) => {
    expect(SEEDS.get(id)?.length ?? 0).toBeGreaterThan(0);
  });
});

describe.each(FORMATS.map(({ format }) => [format.id, format] as const))('parse: %s', (id, format) => {
  it(`survives ${RUNS} mutated inputs`, { timeout: 120_000 }, async () => {
    const violations: Violation[] = [];
    for (const { seed, random, data, mutations } of cases(id, SEEDS.get(id) ?? [], ALL_SEEDS, RUNS)) {
      const { problem } = await checkParse(format, data, random);
      if (problem !== null) violations.push({ target: id, seed, mutations, problem });
    }
    expect(violations).toEqual([]);
  });

  it('reads other formats\' samples without crashing', { timeout: 120_000 }, async () => {
    const violations: Violation[] = [];
    let n = 0;
    for (const [other, seeds] of SEEDS) {
      if (other === id) continue;
      const { problem } = await checkParse(format, seeds[0] as Buffer, () => 0.5);
      if (problem !== null) violations.push({ target: `${id} on ${other}`, seed: n, mutations: [], problem });
      n += 1;
    }
    expect(violations).toEqual([]);
  });
});

describe('sniffing', () => {
  it(`every sniffer and detectFormat answer for ${RUNS * 4} mutated heads without throwing`, () => {
    const violations: Violation[] = [];
    for (const { seed, data, mutations } of cases('sniff', ALL_SEEDS, ALL_SEEDS, RUNS * 4)) {
      const head = data.subarray(0, SNIFF_BYTES);
      try {
        for (const { format } of FORMATS) format.sniff(head);
        for (const snapshot of SNAPSHOT_FORMATS) snapshot.sniff(head.toString('utf8'));
        const found = detectFormat(head);
        if (found && !(found.confidence > 0 && found.confidence <= 1)) throw new Error(`confidence ${found.confidence}`);
      } catch (error) {
        violations.push({ target: 'sniff', seed, mutations, problem: (error as Error).message });
      }
    }
    expect(violations).toEqual([]);
  });
});

describe('the harness itself', () => {
  const fake = (parse: EvidenceFormat['parse']): EvidenceFormat => ({
    id: 'fake',
    source: 'cloudtrail',
    description: 'a parser that misbehaves on purpose',
    producesEvents: true,
    sniff: () => true,
    parse,
  });
  const record = { source: 'cloudtrail', time: 0, fields: {}, nativeId: null, raw: '{}' };
  it.each([
    ['a crash', fake(async () => { throw new TypeError('x is undefined'); }), /crash: TypeError/],
    ['an unlocated error', fake(async (_input, sink) => sink.error('somewhere', 'bad')), /error locator/],
    ['an unlocated refusal', fake(async () => { throw new FileParseError('here', 'bad'); }), /FileParseError locator/],
    ['a time that is not finite', fake(async (_input, sink) => sink.event({ ...record, time: Number.NaN }, 'line 1')), /not finite/],
    ['a blank native id', fake(async (_input, sink) => sink.event({ ...record, nativeId: '  ' }, 'line 1')), /blank native id/],
    ['an unknown source', fake(async (_input, sink) => sink.event({ ...record, source: 'nope' }, 'line 1')), /unregistered source/],
    ['no end', fake(async (_input, sink) => { for (;;) sink.event(record, 'line 1'); }), /no end in sight/],
    ['a heap that balloons', fake(async (_input, sink) => {
      // Kept reachable after the parse returns, so no GC can take it before the harness measures.
      // ~5 M small objects (over 150 MiB), plainly on the V8 heap (repeated strings are cons trees, tiny).
      const hoard = Array.from({ length: 5_000_000 }, (_, i) => ({ i }));
      hoarded.push(hoard);
      for (let i = 0; i < 300; i++) sink.event({ ...record, raw: String(hoard[i % hoard.length]?.i) }, 'line 1');
    }), /heap grew/],
  ])('reports %s', async (_what, format, expected) => {
    const { problem } = await checkParse(format, Buffer.alloc(1000, 0x20), () => 0.5);
    expect(problem).toMatch(expected);
  });
});
