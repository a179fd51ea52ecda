import { describe, expect, it } from 'vitest';
import { memberValueText } from '../../../../main/ingest/json/member-text.js';

describe('memberValueText', () => {
  it('returns the exact text of a top-level member, whitespace inside kept', () => {
    const json = '{ "a" : "}\\"", "detail" : { "x" : [1, "]"] } , "z": 3 }';
    expect(memberValueText(json, 'detail')).toBe('{ "x" : [1, "]"] }');
    expect(memberValueText(json, 'a')).toBe('"}\\""');
    expect(memberValueText(json, 'z')).toBe('3');
  });

  it('ignores nested members of the same name and takes the last duplicate, like JSON.parse', () => {
    expect(memberValueText('{"outer":{"log":1},"log":{"b":2}}', 'log')).toBe('{"b":2}');
    expect(memberValueText('{"log":1,"log":2}', 'log')).toBe('2');
  });

  it('returns null when there is no such member or no object', () => {
    expect(memberValueText('{"a":1}', 'b')).toBeNull();
    expect(memberValueText('[{"a":1}]', 'a')).toBeNull();
    expect(memberValueText('', 'a')).toBeNull();
  });
});
