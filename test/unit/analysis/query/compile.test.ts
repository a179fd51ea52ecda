import { afterAll, describe, it, expect } from 'vitest';
import { CT, Q } from './catalog.js';
import {
  compileQuery,
  parseQuery,
  QuerySyntaxError,
  timeRangeWhere,
  toSqlWhere,
} from '../../../../main/analysis/query/index.js';
import type { QueryOptions, VirtualField } from '../../../../main/analysis/query/index.js';
import { openSampleCase } from './sample-case.js';

const db = openSampleCase();
afterAll(() => db.close());

// Issue #3 will add these for real; here a tag table and a fixed star list stand in.
db.exec(`CREATE TABLE test_tags (event_id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE)`);
db.exec(`INSERT INTO test_tags VALUES (4, 'persistence'), (5, 'persistence'), (6, 'persistence'),
  (14, 'defense-evasion'), (15, 'defense-evasion'), (8, 'exfil_attempt')`);
const tag: VirtualField = (value, op) => {
  if (op === 'present') return { sql: 'events.id IN (SELECT event_id FROM test_tags)', params: [] };
  if (op !== '=' && op !== 'like') throw new Error('tags cannot be compared');
  const test = op === 'like' ? `LIKE ? ESCAPE '\\'` : '= ?';
  return { sql: `events.id IN (SELECT event_id FROM test_tags WHERE name ${test})`, params: [value] };
};
const starred: VirtualField = (value, op) => {
  if (op !== '=' || !/^(true|false)$/.test(value)) throw new Error('is true or false');
  return { sql: `events.id ${value === 'true' ? 'IN' : 'NOT IN'} (1, 8)`, params: [] };
};
const OPTIONS: QueryOptions = { ...Q, virtualFields: { tag, starred } };

/** The ids of the sample rows a query returns, ascending. */
function ids(query: string): number[] {
  const { where, params } = toSqlWhere(query, CT, OPTIONS);
  const rows = db.prepare(`SELECT id FROM cloudtrail_events AS events WHERE ${where} ORDER BY id`).all(...params) as { id: number }[];
  return rows.map((row) => row.id);
}

const ALL = Array.from({ length: 20 }, (_, i) => i + 1);
const except = (...excluded: number[]) => ALL.filter((id) => !excluded.includes(id));
const ALICE_ROWS = [1, 2, 3, 4, 5, 6, 14, 15, 20];
const BACKDOOR_ROWS = [8, 9, 10, 11, 16];

