import { describe, it, expect } from 'vitest';
import { Q } from './catalog.js';
import { describeQuery, parseQuery, QuerySyntaxError } from '../../../../main/analysis/query/index.js';
import type { QueryOptions } from '../../../../main/analysis/query/index.js';

const normal = (text: string, options?: QueryOptions) => describeQuery(parseQuery(text, options ?? Q));

/** The error a query raises, reduced to what the UI shows. */
function syntaxError(text: string): { position: number; length: number; message: string } {
  try {
    parseQuery(text, Q);
  } catch (error) {
    expect(error).toBeInstanceOf(QuerySyntaxError);
    const { position, length, message } = error as QuerySyntaxError;
    return { position, length, message };
  }
  throw new Error(`expected a syntax error for ${text}`);
}

describe('parseQuery: structure and precedence', () => {
  it.each([
    ['', '*'],
    ['   ', '*'],
    ['*', '*'],
    ['a b OR c', 'a AND b OR c'],
    ['a OR b c', 'a OR b AND c'],
    ['a OR b AND c OR d', 'a OR b AND c OR d'],
    ['NOT a b', 'NOT a AND b'],
    ['NOT (a b)', 'NOT (a AND b)'],
    ['NOT NOT a', 'NOT NOT a'],
    ['(a OR b) c', '(a OR b) AND c'],
    ['((a))', 'a'],
    ['a (b c) d', 'a AND b AND c AND d'],
    ['a && b || !c', 'a AND b OR NOT c'],
    ['! a', 'NOT a'],
    ['-a -(b OR c)', 'NOT a AND NOT (b OR c)'],
    ['-eventName:GetObject', 'NOT eventName:GetObject'],
    ['a and b or not c', 'a AND and AND b AND or AND not AND c'],
    ['NOTHING ORACLE ANDROID', 'NOTHING AND ORACLE AND ANDROID'],
    ['us-east-1 a-b', 'us-east-1 AND a-b'],
  ])('%j → %s', (text, expected) => {
    expect(normal(text)).toBe(expected);
  });

  it('builds a flat AND under an OR, with NOT binding tightest', () => {
    expect(parseQuery('NOT a b OR c', Q)).toMatchObject({
      type: 'or',
      children: [
        {
          type: 'and',
          children: [
            { type: 'not', child: { type: 'text', text: 'a' } },
            { type: 'text', text: 'b' },
          ],
        },
        { type: 'text', text: 'c' },
      ],
    });
  });

  it('records where each node was typed', () => {
    expect(parseQuery('  -(a OR b)  c', Q)).toMatchObject({
      type: 'and',
      span: { start: 2, end: 14 },
      children: [{ type: 'not', span: { start: 2, end: 11 }, child: { type: 'or', span: { start: 3, end: 11 } } }, {}],
    });
  });
});

