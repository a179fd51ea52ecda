import { describe, expect, it } from 'vitest';
import { countInto, emptyHistogram, niceBucketWidth } from '../../../../main/analysis/profile/histogram.js';
import { buildProfile } from '../../../../main/analysis/profile/profile.js';
import { TrailWriter } from '../lineage/chain-fixtures.js';
import { loadTrail } from '../lineage/trail-loader.js';

const OTRF = 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json';
const PANTHER = 'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json';
const HOUR = 3_600_000;

describe('histogram', () => {
  it('picks nice widths giving at most ~60 buckets', () => {
    expect(niceBucketWidth(0, 60 * 60_000)).toBe(60_000); // one hour → 1 min
    expect(niceBucketWidth(0, 61 * 60_000)).toBe(2 * 60_000);
    expect(niceBucketWidth(0, 30 * 24 * HOUR)).toBe(12 * HOUR);
    expect(niceBucketWidth(0, 10)).toBe(1000);
    expect(niceBucketWidth(0, 200 * 365 * 24 * HOUR)).toBe(4 * 365 * 24 * HOUR);
  });

  it('aligns the start to the width and drops times outside', () => {
    const from = Date.UTC(2024, 0, 1, 10, 7, 30);
    const histogram = emptyHistogram(from, from + HOUR);
    expect(histogram.bucketMs).toBe(60_000);
    expect(histogram.start).toBe(Date.UTC(2024, 0, 1, 10, 7, 0));
    expect(histogram.counts).toHaveLength(61);
    countInto(histogram, from);
    countInto(histogram, from + 59_000);
    countInto(histogram, from - HOUR);
    countInto(histogram, from + 2 * HOUR);
    expect(histogram.counts[0]).toBe(1);
    expect(histogram.counts[1]).toBe(1);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('profile of pedro’s session key in OTRF ec2_proxy_s3_exfiltration', () => {
  const key = 'ASIA5FLZVX4OI4ZDQJOL';
  const events = loadTrail(OTRF).filter((e) => e.accessKeyId === key);
  const from = Date.parse('2020-09-14T00:53:00Z');
  const to = Date.parse('2020-09-14T01:20:00Z');
  const profile = buildProfile('accessKey', key, events, { from, to });

  it('counts the scope range and spans every event for first/last seen', () => {
    // jq -s -c '[.[]|select(.userIdentity.accessKeyId=="ASIA5FLZVX4OI4ZDQJOL")]|{n:length,first:(map(."@timestamp")|min),last:(map(."@timestamp")|max)}'
    // → 87 events, 00:44:20 … 00:57:44, no errorCode
    expect(profile.firstSeen).toBe(Date.parse('2020-09-14T00:44:20Z'));
    expect(profile.lastSeen).toBe(Date.parse('2020-09-14T00:57:44Z'));
    // jq … select(... and ."@timestamp">="2020-09-14T00:53:00.000Z") | length → 48
    expect(profile.total).toBe(48);
    expect(profile.errors).toBe(0);
    expect(profile.errorRate).toBe(0);
    // group_by(.eventName) sorted by count: DescribeInstances 7, DescribeInstanceStatus 6, DescribeAddresses 5
    expect(profile.eventNames.slice(0, 3)).toEqual([
      { value: 'DescribeInstances', count: 7 },
      { value: 'DescribeInstanceStatus', count: 6 },
      { value: 'DescribeAddresses', count: 5 },
    ]);
    expect(profile.regions).toEqual([{ value: 'us-east-1', count: 48 }]);
    expect(profile.keys).toEqual([{ value: key, count: 48 }]);
    expect(profile.principals).toEqual([{ value: 'arn:aws:iam::123456789123:user/pedro', count: 48 }]);
    expect(profile.userAgents).toHaveLength(2); // jq … map(.userAgent)|unique|length → 2
    expect(profile.histogram.counts.reduce((a, b) => a + b, 0)).toBe(48);
    expect(profile.histogram.bucketMs).toBe(30_000); // 27 minutes / 60 → 27 s → 30 s
  });

  it('lists the event names new in the range', () => {
    // jq: (names before 00:53) as $b | (names in range) - $b
    expect(profile.unusual).toEqual({
      newEventNames: [
        'DescribeClassicLinkInstances',
        'DescribeKeyPairs',
        'DescribePlacementGroups',
        'DescribeSecurityGroups',
      ],
      newIps: [],
      newRegions: [],
      newUserAgents: [],
    });
  });
});

describe('profile of the root principal in the panther scenario', () => {
  const rootArn = 'arn:aws:iam::493859302102:root';
  const events = loadTrail(PANTHER).filter((e) => e.principalArn === rootArn);
  const profile = buildProfile('principal', rootArn, events, {
    from: Date.parse('2020-10-30T00:00:00Z'),
    to: Date.parse('2020-11-01T23:59:59Z'),
  });

  it('flags the attacker address, tooling and actions as new against the weeks before', () => {
    // jq -c '[.Records[]|select(.userIdentity.type=="Root" and .eventTime>="2020-10-30T00:00:00Z" and .eventTime<="2020-11-01T23:59:59Z")]
    //   | {n:length, errors:(map(select(.errorCode))|length), ips:(map(.sourceIPAddress)|unique), names:(map(.eventName)|unique)}'
    // → 11 events, 1 error (StopLogging), ip 92.55.146.245; before: 71.253.251.71, ConsoleLogin + SetContactAddress, "Mozilla"
    expect(profile.total).toBe(11);
    expect(profile.errors).toBe(1);
    expect(profile.errorRate).toBeCloseTo(1 / 11);
    expect(profile.unusual.newIps).toEqual(['92.55.146.245']);
    expect(profile.unusual.newEventNames).toEqual(['AttachUserPolicy', 'CreateAccessKey', 'CreateUser', 'StopLogging']);
    expect(profile.unusual.newUserAgents).toEqual([
      'aws-cli/1.18.39 Python/3.7.2 Darwin/19.4.0 botocore/1.15.24',
      'console.amazonaws.com',
    ]);
    expect(profile.unusual.newRegions).toEqual([]);
    expect(profile.firstSeen).toBe(Date.parse('2020-10-15T06:00:00Z'));
  });
});

describe('generated profile', () => {
  it('keeps the top 20 event names and handles an empty range', () => {
    const trail = new TrailWriter();
    for (let i = 0; i < 25; i += 1)
      for (let n = 0; n <= i; n += 1)
        trail.add({ eventName: `Action${String(i).padStart(2, '0')}`, accessKeyId: 'AKIAX' });
    const all = { from: trail.events[0]!.time, to: trail.events.at(-1)!.time };
    const profile = buildProfile('accessKey', 'AKIAX', trail.events, all);
    // Action24 happens 25 times, Action23 24 times, …: the top 20 are Action24 … Action05.
    expect(profile.eventNames).toHaveLength(20);
    expect(profile.eventNames[0]).toEqual({ value: 'Action24', count: 25 });
    expect(profile.eventNames.at(-1)).toEqual({ value: 'Action05', count: 6 });
    expect(profile.total).toBe((25 * 26) / 2);
    expect(profile.unusual.newEventNames).toHaveLength(25);

    const empty = buildProfile('accessKey', 'AKIAX', [], all);
    expect(empty).toMatchObject({ total: 0, errors: 0, errorRate: 0, firstSeen: null, lastSeen: null, eventNames: [] });
    expect(empty.histogram.counts.every((count) => count === 0)).toBe(true);
  });
});
