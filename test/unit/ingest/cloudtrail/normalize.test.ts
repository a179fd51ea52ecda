import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../../main/core/event.js';
import { parseEventTime } from '../../../../main/ingest/sources/cloudtrail/event-time.js';
import { normalizeCloudTrailRecord } from '../../../../main/ingest/sources/cloudtrail/normalize.js';

function normalized(record: unknown): NormalizedEvent {
  const raw = JSON.stringify(record);
  const result = normalizeCloudTrailRecord(record, raw);
  if ('error' in result) throw new Error(result.error);
  return result.event;
}

function failure(record: unknown): string {
  const result = normalizeCloudTrailRecord(record, JSON.stringify(record));
  if ('event' in result) throw new Error('expected an error');
  return result.error;
}

describe('normalizeCloudTrailRecord', () => {
  it('maps an assumed-role record field by field', () => {
    const record = {
      eventVersion: '1.08',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLE:session-7',
        arn: 'arn:aws:sts::111122223333:assumed-role/Deployer/session-7',
        accountId: '111122223333',
        accessKeyId: 'ASIAEXAMPLE',
        sessionContext: {
          sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/Deployer', userName: 'Deployer' },
        },
      },
      eventTime: '2023-04-05T06:07:08Z',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateRole',
      awsRegion: 'us-east-1',
      sourceIPAddress: '203.0.113.9',
      userAgent: 'aws-cli/2',
      errorCode: 'AccessDenied',
      errorMessage: 'nope',
      requestParameters: { roleName: 'x' },
      responseElements: null,
      eventID: 'e-1',
      eventType: 'AwsApiCall',
      readOnly: false,
      recipientAccountId: '444455556666',
      resources: [{ ARN: 'arn:aws:iam::111122223333:role/x', type: 'AWS::IAM::Role' }],
    };
    const event = normalized(record);
    expect(event).toEqual({
      time: 1680674828000, // python: datetime(2023,4,5,6,7,8,tzinfo=utc).timestamp()*1000
      source: 'cloudtrail',
      eventName: 'CreateRole',
      eventSource: 'iam.amazonaws.com',
      region: 'us-east-1',
      accountId: '444455556666',
      principalArn: 'arn:aws:sts::111122223333:assumed-role/Deployer/session-7',
      principalType: 'AssumedRole',
      userName: 'session-7',
      accessKeyId: 'ASIAEXAMPLE',
      sessionIssuerArn: 'arn:aws:iam::111122223333:role/Deployer',
      sourceIp: '203.0.113.9',
      userAgent: 'aws-cli/2',
      errorCode: 'AccessDenied',
      errorMessage: 'nope',
      readOnly: false,
      resources: ['arn:aws:iam::111122223333:role/x'],
      requestParameters: '{"roleName":"x"}',
      responseElements: null,
      eventId: 'e-1',
      eventType: 'AwsApiCall',
      raw: JSON.stringify(record),
    });
  });

  it('keeps anonymized odd values as they are (leading-zero IPv4, made-up region)', () => {
    const event = normalized({
      eventTime: '2024-08-01T11:30:23Z',
      awsRegion: 'ca-south-3r',
      sourceIPAddress: '075.050.255.67',
    });
    expect(event.sourceIp).toBe('075.050.255.67');
    expect(event.region).toBe('ca-south-3r');
  });

  it('takes the account from userIdentity when recipientAccountId is absent', () => {
    expect(normalized({ eventTime: '2020-01-01T00:00:00Z', userIdentity: { accountId: '123' } }).accountId).toBe('123');
    expect(normalized({ eventTime: '2020-01-01T00:00:00Z', recipientAccountId: 123456789012 }).accountId).toBe(
      '123456789012',
    );
  });

  it('derives the user name: userName first, else root, IAM user or assumed-role session', () => {
    const t = '2020-01-01T00:00:00Z';
    expect(normalized({ eventTime: t, userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' } }).userName).toBe(
      'root',
    );
    expect(
      normalized({ eventTime: t, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/ops/alice' } }).userName,
    ).toBe('alice');
    expect(
      normalized({ eventTime: t, userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/R' } })
        .userName,
    ).toBeNull();
    expect(
      normalized({ eventTime: t, userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' } }).userName,
    ).toBeNull();
    expect(
      normalized({ eventTime: t, userIdentity: { type: 'IAMUser', userName: 'bob', arn: 'arn:aws:iam::1:user/alice' } })
        .userName,
    ).toBe('bob');
  });

  it('reads readOnly from booleans and "true"/"false" strings only', () => {
    const t = '2020-01-01T00:00:00Z';
    expect(normalized({ eventTime: t, readOnly: 'true' }).readOnly).toBe(true);
    expect(normalized({ eventTime: t, readOnly: 'FALSE' }).readOnly).toBe(false);
    expect(normalized({ eventTime: t, readOnly: 'maybe' }).readOnly).toBeNull();
    expect(normalized({ eventTime: t }).readOnly).toBeNull();
  });

  it('lists resources by ARN, arn, ARNPrefix, or name when there is no ARN', () => {
    const event = normalized({
      eventTime: '2020-01-01T00:00:00Z',
      resources: [
        { ARN: 'arn:a' },
        { arn: 'arn:b' },
        { ARNPrefix: 'arn:aws:s3:::bucket/' },
        { ResourceType: 'AWS::EC2::Instance', ResourceName: 'i-123' },
        { type: 'AWS::KMS::Key' },
        'junk',
      ],
    });
    expect(event.resources).toEqual(['arn:a', 'arn:b', 'arn:aws:s3:::bucket/', 'i-123']);
  });

  it('reports records without a usable time, and non-objects', () => {
    expect(failure({ eventName: 'X' })).toBe('the record has no eventTime');
    expect(failure({ eventTime: 'redacted' })).toBe('eventTime "redacted" is not a date');
    expect(failure([1, 2])).toMatch(/found an array/);
    expect(failure('text')).toMatch(/found a string/);
  });

  it('uses Logstash @timestamp when eventTime was renamed', () => {
    expect(normalized({ '@timestamp': '2020-09-14T00:44:23.000Z', eventName: 'X' }).time).toBe(1600044263000);
  });
});

describe('parseEventTime', () => {
  it('reads ISO times with Z, offsets, and fractions', () => {
    expect(parseEventTime('2016-01-26T21:42:12Z')).toBe(1453844532000);
    expect(parseEventTime('2021-11-18T09:41:02-08:00')).toBe(1637257262000);
    expect(parseEventTime('2020-09-14T00:44:23.123456Z')).toBe(1600044263123);
  });

  it('reads zone-less times as UTC, whatever the machine zone (Panther, Athena, Lake spellings)', () => {
    expect(parseEventTime('2025-01-21 17:49:47.000000000')).toBe(1737481787000);
    expect(parseEventTime('2022-11-21 18:06:52')).toBe(1669054012000);
  });

  it('rejects what is not a date', () => {
    for (const value of [
      'redacted',
      '...',
      '',
      '2021-02-30T00:00:00Z',
      '2021-13-01T00:00:00Z',
      'Tuesday',
      1600044263000,
      null,
    ]) {
      expect(parseEventTime(value)).toBeNull();
    }
  });

  it('accepts other spellings only when they name their zone', () => {
    expect(parseEventTime('Tue, 18 Feb 2022 17:34:57 GMT')).toBe(1645205697000);
    expect(parseEventTime('Feb 18, 2022 5:34:57 PM')).toBeNull();
  });
});