describe('parseQuery: fields and values', () => {
  it('resolves field names in any case and through aliases', () => {
    expect(normal('sourceIPAddress:1.2.3.4')).toBe('sourceIp:1.2.3.4');
    expect(normal('EVENTNAME:x eventtime:2024 @timestamp:2024-01 user:bob useridentity.arn:a')).toBe(
      'eventName:x AND time:2024 AND time:2024-01 AND userName:bob AND principalArn:a',
    );
  });

  it('takes the field up to the first colon, so ARNs need no quotes', () => {
    expect(parseQuery('principalArn:arn:aws:iam::123456789012:user/alice', Q)).toMatchObject({
      type: 'field',
      field: { virtual: false, name: 'principalArn' },
      match: { op: 'equals', value: 'arn:aws:iam::123456789012:user/alice' },
    });
  });

  it('reads a whole bare ARN as text to search for, not as the `arn` alias', () => {
    expect(parseQuery('arn:aws:iam::123456789012:user/alice', Q)).toMatchObject({
      type: 'text',
      text: 'arn:aws:iam::123456789012:user/alice',
    });
    expect(parseQuery('arn:arn:aws:iam::123456789012:root', Q)).toMatchObject({
      type: 'field',
      field: { name: 'principalArn' },
    });
  });

  it('keeps slashes, dots, dashes and colons in unquoted values', () => {
    expect(parseQuery('userAgent:aws-cli/2.15.0', Q)).toMatchObject({ match: { op: 'equals', value: 'aws-cli/2.15.0' } });
    expect(parseQuery('sourceIp:2001:db8::1', Q)).toMatchObject({ match: { op: 'equals', value: '2001:db8::1' } });
  });

  it('reads quoted values literally, with \\" and \\\\ escapes', () => {
    expect(parseQuery('userAgent:"Mozilla/5.0 (Windows NT 10.0)"', Q)).toMatchObject({
      match: { op: 'equals', value: 'Mozilla/5.0 (Windows NT 10.0)' },
    });
    expect(parseQuery(String.raw`errorMessage:"say \"hi\" \\ C:\Users *?"`, Q)).toMatchObject({
      match: { op: 'equals', value: String.raw`say "hi" \ C:\Users *?` },
    });
    expect(parseQuery('eventName:""', Q)).toMatchObject({ match: { op: 'equals', value: '' } });
  });

  it('reads * and ? as wildcards unless escaped or quoted', () => {
    expect(parseQuery('eventName:Get*Ob?ect', Q)).toMatchObject({
      match: {
        op: 'wildcard',
        pieces: [{ literal: 'Get' }, { wildcard: '*' }, { literal: 'Ob' }, { wildcard: '?' }, { literal: 'ect' }],
      },
    });
    expect(parseQuery(String.raw`eventName:Get\*Ob\?ect`, Q)).toMatchObject({
      match: { op: 'equals', value: 'Get*Ob?ect' },
    });
    expect(parseQuery(String.raw`eventName:a\ b\(c\)`, Q)).toMatchObject({ match: { op: 'equals', value: 'a b(c)' } });
    expect(parseQuery('eventName:"Get*"', Q)).toMatchObject({ match: { op: 'equals', value: 'Get*' } });
  });

  it('reads field:* as "present" and field:"*" as a literal star', () => {
    expect(parseQuery('errorCode:*', Q)).toMatchObject({ match: { op: 'present' } });
    expect(parseQuery('errorCode:"*"', Q)).toMatchObject({ match: { op: 'equals', value: '*' } });
  });

  it('reads comparisons and ranges', () => {
    expect(parseQuery('time:>=2024-01-01', Q)).toMatchObject({
      match: { op: 'compare', comparator: '>=', value: '2024-01-01' },
    });
    expect(parseQuery('time:<"2024-01-01 12:00"', Q)).toMatchObject({
      match: { op: 'compare', comparator: '<', value: '2024-01-01 12:00' },
    });
    expect(parseQuery('time:[2024-01-01 TO 2024-01-02T12:00:00Z]', Q)).toMatchObject({
      match: {
        op: 'range',
        lower: { value: '2024-01-01', inclusive: true },
        upper: { value: '2024-01-02T12:00:00Z', inclusive: true },
      },
    });
    expect(parseQuery('time:{2024-01-01 TO *]', Q)).toMatchObject({
      match: { op: 'range', lower: { value: '2024-01-01', inclusive: false }, upper: null },
    });
    expect(parseQuery('eventName:[ListA TO "ListZ"}', Q)).toMatchObject({
      match: { op: 'range', lower: { value: 'ListA' }, upper: { value: 'ListZ', inclusive: false } },
    });
  });

  it('spells booleans in lower case', () => {
    expect(parseQuery('readOnly:TRUE', Q)).toMatchObject({ match: { op: 'equals', value: 'true' } });
  });

  it('reads bare words and phrases as full text, a trailing * as a prefix', () => {
    expect(parseQuery('alice', Q)).toMatchObject({ type: 'text', text: 'alice', prefix: false });
    expect(parseQuery('"two words"', Q)).toMatchObject({ type: 'text', text: 'two words', prefix: false });
    expect(parseQuery('Get*', Q)).toMatchObject({ type: 'text', text: 'Get', prefix: true });
    expect(parseQuery('1.2.3.4', Q)).toMatchObject({ type: 'text', text: '1.2.3.4' });
    expect(parseQuery('"AND"', Q)).toMatchObject({ type: 'text', text: 'AND' });
    expect(parseQuery(String.raw`foo\:bar`, Q)).toMatchObject({ type: 'text', text: 'foo:bar' });
  });

  it('accepts the virtual fields it is told about, in any case', () => {
    const options: QueryOptions = { ...Q, virtualFields: { tag: () => ({ sql: '1', params: [] }) } };
    expect(parseQuery('TAG:persistence', options)).toMatchObject({
      type: 'field',
      field: { virtual: true, name: 'tag' },
      match: { op: 'equals', value: 'persistence' },
    });
    expect(() => parseQuery('tag:persistence', Q)).toThrow(QuerySyntaxError);
  });

  it('refuses virtual fields that shadow an event field or cannot be typed (programming errors)', () => {
    const options: QueryOptions = { ...Q, virtualFields: { User: () => ({ sql: '1', params: [] }) } };
    expect(() => parseQuery('anything', options)).toThrow(/clashes with the field "userName"/);
    expect(() => parseQuery('x', { ...Q, virtualFields: { 'my tag': () => ({ sql: '1', params: [] }) } })).toThrow(
      /cannot be typed/,
    );
  });
});

