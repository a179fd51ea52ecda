import { afterAll, describe, it, expect } from 'vitest';
import { CT, Q } from './catalog.js';
import { toSqlWhere } from '../../../../main/analysis/query/index.js';
import { openSampleCase } from './sample-case.js';

const db = openSampleCase();
afterAll(() => db.close());

/** SQLite's plan for counting what a query matches (the hot path of the timeline's header). */
function countPlan(query: string): string {
  const { where, params } = toSqlWhere(query, CT, Q);
  const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM cloudtrail_events AS events WHERE ${where}`).all(...params);
  return (rows as { detail: string }[]).map((row) => row.detail).join('\n');
}

describe('query plans', () => {
  it('counts by an indexed field with its index', () => {
    expect(countPlan('eventName:GetObject')).toMatch(
      /SEARCH events USING COVERING INDEX cloudtrail_events_by_event_name_time \(event_name=\?\)/,
    );
    expect(countPlan('accessKeyId:AKIABACKDOOR00000001')).toMatch(
      /SEARCH events USING COVERING INDEX cloudtrail_events_by_access_key_id_time \(access_key_id=\?\)/,
    );
  });

  it('uses the index for a wildcard prefix (NOCASE columns, case_sensitive_like off)', () => {
    expect(countPlan('eventName:Get*')).toMatch(/cloudtrail_events_by_event_name_time \(event_name>\? AND event_name<\?\)/);
    expect(countPlan('principalArn:arn:aws:iam::123456789012:user/*')).toMatch(
      /cloudtrail_events_by_principal_arn_time \(principal_arn>\? AND principal_arn<\?\)/,
    );
    expect(countPlan('sourceIp:10.0.*')).toMatch(/cloudtrail_events_by_source_ip_time \(source_ip>\? AND source_ip<\?\)/);
  });

  it('cannot seek for a leading wildcard (documented: it scans)', () => {
    expect(countPlan('eventName:*Object')).toMatch(/^SCAN events/);
  });

  it('seeks on field and time together, and on time alone', () => {
    expect(countPlan('userName:alice time:>=2024-01-02')).toMatch(
      /cloudtrail_events_by_user_name_time \(user_name=\? AND time>\?\)/,
    );
    expect(countPlan('time:2024-01-01')).toMatch(/cloudtrail_events_by_time \(time>\? AND time<\?\)/);
  });

  it('looks full-text hits up by rowid', () => {
    expect(countPlan('alice')).toMatch(
      /SEARCH events USING INTEGER PRIMARY KEY \(rowid=\?\)[\s\S]*SCAN timeline_fts VIRTUAL TABLE/,
    );
  });
});
