import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonLines, parseJson } from '../../../renderer/lib/json-tree';

const CONSOLE_LOGIN = '/work/shared/evidence/elastic-integrations/cloudtrail/test-console-login-json.log';

/** `depth` levels of {"a": …} around a string, as a planted record might be. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}"deep"${'}'.repeat(depth)}`;
}

describe('json tree', () => {
  it('lists a real CloudTrail record line by line, in document order', () => {
    const first = readFileSync(CONSOLE_LOGIN, 'utf8').split('\n')[0] as string;
    const lines = jsonLines(parseJson(first));
    // head -1 FILE | jq '[paths] | length' → 21 nodes below the root, + the root line.
    expect(lines).toHaveLength(22);
    // head -1 FILE | jq '[paths(type != "object" and type != "array")] | length' → 18 leaves (one is null).
    expect(lines.filter((line) => line.kind === 'value')).toHaveLength(18);
    // head -1 FILE | jq '[paths(type == "object" or type == "array")] | length' → 3, + the root.
    expect(lines.filter((line) => line.kind === 'object' || line.kind === 'array')).toHaveLength(4);
    expect(lines[0]).toEqual({ depth: 0, key: null, kind: 'object', text: expect.stringMatching(/^\{\d+\}$/) });
    expect(lines[1]).toEqual({ depth: 1, key: 'eventVersion', kind: 'value', text: '1.05', type: 'string' });
    expect(lines[2]).toMatchObject({ depth: 1, key: 'userIdentity', kind: 'object', text: '{5}' });
    expect(lines[3]).toMatchObject({ depth: 2, key: 'type', text: 'IAMUser' });
    expect(lines.find((line) => line.key === 'requestParameters')).toMatchObject({
      kind: 'value',
      text: 'null',
      type: 'null',
    });
  });

  it('survives a record nested 2,500 levels deep: the first 50 levels, then "…"', () => {
    const value = parseJson(nested(2500));
    expect(value).toBeDefined();
    const lines = jsonLines(value);
    // Levels 0..50 are objects (51 lines), then one "more" line at level 51.
    expect(lines).toHaveLength(52);
    expect(lines.filter((line) => line.kind === 'object')).toHaveLength(51);
    expect(lines.at(-1)).toMatchObject({ kind: 'more', depth: 51 });
    expect(lines.some((line) => line.text === 'deep')).toBe(false);
    // Within the cap, the leaf shows.
    expect(jsonLines(parseJson(nested(10))).at(-1)).toMatchObject({ depth: 10, key: 'a', text: 'deep' });
  });

  it('stops after maxLines on a huge array', () => {
    const lines = jsonLines(
      Array.from({ length: 100_000 }, (_, index) => index),
      { maxLines: 100 },
    );
    expect(lines).toHaveLength(101);
    expect(lines.at(-1)?.kind).toBe('more');
    expect(lines[1]).toMatchObject({ key: '0', text: '0', type: 'number' });
  });

  it('keeps markup as text and reports non-JSON as undefined', () => {
    const lines = jsonLines(parseJson('{"k":"<img src=x onerror=alert(1)>","b":true,"e":[],"o":{}}'));
    expect(lines.map((line) => [line.key, line.text])).toEqual([
      [null, '{4}'],
      ['k', '<img src=x onerror=alert(1)>'],
      ['b', 'true'],
      ['e', '[0]'],
      ['o', '{0}'],
    ]);
    expect(parseJson('not json {')).toBeUndefined();
  });
});
