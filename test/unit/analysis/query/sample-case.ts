import type Database from 'better-sqlite3';
import { openCase } from '../../../../main/store/open-case.js';

/** One hand-written CloudTrail-like row; unset fields are NULL. `resources` is stored as JSON. */
interface SampleEvent {
  id: number;
  time: string;
  eventName?: string;
  eventSource?: string;
  region?: string;
  principalArn?: string;
  principalType?: string;
  userName?: string;
  accessKeyId?: string;
  sessionIssuerArn?: string;
  sourceIp?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  readOnly?: boolean;
  resources?: string[];
  requestParameters?: object;
  responseElements?: object;
}

const ALICE = 'arn:aws:iam::123456789012:user/alice';
const BACKDOOR = 'arn:aws:iam::123456789012:user/backdoor';
const ADMIN_SESSION = 'arn:aws:sts::123456789012:assumed-role/AdminRole/session-1';
const CLI = 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64';

/**
 * A small incident: alice's key is used from a new IP to create a backdoor user, which then reads
 * and writes S3; an assumed role pokes at EC2; someone tampers with CloudTrail.
 * Rows are numbered so tests can name exactly what each query returns.
 */
// prettier-ignore
export const SAMPLE_EVENTS: readonly SampleEvent[] = [
  { id: 1, time: '2024-01-01T10:00:00Z', eventName: 'GetObject', eventSource: 's3.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: true, resources: ['arn:aws:s3:::prod-bucket/secret.txt', 'arn:aws:s3:::prod-bucket'], requestParameters: { bucketName: 'prod-bucket', key: 'secret.txt' } },
  { id: 2, time: '2024-01-01T10:05:00Z', eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: true },
  { id: 3, time: '2024-01-01T09:59:00Z', eventName: 'GetCallerIdentity', eventSource: 'sts.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: true },
  { id: 4, time: '2024-01-01T10:10:00Z', eventName: 'CreateUser', eventSource: 'iam.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: false, requestParameters: { userName: 'backdoor' }, responseElements: { user: { userName: 'backdoor', arn: BACKDOOR } } },
  { id: 5, time: '2024-01-01T10:11:00Z', eventName: 'CreateAccessKey', eventSource: 'iam.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: false, requestParameters: { userName: 'backdoor' }, responseElements: { accessKey: { accessKeyId: 'AKIABACKDOOR00000001', status: 'Active' } } },
  { id: 6, time: '2024-01-01T10:12:00Z', eventName: 'AttachUserPolicy', eventSource: 'iam.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: false, requestParameters: { userName: 'backdoor', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
  { id: 7, time: '2024-01-02T00:00:00Z', eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', principalArn: 'arn:aws:iam::123456789012:root', principalType: 'Root', sourceIp: '198.51.100.7', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', errorMessage: 'Failed authentication', readOnly: false, responseElements: { ConsoleLogin: 'Failure' } },
  { id: 8, time: '2024-01-02T12:00:00Z', eventName: 'GetObject', eventSource: 's3.amazonaws.com', principalArn: BACKDOOR, principalType: 'IAMUser', userName: 'backdoor', accessKeyId: 'AKIABACKDOOR00000001', sourceIp: '198.51.100.7', userAgent: CLI, errorCode: 'AccessDenied', errorMessage: `User: ${BACKDOOR} is not authorized to perform: s3:GetObject`, readOnly: true, resources: ['arn:aws:s3:::finance-bucket/q4.xlsx'], requestParameters: { bucketName: 'finance-bucket', key: 'q4.xlsx' } },
  // 9 and 10: literal % and _ in the data, and look-alikes that a careless LIKE would match.
  { id: 9, time: '2024-01-02T12:00:01Z', eventName: 'PutObject', eventSource: 's3.amazonaws.com', principalArn: BACKDOOR, principalType: 'IAMUser', userName: 'backdoor', accessKeyId: 'AKIABACKDOOR00000001', sourceIp: '198.51.100.7', userAgent: CLI, readOnly: false, resources: ['arn:aws:s3:::data_2024%/report_final.csv'], requestParameters: { bucketName: 'data_2024%', key: 'report_final.csv' } },
  { id: 10, time: '2024-01-02T12:00:02Z', eventName: 'PutObject', eventSource: 's3.amazonaws.com', principalArn: BACKDOOR, principalType: 'IAMUser', userName: 'backdoor', accessKeyId: 'AKIABACKDOOR00000001', sourceIp: '198.51.100.7', userAgent: CLI, readOnly: false, resources: ['arn:aws:s3:::data-2024x/reportXfinal.csv'], requestParameters: { bucketName: 'data-2024x', key: 'reportXfinal.csv' } },
  { id: 11, time: '2024-01-03T08:00:00Z', eventName: 'AssumeRole', eventSource: 'sts.amazonaws.com', principalArn: BACKDOOR, principalType: 'IAMUser', userName: 'backdoor', accessKeyId: 'AKIABACKDOOR00000001', sourceIp: '10.0.0.5', userAgent: 'Boto3/1.34.0 Python/3.12.1', readOnly: false, resources: ['arn:aws:iam::123456789012:role/AdminRole'], requestParameters: { roleArn: 'arn:aws:iam::123456789012:role/AdminRole', roleSessionName: 'session-1' } },
  { id: 12, time: '2024-01-03T08:01:00Z', eventName: 'DescribeInstances', eventSource: 'ec2.amazonaws.com', region: 'eu-west-1', principalArn: ADMIN_SESSION, principalType: 'AssumedRole', accessKeyId: 'ASIATEMP000000000001', sessionIssuerArn: 'arn:aws:iam::123456789012:role/AdminRole', sourceIp: '10.0.0.5', userAgent: 'Boto3/1.34.0 Python/3.12.1', readOnly: true },
  { id: 13, time: '2024-01-03T08:02:00Z', eventName: 'RunInstances', eventSource: 'ec2.amazonaws.com', region: 'eu-west-1', principalArn: ADMIN_SESSION, principalType: 'AssumedRole', accessKeyId: 'ASIATEMP000000000001', sessionIssuerArn: 'arn:aws:iam::123456789012:role/AdminRole', sourceIp: '10.0.0.5', userAgent: 'Boto3/1.34.0 Python/3.12.1', errorCode: 'Client.UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.', readOnly: false, requestParameters: { instanceType: 'p4d.24xlarge', minCount: 10 } },
  { id: 14, time: '2024-01-03T09:00:00Z', eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: false, requestParameters: { name: 'org-trail' } },
  { id: 15, time: '2024-01-03T09:01:00Z', eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: false, requestParameters: { name: 'org-trail' } },
  // 16: a hostile user agent full of FTS5 syntax.
  { id: 16, time: '2024-01-03T10:00:00Z', eventName: 'GetSecretValue', eventSource: 'secretsmanager.amazonaws.com', principalArn: BACKDOOR, principalType: 'IAMUser', userName: 'backdoor', accessKeyId: 'AKIABACKDOOR00000001', sourceIp: '198.51.100.7', userAgent: 'evil "agent" NEAR(x) AND OR * -rf', readOnly: true, resources: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password'], requestParameters: { secretId: 'db-password' } },
  // 17: an empty (not NULL) user name; 18: IPv6 source typed in upper case.
  { id: 17, time: '2024-01-04T00:00:00Z', eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', principalArn: ADMIN_SESSION, principalType: 'AssumedRole', userName: '', accessKeyId: 'ASIATEMP000000000001', sourceIp: '10.0.0.5', readOnly: true },
  { id: 18, time: '2024-01-04T01:00:00Z', eventName: 'ListRoles', eventSource: 'iam.amazonaws.com', principalArn: ADMIN_SESSION, principalType: 'AssumedRole', accessKeyId: 'ASIATEMP000000000001', sourceIp: '2001:DB8::1', readOnly: true },
  // 19: read-only unknown (NULL); 20: the last millisecond of 2023.
  { id: 19, time: '2024-01-04T02:00:00Z', eventName: 'ListAccessKeys', eventSource: 'iam.amazonaws.com', principalArn: ADMIN_SESSION, principalType: 'AssumedRole', accessKeyId: 'ASIATEMP000000000001', sourceIp: '10.0.0.5' },
  { id: 20, time: '2023-12-31T23:59:59.999Z', eventName: 'GetBucketAcl', eventSource: 's3.amazonaws.com', principalArn: ALICE, principalType: 'IAMUser', userName: 'alice', accessKeyId: 'AKIAALICE00000000001', sourceIp: '203.0.113.10', userAgent: CLI, readOnly: true, resources: ['arn:aws:s3:::prod-bucket'] },
];

/** The words full-text search sees for a row, as the brief for this test describes them. */
function fullTextDoc(event: SampleEvent): string {
  return [
    event.eventName,
    event.principalArn,
    event.userName,
    event.accessKeyId,
    event.sourceIp,
    event.userAgent,
    event.errorCode,
    event.errorMessage,
    event.resources?.join(' '),
    event.requestParameters && JSON.stringify(event.requestParameters),
  ]
    .filter((part) => part)
    .join(' ');
}

/** A migrated in-memory case holding SAMPLE_EVENTS. */
export function openSampleCase(): Database.Database {
  const db = openCase(':memory:');
  db.prepare(
    `INSERT INTO evidence_files(id, path, name, bytes, sha256, imported_at, status) VALUES (1, 'fixture', 'fixture', 0, '', 0, 'ingested')`,
  ).run();
  const insertSpine = db.prepare(
    `INSERT INTO timeline(id, time, source, file_id, locator, dedupe_key) VALUES (?, ?, 'cloudtrail', 1, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO cloudtrail_events(id, time, event_name, event_source, region, account_id, principal_arn, principal_type,
       user_name, access_key_id, session_issuer_arn, source_ip, user_agent, error_code, error_message, read_only,
       resources, request_parameters, response_elements, event_id, event_type)
     VALUES (?, ?, ?, ?, ?, '123456789012', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AwsApiCall')`,
  );
  const insertDoc = db.prepare(`INSERT INTO timeline_fts(rowid, doc) VALUES (?, ?)`);
  db.transaction(() => {
    for (const event of SAMPLE_EVENTS) {
      insertSpine.run(event.id, Date.parse(event.time), `record ${event.id}`, `sample-${event.id}`);
      insertEvent.run(
        event.id,
        Date.parse(event.time),
        event.eventName ?? null,
        event.eventSource ?? null,
        event.region ?? 'us-east-1',
        event.principalArn ?? null,
        event.principalType ?? null,
        event.userName ?? null,
        event.accessKeyId ?? null,
        event.sessionIssuerArn ?? null,
        event.sourceIp ?? null,
        event.userAgent ?? null,
        event.errorCode ?? null,
        event.errorMessage ?? null,
        event.readOnly === undefined ? null : Number(event.readOnly),
        event.resources ? JSON.stringify(event.resources) : null,
        event.requestParameters ? JSON.stringify(event.requestParameters) : null,
        event.responseElements ? JSON.stringify(event.responseElements) : null,
        `event-${event.id}`,
      );
      insertDoc.run(event.id, fullTextDoc(event));
    }
  })();
  return db;
}
