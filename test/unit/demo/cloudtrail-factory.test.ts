import { describe, expect, it } from 'vitest';
import {
  CloudTrailFactory,
  accessDenied,
  assumedRoleIdentity,
  awsServiceIdentity,
  formatEventTime,
  formatStsExpiration,
  iamUserIdentity,
  rootIdentity,
  type Actor,
  type RoleRef,
} from '../../../main/demo/cloudtrail-factory.js';
import { Rng } from '../../../main/demo/prng.js';
import { normalizeCloudTrailRecord } from '../../../main/ingest/sources/cloudtrail/normalize.js';
import { expectCloudTrailShape } from './record-shape.js';

const ACCOUNT = '111122223333';
const T = Date.UTC(2025, 2, 12, 2, 13, 41, 250);
const ROLE: RoleRef = { name: 'deploy-role', roleId: 'AROAEXAMPLEROLEID0001', accountId: ACCOUNT };
const alice: Actor = {
  identity: iamUserIdentity(ACCOUNT, 'alice', 'AIDAEXAMPLEUSERID0001', 'AKIAABCDEFGHIJKLMNOP'),
  sourceIp: '198.51.100.7',
  userAgent: 'aws-cli/2.15.17 Python/3.11.6 Darwin/23.3.0 exe/x86_64 prompt/off command/iam.list-users',
};

