import { expect } from 'vitest';
import type { CloudTrailRecord } from '../../../main/demo/cloudtrail-factory.js';

/** Keys every CloudTrail record carries (format 1.08+). */
const REQUIRED_KEYS = [
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'requestParameters',
  'responseElements',
  'eventID',
  'readOnly',
  'eventType',
  'managementEvent',
  'recipientAccountId',
  'eventCategory',
] as const;

/** The order AWS writes keys in; present keys must follow it. */
const KEY_ORDER = [
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'serviceEventDetails',
  'sharedEventID',
  'vpcEndpointId',
  'eventCategory',
  'tlsDetails',
  'sessionCredentialFromConsole',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Asserts that a record has the shape AWS gives it. */
export function expectCloudTrailShape(record: CloudTrailRecord): void {
  const keys = Object.keys(record);
  for (const key of REQUIRED_KEYS) expect(keys, `${record.eventName} lacks ${key}`).toContain(key);
  const positions = keys.map((key) => KEY_ORDER.indexOf(key));
  expect(
    positions.every((position) => position >= 0),
    `unknown key in ${keys.join(',')}`,
  ).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(['1.08', '1.09']).toContain(record.eventVersion);
  expect(record.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(record.eventSource).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
  expect(record.eventID).toMatch(UUID);
  expect(record.recipientAccountId).toMatch(/^\d{12}$/);
  expect(['AwsApiCall', 'AwsConsoleSignIn', 'AwsServiceEvent']).toContain(record.eventType);
  expect(record.managementEvent).toBe(record.eventCategory === 'Management');
  if (record.errorCode !== undefined) expect(record.responseElements).toBeNull();

  const identity = record.userIdentity;
  if (!('type' in identity)) {
    expect(record.eventType).toBe('AwsServiceEvent');
    expect(identity.invokedBy).toBe(record.eventSource);
    return;
  }
  switch (identity.type) {
    case 'IAMUser':
      expect(identity.principalId).toMatch(/^AIDA[A-Z0-9]{17}$/);
      expect(identity.arn).toBe(`arn:aws:iam::${identity.accountId}:user/${identity.userName}`);
      if (record.eventName !== 'ConsoleLogin') expect(identity.accessKeyId).toMatch(/^(AKIA|ASIA)[A-Z2-7]{16}$/);
      break;
    case 'AssumedRole': {
      const issuer = identity.sessionContext?.sessionIssuer;
      expect(issuer?.type).toBe('Role');
      expect(identity.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(identity.arn).toMatch(new RegExp(`^arn:aws:sts::\\d{12}:assumed-role/${issuer?.userName}/.+$`));
      expect(identity.principalId).toBe(`${issuer?.principalId}:${identity.arn?.split('/')[2]}`);
      expect(identity.sessionContext?.attributes.creationDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      break;
    }
    case 'Root':
      expect(identity.arn).toBe(`arn:aws:iam::${identity.accountId}:root`);
      expect(identity.principalId).toBe(identity.accountId);
      break;
    case 'AWSService':
      expect(identity.invokedBy).toMatch(/\.amazonaws\.com$/);
      expect(record.sourceIPAddress).toBe(identity.invokedBy);
      break;
    case 'AWSAccount':
      expect(identity.accountId).toBe('anonymous');
      break;
  }
}