describe('parseQuery: errors point at the problem', () => {
  it.each([
    // unbalanced parentheses
    ['(eventName:X OR y', 0, 1, 'Missing ")"'],
    ['a (b (c) d', 2, 1, 'Missing ")"'],
    ['a)', 1, 1, 'Unmatched ")"'],
    ['(a) b)', 5, 1, 'Unmatched ")"'],
    ['a ()', 2, 2, 'Empty parentheses'],
    // dangling operators
    ['a AND', 2, 3, 'AND needs a term after it'],
    ['a OR', 2, 2, 'OR needs a term after it'],
    ['AND a', 0, 3, 'AND needs a term before it'],
    ['a OR OR b', 2, 2, 'OR needs a term after it'],
    ['a AND OR b', 2, 3, 'AND needs a term after it'],
    ['(a AND) b', 3, 3, 'AND needs a term after it'],
    ['( OR a)', 2, 2, 'OR needs a term before it'],
    ['a ||', 2, 2, 'OR ("||") needs a term after it'],
    ['&& a', 0, 2, 'AND ("&&") needs a term before it'],
    ['a NOT', 2, 3, 'NOT needs a term after it'],
    ['a !', 2, 1, 'NOT ("!") needs a term after it'],
    ['a - b', 2, 1, 'must be followed directly'],
    // empty field value
    ['eventName:', 0, 10, 'Missing value after "eventName:"'],
    ['a eventName: b', 2, 10, 'Missing value after "eventName:"'],
    ['(eventName:)', 1, 10, 'Missing value after "eventName:"'],
    ['time:> x', 0, 6, 'Missing value after "time:>"'],
    // unknown fields
    ['usrName:alice', 0, 7, 'Unknown field "usrName". Did you mean userName?'],
    ['x eventNmae:Get', 2, 9, 'Did you mean eventName?'],
    ['sourceIpAdress:1.2.3.4', 0, 14, 'Did you mean sourceIp'],
    ['http://example.com', 0, 4, 'Unknown field "http"'],
    // unterminated quotes
    ['"abc', 0, 4, 'Unterminated quote'],
    ['a "b c', 2, 4, 'Unterminated quote'],
    ['eventName:"abc', 10, 4, 'Unterminated quote'],
    [String.raw`eventName:"abc\"`, 10, 6, 'Unterminated quote'],
    // stray quotes
    ['foo"bar"', 3, 1, 'Unexpected "'],
    ['"foo"bar', 5, 1, 'Expected a space after the closing quote'],
    // values the field cannot take
    ['time:>yesterday', 6, 9, 'Not a date or time: "yesterday"'],
    ['time:2024-02-30', 5, 10, 'Not a date or time'],
    ['time:[2024-01-01 TO nope]', 20, 4, 'Not a date or time: "nope"'],
    ['time:2024-*', 5, 6, 'not a wildcard'],
    ['readOnly:maybe', 9, 5, 'readOnly is true or false'],
    ['requestParameters:>x', 18, 2, 'not a comparison or range'],
    ['resources:[a TO b]', 10, 8, 'not a comparison or range'],
    ['eventName:>Get*', 11, 4, 'Wildcards cannot be used in a comparison'],
    // ranges
    ['time:[2024-01-01 2024-01-02]', 17, 10, 'Expected "TO"'],
    ['time:[2024-01-01 TO 2024-01-02', 5, 25, 'Unterminated range'],
    ['time:[2024-01-01 TO ]', 20, 1, 'Missing range bound'],
    ['time:[2024-01-01 TO 2024-01-02]x', 31, 1, 'Expected a space after the closing quote or bracket'],
    // full-text wildcards
    ['f*o', 0, 3, 'only a trailing *'],
    ['*foo', 0, 4, 'only a trailing *'],
    ['foo?', 0, 4, 'only a trailing *'],
    ['alice + backdoor', 6, 1, 'Nothing to search for'],
    ['"*"', 0, 3, 'Nothing to search for'],
    ['""', 0, 2, 'Nothing to search for'],
    ['a ...*', 2, 4, 'Nothing to search for'],
  ])('%j fails at %i (+%i): %s', (text, position, length, message) => {
    const error = syntaxError(text);
    expect({ position: error.position, length: error.length }).toEqual({ position, length });
    expect(error.message).toContain(message);
  });

  it('lists the known fields when nothing is close', () => {
    expect(syntaxError('zzzzzzzzzzzz:1').message).toMatch(/Known fields: time, source, eventName, .*eventType/);
  });

  it('names the QuerySyntaxError class for callers that log it', () => {
    expect(() => parseQuery('(', Q)).toThrow(expect.objectContaining({ name: 'QuerySyntaxError' }));
  });
});

