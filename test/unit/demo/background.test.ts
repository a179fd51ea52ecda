import { describe, expect, it } from 'vitest';
import { buildAccount, CI_DEPLOY_ACCESS_KEY } from '../../../main/demo/account.js';
import { backgroundActivity, humanActivity } from '../../../main/demo/background.js';
import type { UserIdentity } from '../../../main/demo/cloudtrail-factory.js';
import { normalizeCloudTrailRecord } from '../../../main/ingest/sources/cloudtrail/normalize.js';
import { expectCloudTrailShape } from './record-shape.js';

const account = buildAccount();
const start = Date.UTC(2025, 2, 10); // a Monday
const end = start + 2 * 86_400_000;

describe('backgroundActivity', () => {
  it('produces exactly the asked number of records, in time order, inside the range', () => {
    const records = [...backgroundActivity({ seed: 1, account, start, end, events: 3000 })];
    expect(records).toHaveLength(3000);
    const times = records.map((record) => Date.parse(record.eventTime));
    expect(times.every((time, i) => time >= start && time < end && (i === 0 || time >= (times[i - 1] as number)))).toBe(
      true,
    );
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => JSON.stringify([...backgroundActivity({ seed, account, start, end, events: 500 })]);
    expect(run(9)).toBe(run(9));
    expect(run(9)).not.toBe(run(10));
  });

  it('gives every record the real CloudTrail shape, readable by the normalizer', () => {
    const records = [...backgroundActivity({ seed: 2, account, start, end, events: 4000 })];
    const types = new Set<string>();
    const eventTypes = new Set<string>();
    for (const record of records) {
      expectCloudTrailShape(record);
      types.add('type' in record.userIdentity ? record.userIdentity.type : 'service event');
      eventTypes.add(record.eventType);
      const raw = JSON.stringify(record);
      const result = normalizeCloudTrailRecord(JSON.parse(raw), raw);
      expect('error' in result ? result.error : null).toBeNull();
    }
    expect([...types].sort()).toEqual(expect.arrayContaining(['AWSService', 'AssumedRole', 'IAMUser']));
    expect([...eventTypes].sort()).toEqual(['AwsApiCall', 'AwsConsoleSignIn']);
    expect(records.some((record) => (record.userIdentity as UserIdentity).accessKeyId === CI_DEPLOY_ACCESS_KEY)).toBe(
      true,
    );
    expect(records.some((record) => record.eventCategory === 'Data')).toBe(true);
    expect(records.some((record) => record.errorCode !== undefined)).toBe(true);
  });

  it('is busier on weekday working hours than at night or at the weekend', () => {
    expect(humanActivity(Date.UTC(2025, 2, 12, 11))).toBeGreaterThan(humanActivity(Date.UTC(2025, 2, 12, 3)) * 10);
    expect(humanActivity(Date.UTC(2025, 2, 15, 11))).toBeLessThan(humanActivity(Date.UTC(2025, 2, 12, 11)) / 10);
  });

  it('switches CI to the rotated key when asked', () => {
    const rotation = { at: start + 86_400_000, accessKey: 'AKIAROTATEDKEY234567' };
    const records = [...backgroundActivity({ seed: 3, account, start, end, events: 6000, ciKeyRotation: rotation })];
    const ciKeys = records
      .filter((record) => (record.userIdentity as UserIdentity).userName === 'ci-deploy')
      .map(
        (record) =>
          [Date.parse(record.eventTime) >= rotation.at, (record.userIdentity as UserIdentity).accessKeyId] as const,
      );
    expect(ciKeys.filter(([after]) => !after).every(([, key]) => key === CI_DEPLOY_ACCESS_KEY)).toBe(true);
    expect(ciKeys.filter(([after]) => after).every(([, key]) => key === rotation.accessKey)).toBe(true);
  });
});