describe('compileQuery on a case database: field terms', () => {
  it.each([
    ['eventName:GetObject', [1, 8]],
    ['eventname:getobject', [1, 8]],
    ['EVENTNAME:GETOBJECT', [1, 8]],
    ['eventName:"GetObject"', [1, 8]],
    ['eventName:Get', []],
    ['eventName:Get*', [1, 3, 8, 16, 20]],
    ['eventName:get*', [1, 3, 8, 16, 20]],
    ['eventName:List*s', [2, 17, 18, 19]],
    ['eventName:?etObject', [1, 8]],
    ['eventName:*Object', [1, 8, 9, 10]],
    ['eventName:*', ALL],
    ['event.action:PutObject', [9, 10]],
    ['eventSource:iam.amazonaws.com', [4, 5, 6, 17, 18, 19]],
    ['region:EU-WEST-1', [12, 13]],
    ['source:CloudTrail', ALL], // the one text column that is not NOCASE in the schema
  ])('%s', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['userName:alice', ALICE_ROWS],
    ['user:ALICE', ALICE_ROWS],
    ['useridentity.userName:BackDoor', BACKDOOR_ROWS],
    ['userName:*', [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 14, 15, 16, 20]],
    ['userName:""', [17]],
  ])('%s (user names; row 17 has an empty one, 7/12/13/18/19 none)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['principalArn:arn:aws:iam::123456789012:user/alice', ALICE_ROWS],
    ['principalArn:ARN:AWS:IAM::123456789012:USER/ALICE', ALICE_ROWS],
    ['principalArn:arn:aws:iam::123456789012:user/ali', []],
    ['principalArn:arn:aws:sts::*:assumed-role/AdminRole/*', [12, 13, 17, 18, 19]],
    ['arn:arn:aws:iam::123456789012:root', [7]],
    ['sessionIssuerArn:arn:aws:iam::123456789012:role/AdminRole', [12, 13]],
    ['sourceIPAddress:198.51.100.7', [7, 8, 9, 10, 16]],
    ['ip:10.0.0.*', [11, 12, 13, 17, 19]],
    ['sourceIp:2001:db8::1', [18]],
    ['accessKeyId:AKIABACKDOOR00000001', BACKDOOR_ROWS],
  ])('%s (ARNs, IPs and keys)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['errorCode:*', [8, 13]],
    ['errorCode:accessdenied', [8]],
    ['errorCode:Client.*', [13]],
    ['errorMessage:*authorized*', [8, 13]],
    ['userAgent:aws-cli/*', [1, 2, 3, 4, 5, 6, 8, 9, 10, 14, 15, 20]],
    ['userAgent:"Mozilla/5.0 (Windows NT 10.0; Win64; x64)"', [7]],
    ['userAgent:"evil \\"agent\\" NEAR(x) AND OR * -rf"', [16]],
  ])('%s (errors and agents)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['readOnly:true', [1, 2, 3, 8, 12, 16, 17, 18, 20]],
    ['readOnly:FALSE', [4, 5, 6, 7, 9, 10, 11, 13, 14, 15]],
    ['readOnly:*', except(19)],
  ])('%s (row 19 does not say)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['resources:arn:aws:s3:::prod-bucket', [1, 20]],
    ['resources:ARN:AWS:S3:::PROD-BUCKET', [1, 20]],
    ['resources:arn:aws:s3:::prod-bucket/*', [1]],
    ['resources:*:secret:*', [16]],
    ['resources:*', [1, 8, 9, 10, 11, 16, 20]],
    ['resource:arn:aws:iam::123456789012:role/AdminRole', [11]],
  ])('%s (any element of the resources array)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['requestParameters:backdoor', [4, 5, 6]],
    ['requestParameters:BACKDOOR', [4, 5, 6]],
    ['requestParameters:*AdministratorAccess*', [6]],
    ['requestParameters:AdministratorAccess', [6]],
    ['requestParameters:bucketName*finance', [8]],
    ['requestParameters:"\\"bucketName\\":\\"prod-bucket\\""', [1]],
    ['requestParameters:*', [1, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16]],
    ['responseElements:AKIABACKDOOR*', [5]],
    ['responseElements:*', [4, 5, 7]],
  ])('%s (JSON fields match anywhere in the text)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    // Row 10 has data-2024x/reportXfinal: an unescaped _ or % would match it too.
    ['resources:*data_2024%*', [9]],
    ['resources:*report_final*', [9]],
    ['resources:*data?2024?/*', [9, 10]],
    ['requestParameters:data_2024%', [9]],
    ['requestParameters:report_final.csv', [9]],
    ['requestParameters:"%"', [9]],
    ['eventName:%', []],
    ['eventName:_etObject', []],
    ['eventName:\\*', []],
  ])('%s (literal % and _ stay literal)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['eventName:>=S', [14]],
    ['eventName:[ListA TO ListZ]', [2, 17, 18, 19]],
    ['eventName:{ListBuckets TO ListUsers}', [18]],
    ['eventName:[ListRoles TO *]', [9, 10, 13, 14, 17, 18]],
  ])('%s (text comparisons, case-insensitive)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('compileQuery on a case database: time', () => {
  // Row 20 is 2023-12-31T23:59:59.999Z, row 7 exactly 2024-01-02T00:00:00Z, row 8 2024-01-02T12:00:00Z.
  it.each([
    ['time:2024-01-01', [1, 2, 3, 4, 5, 6]],
    ['time:>=2024-01-02', [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]],
    ['time:>2024-01-01', [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]],
    ['time:<2024-01-01', [20]],
    ['time:<=2024-01-01', [1, 2, 3, 4, 5, 6, 20]],
    ['time:[2024-01-01 TO 2024-01-02T12:00:00Z]', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['time:{2024-01-01 TO 2024-01-02T12:00:00Z}', [7]],
    ['time:[2024-01-02T12:00:00Z TO *]', [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]],
    ['time:[* TO *]', ALL],
    ['time:2024-01-02T12:00:00Z', [8]],
    ['time:"2024-01-02 13:00:00+01:00"', [8]],
    ['time:2024-01-02T12:00', [8, 9, 10]],
    ['time:2023', [20]],
    ['time:2024-01', except(20)],
    ['time:>2023-12-31T23:59:59.998Z', ALL],
    ['@timestamp:<2023-12-31T23:59:59.999Z', []],
  ])('%s', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('compileQuery on a case database: full text', () => {
  it.each([
    ['alice', ALICE_ROWS],
    ['ALICE', ALICE_ROWS],
    ['backdoor', [4, 5, 6, 8, 9, 10, 11, 16]],
    ['198.51.100.7', [7, 8, 9, 10, 16]],
    ['"203.0.113.10"', ALICE_ROWS],
    ['203.0.113.*', ALICE_ROWS],
    ['10.0.0.5', [11, 12, 13, 17, 19]],
    ['arn:aws:iam::123456789012:user/backdoor', BACKDOOR_ROWS],
    ['"access denied"', []],
    ['AccessDenied', [8]],
    ['Get*', [1, 3, 8, 16, 20]],
    ['ali*', ALICE_ROWS],
    ['"ali*"', []],
  ])('%s', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it.each([
    ['alice backdoor', [4, 5, 6]],
    ['alice AND backdoor', [4, 5, 6]],
    ['alice OR backdoor', [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 14, 15, 16, 20]],
    ['alice -backdoor', [1, 2, 3, 14, 15, 20]],
    ['NOT alice', except(...ALICE_ROWS)],
    ['(alice OR secret*) backdoor', [4, 5, 6, 16]],
    ['alice eventName:CreateUser', [4]],
  ])('%s (combined)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('merges adjacent full-text terms into one MATCH', () => {
    expect(toSqlWhere('alice backdoor', CT, Q)).toEqual({
      where: 'events.id IN (SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?)',
      params: ['"alice" AND "backdoor"'],
    });
    expect(toSqlWhere('a OR b c eventName:X', CT, Q)).toEqual({
      where:
        '(events.id IN (SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?) OR (events.id IN (SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?) AND events.event_name = ? COLLATE NOCASE))',
      params: ['"a"', '"b" AND "c"', 'X'],
    });
  });

  it.each([
    // Row 16's user agent is `evil "agent" NEAR(x) AND OR * -rf`; nothing typed becomes FTS5 syntax.
    ['"evil \\"agent\\" NEAR(x) AND OR * -rf"', [16]],
    ['"NEAR(alice backdoor)"', []],
    ['"alice" "NEAR(x)"', []],
    ['NEAR', [16]],
    ['"OR"', [16]],
    ['"AND"', [16]],
    ['"NOT"', [8, 13]], // "is not authorized"
    ['"-alice"', ALICE_ROWS],
    ['"doc:alice"', []],
    ['"alice OR backdoor"', []],
    ['-rf', except(16)],
    ['"^alice"', ALICE_ROWS],
    ['+alice +backdoor', [4, 5, 6]],
    ['"GetObject\0"', [1, 8]], // a NUL would end the FTS5 query string early
  ])('%s (FTS injection attempts stay literal)', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('compileQuery on a case database: boolean logic and NULL', () => {
  it.each([
    ['', ALL],
    ['*', ALL],
    ['NOT *', []],
    ['eventName:GetObject OR eventName:PutObject userName:backdoor', [1, 8, 9, 10]],
    ['(eventName:GetObject OR eventName:PutObject) userName:backdoor', [8, 9, 10]],
    ['NOT eventName:GetObject AND userName:backdoor', [9, 10, 11, 16]],
    ['!(userName:alice || userName:backdoor) && readOnly:true', [12, 17, 18]],
    ['-(-eventName:GetObject)', [1, 8]],
  ])('%s', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  // Decision: NOT means "does not match", so rows where the field is NULL are included.
  it.each([
    ['NOT errorCode:AccessDenied', except(8)],
    ['NOT errorCode:*', except(8, 13)],
    ['-userName:alice', except(...ALICE_ROWS)],
    ['NOT userName:*', [7, 12, 13, 17, 18, 19]],
    ['NOT readOnly:true', [4, 5, 6, 7, 9, 10, 11, 13, 14, 15, 19]],
    ['NOT resources:*', except(1, 8, 9, 10, 11, 16, 20)],
    ['NOT requestParameters:backdoor', except(4, 5, 6)],
    ['NOT (userName:alice OR errorCode:AccessDenied)', except(...ALICE_ROWS, 8)],
    ['NOT (userName:backdoor errorCode:AccessDenied)', except(8)],
    ['NOT userName:alice NOT userName:backdoor', [7, 12, 13, 17, 18, 19]],
  ])('%s includes rows where the field is NULL', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('compileQuery: virtual fields', () => {
  it.each([
    ['tag:persistence', [4, 5, 6]],
    ['TAG:Persistence', [4, 5, 6]],
    ['tag:def*', [14, 15]],
    ['tag:exfil_attempt', [8]],
    ['tag:exfil?attempt', [8]],
    ['tag:*', [4, 5, 6, 8, 14, 15]],
    ['starred:true', [1, 8]],
    ['NOT tag:persistence userName:alice', [1, 2, 3, 14, 15, 20]],
    ['starred:true OR tag:persistence', [1, 4, 5, 6, 8]],
  ])('%s', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('turns a value the field rejects into a syntax error on that value', () => {
    expect(() => toSqlWhere('a starred:maybe', CT, OPTIONS)).toThrow(
      expect.objectContaining({
        name: 'QuerySyntaxError',
        position: 10,
        length: 5,
        message: 'starred: is true or false',
      }),
    );
    expect(() => toSqlWhere('tag:>x', CT, OPTIONS)).toThrow(QuerySyntaxError);
  });

  it('hands ranges over as two comparisons', () => {
    const seen: string[] = [];
    const field: VirtualField = (value, op) => {
      seen.push(`${op}${value}`);
      return { sql: '1', params: [] };
    };
    toSqlWhere('score:{1 TO 5] score:[* TO *]', CT, { ...Q, virtualFields: { score: field } });
    expect(seen).toEqual(['>1', '<=5', 'present']);
  });

  it('refuses a parsed virtual field that the compiler was not given', () => {
    const ast = parseQuery('tag:x', OPTIONS);
    expect(() => compileQuery(ast, CT, Q)).toThrow(QuerySyntaxError);
  });
});

describe('compileQuery: the SQL carries no user text', () => {
  it.each([
    `eventName:"x'; DROP TABLE events; --"`,
    `userName:o'brien*`,
    `"'); DELETE FROM events; --"`,
    `requestParameters:"' OR 1=1 --"`,
    `resources:"')) OR 1=1 --"`,
    `time:[2024-01-01 TO 2024-01-02]`,
  ])('%s', (query) => {
    const { where, params } = toSqlWhere(query, CT, Q);
    expect(where).not.toMatch(/DROP|DELETE|brien|1=1|2024/);
    expect(where.split('?').length - 1).toBe(params.length);
    expect(() => db.prepare(`SELECT count(*) FROM cloudtrail_events AS events WHERE ${where}`).get(...params)).not.toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM cloudtrail_events').get()).toEqual({ n: 20 });
  });
});

describe('timeRangeWhere', () => {
  const between = (from?: number, to?: number) => {
    const { where, params } = timeRangeWhere(from, to);
    return (db.prepare(`SELECT id FROM cloudtrail_events AS events WHERE ${where} ORDER BY id`).all(...params) as { id: number }[]).map(
      (row) => row.id,
    );
  };

  it('is inclusive of from and exclusive of to (ms UTC)', () => {
    expect(between(Date.parse('2024-01-02T12:00:00Z'), Date.parse('2024-01-02T12:00:02Z'))).toEqual([8, 9]);
    expect(between(Date.parse('2024-01-04T01:00:00Z'))).toEqual([18, 19]);
    expect(between(undefined, Date.parse('2024-01-01T09:59:00Z'))).toEqual([20]);
  });

  it('matches everything without bounds, and refuses non-numbers', () => {
    expect(timeRangeWhere()).toEqual({ where: '1', params: [] });
    expect(timeRangeWhere(1, 2)).toEqual({ where: 'events.time >= ? AND events.time < ?', params: [1, 2] });
    expect(() => timeRangeWhere(Number.NaN)).toThrow(RangeError);
  });
});
