import { describe, expect, it } from 'vitest';
// The real query parser, to prove pivots produce what the language reads back (test-only import).
import { parseQuery } from '../../../main/analysis/query/parse.js';
import type { QueryNode } from '../../../main/analysis/query/ast.js';
import type { FieldCatalog, QueryFieldInfo } from '../../../main/analysis/query/options.js';
import {
  addTerm,
  fieldTerm,
  hasTerm,
  hasTopLevelOr,
  quoteValue,
  removeTerm,
  toggleTerm,
} from '../../../renderer/lib/query-build';

import { FAKE_CATALOG } from '../fake-api.js';

/** The catalogue the renderer sees, as the parser's field lookup (names matched in any case). */
const fields: QueryFieldInfo[] = [
  ...FAKE_CATALOG.common,
  ...FAKE_CATALOG.sources.flatMap((source) => source.fields),
].map((field) => ({ name: field.name, type: field.type, aliases: field.aliases }));
const catalog: FieldCatalog = {
  resolve: (typed) => fields.find((field) => field.name.toLowerCase() === typed.toLowerCase()) ?? null,
  catalog: () => fields,
};

/** The value the real parser reads from `field:value` built by fieldTerm. */
function parsedEquals(field: string, value: string): { field: string; value: string; negated: boolean } {
  let node: QueryNode = parseQuery(fieldTerm(field, value), { catalog });
  let negated = false;
  if (node.type === 'not') {
    negated = true;
    node = node.child;
  }
  if (node.type !== 'field' || node.match.op !== 'equals')
    throw new Error(`not an equals term: ${JSON.stringify(node)}`);
  return { field: node.field.name, value: node.match.value, negated };
}

describe('quoteValue', () => {
  it('leaves plain identifiers bare', () => {
    expect(quoteValue('ConsoleLogin')).toBe('ConsoleLogin');
    expect(quoteValue('198.51.100.7')).toBe('198.51.100.7');
    expect(quoteValue('s3.amazonaws.com')).toBe('s3.amazonaws.com');
    expect(quoteValue('AKIA-EXAMPLE_1')).toBe('AKIA-EXAMPLE_1');
  });

  it('quotes spaces, colons and anything the scanner treats specially', () => {
    expect(quoteValue('aws cli')).toBe('"aws cli"');
    expect(quoteValue('arn:aws:iam::111122223333:user/alice')).toBe('"arn:aws:iam::111122223333:user/alice"');
    expect(quoteValue('2001:db8::1')).toBe('"2001:db8::1"');
    expect(quoteValue('*')).toBe('"*"');
    expect(quoteValue('a?b')).toBe('"a?b"');
    expect(quoteValue('(x)')).toBe('"(x)"');
    expect(quoteValue('[1 TO 2]')).toBe('"[1 TO 2]"');
    expect(quoteValue('>5')).toBe('">5"');
    expect(quoteValue('')).toBe('""');
    expect(quoteValue('AND')).toBe('"AND"');
  });

  it('escapes double quotes and backslashes inside quotes', () => {
    expect(quoteValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteValue('C:\\Users\\x')).toBe('"C:\\\\Users\\\\x"');
    expect(quoteValue('\\')).toBe('"\\\\"');
    expect(quoteValue('"')).toBe('"\\""');
  });
});

describe('fieldTerm round-trips through the real query parser', () => {
  const values = [
    'ConsoleLogin',
    'arn:aws:iam::111122223333:user/alice',
    'Mozilla/5.0 (X11; Linux x86_64) "quoted" \\ back',
    '<img src=x onerror=alert(1)>',
    'C:\\Users\\Admin',
    'trailing\\',
    'a*b?c',
    'tab\tand\nnewline',
    '',
    'NOT',
    'ünïcödé välüe',
    '[weird {range} >',
  ];
  for (const value of values) {
    it(`keeps ${JSON.stringify(value)} exact`, () => {
      expect(parsedEquals('userAgent', value)).toEqual({ field: 'userAgent', value, negated: false });
    });
  }

  it('builds NOT terms for exclusion', () => {
    expect(fieldTerm('sourceIp', '10.0.0.1', true)).toBe('NOT sourceIp:10.0.0.1');
    const node = parseQuery(fieldTerm('principalArn', 'arn:aws:iam::1:role/x y', true), { catalog });
    expect(node.type).toBe('not');
  });
});

describe('addTerm', () => {
  it('starts an empty query with the term', () => {
    expect(addTerm('', 'eventName:X')).toBe('eventName:X');
    expect(addTerm('   ', 'eventName:X')).toBe('eventName:X');
    expect(addTerm('*', 'eventName:X')).toBe('eventName:X');
  });

  it('ANDs onto an existing query', () => {
    expect(addTerm('eventName:X', 'sourceIp:1.2.3.4')).toBe('eventName:X AND sourceIp:1.2.3.4');
    expect(addTerm(' a b ', 'NOT c:d')).toBe('a b AND NOT c:d');
  });

  it('parenthesizes a top-level OR first (AND binds tighter)', () => {
    expect(addTerm('a OR b', 'c:d')).toBe('(a OR b) AND c:d');
    expect(addTerm('a || b', 'c:d')).toBe('(a || b) AND c:d');
    expect(addTerm('(a OR b) c', 'c:d')).toBe('(a OR b) c AND c:d');
    expect(addTerm('userAgent:"x OR y"', 'c:d')).toBe('userAgent:"x OR y" AND c:d');
  });
});

describe('top-level term toggles', () => {
  it('finds OR only outside quotes and parentheses', () => {
    expect(hasTopLevelOr('a OR b')).toBe(true);
    expect(hasTopLevelOr('(a OR b)')).toBe(false);
    expect(hasTopLevelOr('"a OR b"')).toBe(false);
    expect(hasTopLevelOr('ORACLE')).toBe(false);
  });

  it('detects a term ANDed at the top level, not negated ones', () => {
    expect(hasTerm('eventName:X AND starred:true', 'starred:true')).toBe(true);
    expect(hasTerm('starred:true', 'starred:true')).toBe(true);
    expect(hasTerm('NOT starred:true', 'starred:true')).toBe(false);
    expect(hasTerm('(starred:true OR x)', 'starred:true')).toBe(false);
    expect(hasTerm('userAgent:"starred:true"', 'starred:true')).toBe(false);
  });

  it('removes the term with the AND that joined it, keeping the rest as typed', () => {
    expect(removeTerm('eventName:X AND starred:true', 'starred:true')).toBe('eventName:X');
    expect(removeTerm('starred:true AND eventName:X', 'starred:true')).toBe('eventName:X');
    expect(removeTerm('a AND starred:true AND b', 'starred:true')).toBe('a AND b');
    expect(removeTerm('starred:true', 'starred:true')).toBe('');
    expect(removeTerm('userAgent:"two  spaces" AND tag:x', 'tag:x')).toBe('userAgent:"two  spaces"');
  });

  it('toggles on and off', () => {
    const on = toggleTerm('eventName:X', 'tag:"needs review"');
    expect(on).toBe('eventName:X AND tag:"needs review"');
    expect(toggleTerm(on, 'tag:"needs review"')).toBe('eventName:X');
  });
});