describe('describeQuery', () => {
  it.each([
    ['userAgent:"Mozilla/5.0 (X11)"', 'userAgent:"Mozilla/5.0 (X11)"'],
    [String.raw`errorMessage:"say \"hi\""`, String.raw`errorMessage:"say \"hi\""`],
    [String.raw`eventName:a\(b*`, String.raw`eventName:a\(b*`],
    ['eventName:"*"', 'eventName:"*"'],
    ['"two words" one', '"two words" AND one'],
    ['"AND"', '"AND"'],
    ['"-x"', '"-x"'],
    [String.raw`\-x*`, String.raw`\-x*`],
    ['time:{2024-01-01 TO *]', 'time:{2024-01-01 TO *]'],
    ['time:[* TO 2024-01-01}', 'time:[* TO 2024-01-01}'],
    ['eventName:>"=x"', 'eventName:>"=x"'],
    ['arn:aws:iam::1:user/x', '"arn:aws:iam::1:user/x"'],
  ])('%j → %s, which parses back to the same query', (text, expected) => {
    expect(normal(text)).toBe(expected);
    expect(normal(expected)).toBe(expected);
  });
});

describe('parseQuery: nesting', () => {
  it('refuses queries nested deeper than 200 levels with a located error instead of overflowing the stack', () => {
    expect(() => parseQuery(`${'('.repeat(10_000)}x${')'.repeat(10_000)}`, Q)).toThrow(/Nested too deeply/);
    expect(() => parseQuery(`${'NOT '.repeat(10_000)}x`, Q)).toThrow(/Nested too deeply/);
    expect(parseQuery(`${'('.repeat(150)}eventName:x${')'.repeat(150)}`, Q)).toMatchObject({ type: 'field' });
  });
});