describe('CloudTrailFactory', () => {
  it('writes times as CloudTrail does and STS expirations as STS does', () => {
    expect(formatEventTime(T)).toBe('2025-03-12T02:13:41Z');
    expect(formatStsExpiration(T)).toBe('Mar 12, 2025, 2:13:41 AM');
    expect(formatStsExpiration(Date.UTC(2025, 0, 1, 13, 5, 9))).toBe('Jan 1, 2025, 1:05:09 PM');
    expect(formatStsExpiration(Date.UTC(2025, 0, 1, 0, 0, 0))).toBe('Jan 1, 2025, 12:00:00 AM');
  });

  it('builds an IAM user API call with the real keys, in the real order', () => {
    const factory = new CloudTrailFactory(new Rng(1), ACCOUNT);
    const record = factory.apiCall({
      time: T,
      actor: alice,
      region: 'eu-west-1',
      eventSource: 'iam.amazonaws.com',
      eventName: 'ListUsers',
      readOnly: true,
    });
    expectCloudTrailShape(record);
    expect(record.awsRegion).toBe('us-east-1'); // IAM is global: recorded in us-east-1
    expect(record.tlsDetails?.clientProvidedHostHeader).toBe('iam.amazonaws.com');
    expect(record.requestID).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.userIdentity).toEqual({
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEUSERID0001',
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      accessKeyId: 'AKIAABCDEFGHIJKLMNOP',
      userName: 'alice',
    });
  });

  it('is deterministic for a seed', () => {
    const make = (seed: number) =>
      JSON.stringify(
        new CloudTrailFactory(new Rng(seed), ACCOUNT).apiCall({
          time: T,
          actor: alice,
          region: 'us-east-1',
          eventSource: 'sts.amazonaws.com',
          eventName: 'GetCallerIdentity',
          readOnly: true,
        }),
      );
    expect(make(5)).toBe(make(5));
    expect(make(5)).not.toBe(make(6));
  });

  it('records denials with the wording and code of each service', () => {
    const factory = new CloudTrailFactory(new Rng(1), ACCOUNT);
    const iam = accessDenied('iam.amazonaws.com', alice, 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`);
    expect(iam.code).toBe('AccessDenied');
    expect(iam.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`,
    );
    expect(accessDenied('ec2.amazonaws.com', alice, 'ec2:RunInstances', null).code).toBe(
      'Client.UnauthorizedOperation',
    );
    expect(accessDenied('guardduty.amazonaws.com', alice, 'guardduty:DeleteDetector', null, 'scp').message).toContain(
      'explicit deny in a service control policy',
    );
    const record = factory.apiCall({
      time: T,
      actor: alice,
      region: 'us-east-1',
      eventSource: 'iam.amazonaws.com',
      eventName: 'ListUsers',
      readOnly: true,
      responseElements: { ignored: true },
      error: iam,
    });
    expectCloudTrailShape(record);
    expect(record.errorCode).toBe('AccessDenied');
    expect(record.responseElements).toBeNull();
  });

  it('shapes S3 object calls as data events with object and bucket resources', () => {
    const factory = new CloudTrailFactory(new Rng(1), ACCOUNT);
    const record = factory.s3Call({
      time: T,
      actor: alice,
      region: 'eu-west-1',
      eventName: 'GetObject',
      bucket: 'b1',
      key: 'a/b.csv',
      readOnly: true,
      bytesOut: 1234,
    });
    expectCloudTrailShape(record);
    expect(record.eventCategory).toBe('Data');
    expect(record.managementEvent).toBe(false);
    expect(record.userAgent).toBe(`[${alice.userAgent}]`);
    expect(record.requestID).toMatch(/^[0-9A-F]{16}$/);
    expect(record.requestParameters).toEqual({
      bucketName: 'b1',
      Host: 'b1.s3.eu-west-1.amazonaws.com',
      key: 'a/b.csv',
    });
    expect(record.additionalEventData).toMatchObject({ bytesTransferredOut: 1234, SignatureVersion: 'SigV4' });
    expect(record.resources).toEqual([
      { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b1/a/b.csv' },
      { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::b1' },
    ]);
    const bucketLevel = factory.s3Call({
      time: T,
      actor: alice,
      region: 'eu-west-1',
      eventName: 'PutBucketPolicy',
      bucket: 'b1',
      readOnly: false,
    });
    expect(bucketLevel.eventCategory).toBe('Management');
  });

  it('shapes AssumeRole with the issued session and the role as resource', () => {
    const factory = new CloudTrailFactory(new Rng(1), ACCOUNT);
    const service: Actor = {
      identity: awsServiceIdentity('lambda.amazonaws.com'),
      sourceIp: 'lambda.amazonaws.com',
      userAgent: 'lambda.amazonaws.com',
    };
    const record = factory.assumeRole({
      time: T,
      actor: service,
      region: 'us-east-1',
      role: ROLE,
      sessionName: 'fn',
      issuedKey: 'ASIAABCDEFGHIJKLMNOP',
      sessionToken: 'IQoJb3JpZ2luX2Vjxyz',
    });
    expectCloudTrailShape(record);
    expect(record.tlsDetails).toBeUndefined();
    expect(record.sharedEventID).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.resources).toEqual([
      { accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: `arn:aws:iam::${ACCOUNT}:role/deploy-role` },
    ]);
    expect(record.responseElements).toMatchObject({
      credentials: { accessKeyId: 'ASIAABCDEFGHIJKLMNOP', expiration: 'Mar 12, 2025, 3:13:41 AM' },
      assumedRoleUser: {
        assumedRoleId: 'AROAEXAMPLEROLEID0001:fn',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy-role/fn`,
      },
    });
  });

  it('builds role sessions, root, console sign-ins and service events', () => {
    const factory = new CloudTrailFactory(new Rng(1), ACCOUNT);
    const session: Actor = {
      identity: assumedRoleIdentity(ROLE, 'i-0123456789abcdef0', 'ASIAABCDEFGHIJKLMNOP', T - 60_000, { ec2: true }),
      sourceIp: '10.0.0.5',
      userAgent: 'Boto3/1.34.34',
      vpcEndpointId: 'vpce-0123456789abcdef0',
    };
    const call = factory.apiCall({
      time: T,
      actor: session,
      region: 'us-west-2',
      eventSource: 'ssm.amazonaws.com',
      eventName: 'GetParameter',
      readOnly: true,
      requestParameters: { name: '/x' },
    });
    expectCloudTrailShape(call);
    expect(call.vpcEndpointId).toBe('vpce-0123456789abcdef0');
    expect(call.tlsDetails?.clientProvidedHostHeader).toBe('ssm.us-west-2.amazonaws.com');

    const root = factory.consoleLogin({
      time: T,
      identity: rootIdentity(ACCOUNT),
      sourceIp: '198.51.100.7',
      userAgent: 'Mozilla/5.0',
      mfaArn: `arn:aws:iam::${ACCOUNT}:mfa/root`,
    });
    expectCloudTrailShape(root);
    expect(root.eventType).toBe('AwsConsoleSignIn');
    expect(root.userIdentity).toMatchObject({ type: 'Root', accessKeyId: '' });
    expect(root.responseElements).toEqual({ ConsoleLogin: 'Success' });

    const failed = factory.consoleLogin({
      time: T,
      identity: alice.identity,
      sourceIp: '198.51.100.7',
      userAgent: 'Mozilla/5.0',
      failed: true,
    });
    expectCloudTrailShape(failed);
    expect(failed.errorMessage).toBe('Failed authentication');
    expect(failed.userIdentity).not.toHaveProperty('accessKeyId');

    const rotation = factory.serviceEvent({
      time: T,
      region: 'us-east-1',
      eventSource: 'kms.amazonaws.com',
      eventName: 'RotateKey',
    });
    expectCloudTrailShape(rotation);
    expect(rotation.userIdentity).toEqual({ accountId: ACCOUNT, invokedBy: 'kms.amazonaws.com' });
  });

  it('produces records the CloudTrail normalizer reads without complaint', () => {
    const factory = new CloudTrailFactory(new Rng(1), ACCOUNT);
    const record = factory.apiCall({
      time: T,
      actor: alice,
      region: 'us-east-1',
      eventSource: 'iam.amazonaws.com',
      eventName: 'ListUsers',
      readOnly: true,
    });
    const raw = JSON.stringify(record);
    const result = normalizeCloudTrailRecord(JSON.parse(raw), raw);
    expect('event' in result && result.event).toMatchObject({
      time: Date.UTC(2025, 2, 12, 2, 13, 41),
      eventName: 'ListUsers',
      userName: 'alice',
      accessKeyId: 'AKIAABCDEFGHIJKLMNOP',
      principalType: 'IAMUser',
      accountId: ACCOUNT,
      readOnly: true,
    });
  });
});
