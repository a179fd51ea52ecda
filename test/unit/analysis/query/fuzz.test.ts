import { afterAll, describe, it, expect } from 'vitest';
import { CT, Q } from './catalog.js';
import {
  compileQuery,
  describeQuery,
  parseQuery,
  QuerySyntaxError,
  toSqlWhere,
} from '../../../../main/analysis/query/index.js';
import type { QueryNode, QueryOptions } from '../../../../main/analysis/query/index.js';
import { openSampleCase } from './sample-case.js';

const db = openSampleCase();
afterAll(() => db.close());

const OPTIONS: QueryOptions = {
  ...Q,
  virtualFields: { tag: (value) => ({ sql: 'events.event_type = ?', params: [value] }) },
};

/** mulberry32: a tiny seeded PRNG, so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of real queries and of broken ones: operators, field prefixes, values, quotes, escapes,
// brackets, FTS5 and SQL syntax, and some non-ASCII.
// prettier-ignore
const VOCABULARY = [
  'AND', 'OR', 'NOT', '&&', '||', '!', '-', '(', ')', '((', '))', '"', '\\"', '\\', '\\\\', '*', '?', ':', '::',
  'eventName:', 'eventname:', 'user:', 'principalArn:', 'arn:', 'arn:aws:iam::123456789012:user/alice', 'time:',
  'time:>', 'time:>=', 'time:<', 'time:[', 'readOnly:', 'resources:', 'requestParameters:', 'responseElements:',
  'sourceIPAddress:', 'tag:', 'unknownField:', 'starred:', '[', ']', '{', '}', ' TO ', 'TO', '2024-01-01',
  '2024-01-02T12:00:00Z', '2024-13-45', 'true', 'false', 'maybe', 'GetObject', 'Get*', '*Object', 'alice',
  'backdoor', '1.2.3.4', '10.0.*', '2001:db8::1', 'NEAR(', 'NEAR', 'doc:', '^', '+', '%', '_', "'", ';', '--',
  'DROP TABLE events', '"two words"', '"unterminated', 'é', '日本', '😀', '\t', '\n', '>', '<', '=',
];
const CHARACTERS = '\0 \t()"\\*?:-!&|[]{}<>=%_\'^+,./@aZ09éT';

// Well-formed terms, for queries that mostly parse (so the compile path gets exercised too).
// prettier-ignore
const TERMS = [
  'eventName:GetObject', 'eventName:Get*', 'eventName:"Get Object"', 'user:alice', 'userName:*',
  'principalArn:arn:aws:iam::123456789012:user/*', 'sourceIp:10.0.?.5', 'time:>=2024-01-01',
  'time:[2024-01-01 TO 2024-01-02T12:00:00Z]', 'time:{* TO 2024}', 'readOnly:true', 'resources:*bucket*',
  'requestParameters:backdoor', 'responseElements:*', 'tag:persistence', 'tag:per*', 'alice', 'back*', '"1.2.3.4"',
  '"NEAR(x y)"', 'é*', '日本', 'eventName:[A TO M}', 'errorMessage:"a \\"b\\" c"', '*', 'eventName:100%_done',
  'eventName:\\*',
];
const JOINERS = [' ', ' AND ', ' OR ', ' && ', ' || ', ' -', ' NOT ', ' !'];

function randomQuery(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const mode = random();
  if (mode < 0.2) {
    // Character soup finds what token soup does not (escapes at the end, quotes mid-word...).
    return Array.from({ length: Math.floor(random() * 16) }, () => pick([...CHARACTERS])).join('');
  }
  if (mode < 0.6) {
    const parts = Array.from({ length: 1 + Math.floor(random() * 10) }, () => pick(VOCABULARY));
    return parts.reduce((query, part) => query + (random() < 0.6 ? ' ' : '') + part, '');
  }
  let query = pick(TERMS);
  for (let n = Math.floor(random() * 5); n > 0; n--) {
    query += pick(JOINERS) + pick(TERMS);
    if (random() < 0.2) query = `(${query})`;
    if (random() < 0.05) query += pick(VOCABULARY); // the odd corruption
  }
  return query;
}

/** The AST without positions, to compare a query with its normal form re-parsed. */
function withoutSpans(node: QueryNode): unknown {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) => (key === 'span' || key === 'valueSpan' ? undefined : value)),
  );
}

// The only quoted literals the compiler itself writes; anything else quoted would be user text.
const COMPILER_LITERALS = /ESCAPE '\\'|'(?:null|\{\}|\[\])?'/g;

describe('fuzz: 2,000 random queries', () => {
  it('fail only with located QuerySyntaxErrors, and otherwise compile to SQL SQLite runs', () => {
    const random = seededRandom(20240101);
    const outcomes = { parsed: 0, rejected: 0 };
    for (let i = 0; i < 2000; i++) {
      const query = randomQuery(random);
      let compiled;
      try {
        compiled = toSqlWhere(query, CT, OPTIONS);
      } catch (error) {
        if (!(error instanceof QuerySyntaxError)) throw new Error(`${JSON.stringify(query)} threw ${String(error)}`);
        expect(error.position, query).toBeGreaterThanOrEqual(0);
        expect(error.length, query).toBeGreaterThanOrEqual(0);
        expect(error.position + error.length, query).toBeLessThanOrEqual(query.length);
        outcomes.rejected++;
        continue;
      }
      outcomes.parsed++;
      const { where, params } = compiled;
      expect(where.split('?').length - 1, query).toBe(params.length);
      expect(where.replace(COMPILER_LITERALS, ''), query).not.toMatch(/['"]/);
      expect(() => db.prepare(`SELECT count(*) FROM cloudtrail_events AS events WHERE ${where}`).get(...params), query).not.toThrow();

      // The normal form is a fixed point and means the same query.
      const ast = parseQuery(query, OPTIONS);
      const normal = describeQuery(ast);
      const reparsed = parseQuery(normal, OPTIONS);
      expect(describeQuery(reparsed), `${query} → ${normal}`).toBe(normal);
      expect(withoutSpans(reparsed), `${query} → ${normal}`).toEqual(withoutSpans(ast));
      expect(compileQuery(reparsed, CT, OPTIONS)).toEqual(compiled);
    }
    // The soup must exercise both paths, or the test proves little.
    expect(outcomes.parsed).toBeGreaterThan(300);
    expect(outcomes.rejected).toBeGreaterThan(300);
  });
});
