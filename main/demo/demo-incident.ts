import { demoAuthorizationDetails } from './iam-snapshot.js';
import { writeDemoNetwork } from './network.js';
import { markDemoCase } from '../store/queries/case-meta.js';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPaths } from '../ingest/pipeline.js';
import { openCase } from '../store/open-case.js';
import { buildAccount, CI_DEPLOY_ACCESS_KEY, CI_DEPLOY_USER, DEMO_ACCOUNT_ID, type Account } from './account.js';
import { accessKeyId, ec2Id, sessionToken, uniqueId } from './aws-ids.js';
import { backgroundActivity } from './background.js';
import {
  CloudTrailFactory,
  accessDenied,
  anonymousIdentity,
  assumedRoleIdentity,
  formatStsExpiration,
  iamUserArn,
  iamUserConsoleIdentity,
  iamUserIdentity,
  type Actor,
  type CallError,
  type CloudTrailRecord,
  type CloudTrailResource,
  type JsonObject,
} from './cloudtrail-factory.js';
import { Rng } from './prng.js';
import { writeS3Delivery, type S3DeliverySummary } from './s3-delivery.js';
import { BOTO3_PACU, CHROME_MAC, FIREFOX_LINUX, cliOnKali } from './user-agents.js';

/**
 * The demo case: three days of an ordinary AWS account (account 111122223333) in which the CI
 * user's access key leaks and is used from a Tor exit node — recon, a backdoor admin user,
 * CloudTrail and flow logs turned off, customer exports downloaded and the bucket made public,
 * GPU instances started in a region nobody uses — until the security team contains it.
 * Everything is generated from a fixed seed: every run gives the same case.
 */

export const DEMO_SEED = 20250312;
/** Monday 2025-03-10 00:00 UTC to Thursday 2025-03-13 00:00 UTC. */
export const DEMO_START = Date.UTC(2025, 2, 10);
export const DEMO_END = Date.UTC(2025, 2, 13);
export const DEMO_BACKGROUND_EVENTS = 4000;

export const ATTACKER_IP = '185.220.101.47';
export const BACKDOOR_USER = 'backup-svc';
export const BACKDOOR_ACCESS_KEY = 'AKIA5QKZ7XJ2RWBK3SVQ';
/** The key CI moves to after containment. */
export const ROTATED_CI_ACCESS_KEY = 'AKIA5QKZ7XJ2T6HNVE4B';
export const EXFIL_BUCKET = 'acme-customer-exports';
export const IMPACT_REGIONS = ['ap-northeast-1', 'ap-southeast-1'] as const;
export const RESPONDER = 'jane.doe';
/** The user agent the intruder set to probe for HTML injection in log viewers: shown as text, never run. */
export const HOSTILE_USER_AGENT = '<script>alert("cairn")</script> sqlmap/1.7';

/** When the leaked key is first used (UTC). */
export const FIRST_ATTACKER_CALL = Date.UTC(2025, 2, 12, 2, 13, 41);
/** When the responders start containment (UTC). */
export const CONTAINMENT_START = Date.UTC(2025, 2, 12, 9, 22, 10);
/** From here on CI uses its new key (created by the responders a moment before). */
const CI_KEY_ROTATED_AT = CONTAINMENT_START + 110 * 1000;

const ALL_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Every record of the demo, in time order. */
export function demoRecords(): CloudTrailRecord[] {
  const account = buildAccount(DEMO_ACCOUNT_ID);
  const background = [
    ...backgroundActivity({
      seed: DEMO_SEED,
      account,
      start: DEMO_START,
      end: DEMO_END,
      events: DEMO_BACKGROUND_EVENTS,
      ciKeyRotation: { at: CI_KEY_ROTATED_AT, accessKey: ROTATED_CI_ACCESS_KEY },
    }),
  ];
  const incident = incidentRecords(account, new Rng(DEMO_SEED ^ 0x5eed));
  // ISO times of one format sort as text; the sort is stable, so a script's order within a second stays.
  return [...background, ...incident].sort((a, b) =>
    a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0,
  );
}

/** The intrusion and the response, step by step. */
export function incidentRecords(account: Account, rng: Rng): CloudTrailRecord[] {
  const story = new Story(account, rng);
  story.validateKey();
  story.recon();
  story.persistence();
  story.defenceEvasion();
  story.exfiltration();
  story.impact();
  story.containment();
  return story.records;
}

class Story {
  readonly records: CloudTrailRecord[] = [];
  private readonly factory: CloudTrailFactory;
  private readonly accountId: string;
  private clock = FIRST_ATTACKER_CALL;
  private readonly backdoorId: string;
  private readonly gpuInstances: { region: string; id: string }[] = [];
  private readonly responderSessionKey: string;
  private readonly responderSessionStart = CONTAINMENT_START - 4 * MINUTE;

  constructor(
    private readonly account: Account,
    private readonly rng: Rng,
  ) {
    this.factory = new CloudTrailFactory(rng, account.accountId);
    this.accountId = account.accountId;
    this.backdoorId = uniqueId(rng, 'AIDA');
    this.responderSessionKey = accessKeyId(rng, 'ASIA');
  }

  /** Moves the clock on by `min`–`max` seconds and returns it. */
  private tick(min = 2, max = 9): number {
    this.clock += this.rng.int(min, max) * SECOND;
    return this.clock;
  }

  private ci(userAgent: string): Actor {
    const ci = this.account.ciUser;
    return {
      identity: iamUserIdentity(this.accountId, ci.name, ci.principalId, CI_DEPLOY_ACCESS_KEY),
      sourceIp: ATTACKER_IP,
      userAgent,
    };
  }

  private backdoor(userAgent: string): Actor {
    return {
      identity: iamUserIdentity(this.accountId, BACKDOOR_USER, this.backdoorId, BACKDOOR_ACCESS_KEY),
      sourceIp: ATTACKER_IP,
      userAgent,
    };
  }

  private responder(userAgent = 'AWS Internal'): Actor {
    return {
      identity: assumedRoleIdentity(
        this.account.roles.incidentResponse,
        RESPONDER,
        this.responderSessionKey,
        this.responderSessionStart,
        { mfa: true },
      ),
      sourceIp: this.account.officeIp,
      userAgent,
      console: true,
    };
  }

  private call(
    actor: Actor,
    region: string,
    eventSource: string,
    eventName: string,
    readOnly: boolean,
    requestParameters: JsonObject | null = null,
    responseElements: JsonObject | null = null,
    error?: CallError,
    resources?: CloudTrailResource[],
  ): CloudTrailRecord {
    const record = this.factory.apiCall({
      time: this.clock,
      actor,
      region,
      eventSource,
      eventName,
      readOnly,
      requestParameters,
      responseElements,
      ...(error ? { error } : {}),
      ...(resources ? { resources } : {}),
    });
    this.records.push(record);
    return record;
  }

  private denied(
    actor: Actor,
    region: string,
    eventSource: string,
    eventName: string,
    action: string,
    resource: string | null,
    request: JsonObject | null = null,
    why: 'identity' | 'scp' = 'identity',
  ): void {
    this.call(
      actor,
      region,
      eventSource,
      eventName,
      eventName.startsWith('List') || eventName.startsWith('Describe') || eventName.startsWith('Get'),
      request,
      null,
      accessDenied(eventSource, actor, action, resource, why),
    );
  }

  private createDate(): string {
    return formatStsExpiration(this.clock);
  }

  /** 02:13 UTC: a scanner tries the key it found. */
  validateKey(): void {
    this.call(
      this.ci(cliOnKali('sts.get-caller-identity')),
      'us-east-1',
      'sts.amazonaws.com',
      'GetCallerIdentity',
      true,
    );
  }

  /** 02:15–02:40: what can this key do? Many denials, then the useful answers. */
  recon(): void {
    const cli = (command: string) => this.ci(cliOnKali(command));
    this.clock += 2 * MINUTE;
    this.call(cli('s3.ls'), 'us-east-1', 's3.amazonaws.com', 'ListBuckets', true, { Host: 's3.amazonaws.com' });
    this.tick();
    // Probing log viewers for HTML injection: a user agent carrying a script.
    this.call(this.ci(HOSTILE_USER_AGENT), 'us-east-1', 'sts.amazonaws.com', 'GetCallerIdentity', true);
    this.tick();
    this.call(cli('iam.list-users'), 'us-east-1', 'iam.amazonaws.com', 'ListUsers', true);
    this.tick();
    this.call(cli('iam.list-roles'), 'us-east-1', 'iam.amazonaws.com', 'ListRoles', true);
    this.tick();
    this.call(
      cli('iam.list-attached-user-policies'),
      'us-east-1',
      'iam.amazonaws.com',
      'ListAttachedUserPolicies',
      true,
      { userName: CI_DEPLOY_USER },
    );
    this.tick();
    this.call(cli('iam.list-access-keys'), 'us-east-1', 'iam.amazonaws.com', 'ListAccessKeys', true, {
      userName: CI_DEPLOY_USER,
    });
    this.tick();
    this.denied(
      this.ci(BOTO3_PACU),
      'us-east-1',
      'iam.amazonaws.com',
      'GetAccountAuthorizationDetails',
      'iam:GetAccountAuthorizationDetails',
      `arn:aws:iam::${this.accountId}:*`,
    );
    this.tick();
    this.denied(
      this.ci(BOTO3_PACU),
      'us-east-1',
      'organizations.amazonaws.com',
      'DescribeOrganization',
      'organizations:DescribeOrganization',
      null,
    );
    // Pacu-style sweep of every region.
    for (const region of ALL_REGIONS) {
      this.tick(1, 4);
      this.call(this.ci(BOTO3_PACU), region, 'ec2.amazonaws.com', 'DescribeInstances', true, {
        instancesSet: {},
        filterSet: {},
      });
    }
    // Then the services an intruder looks at next, region by region; the CI policy denies them all.
    const probes: [
      service: string,
      eventName: string,
      action: string,
      resource: ((region: string) => string) | null,
    ][] = [
      ['secretsmanager', 'ListSecrets', 'secretsmanager:ListSecrets', null],
      ['rds', 'DescribeDBInstances', 'rds:DescribeDBInstances', (r) => `arn:aws:rds:${r}:${this.accountId}:db:*`],
      ['kms', 'ListKeys', 'kms:ListKeys', (r) => `arn:aws:kms:${r}:${this.accountId}:key/*`],
      ['dynamodb', 'ListTables', 'dynamodb:ListTables', (r) => `arn:aws:dynamodb:${r}:${this.accountId}:table/*`],
      ['ssm', 'DescribeParameters', 'ssm:DescribeParameters', (r) => `arn:aws:ssm:${r}:${this.accountId}:*`],
      [
        'guardduty',
        'ListDetectors',
        'guardduty:ListDetectors',
        (r) => `arn:aws:guardduty:${r}:${this.accountId}:detector/*`,
      ],
      [
        'cloudtrail',
        'DescribeTrails',
        'cloudtrail:DescribeTrails',
        (r) => `arn:aws:cloudtrail:${r}:${this.accountId}:trail/*`,
      ],
    ];
    for (const region of ['us-east-1', 'eu-west-1', 'us-west-2']) {
      const sweep = this.ci(BOTO3_PACU);
      for (const [service, eventName, action, resource] of probes) {
        this.tick(1, 3);
        this.denied(sweep, region, `${service}.amazonaws.com`, eventName, action, resource ? resource(region) : null);
      }
    }
    this.tick(5, 20);
    this.call(cli('lambda.list-functions'), 'us-east-1', 'lambda.amazonaws.com', 'ListFunctions20150331', true);
    this.tick(5, 20);
    this.denied(
      cli('secretsmanager.get-secret-value'),
      'us-east-1',
      'secretsmanager.amazonaws.com',
      'GetSecretValue',
      'secretsmanager:GetSecretValue',
      `arn:aws:secretsmanager:us-east-1:${this.accountId}:secret:prod/orders-api/db-Xk29Qa`,
      { secretId: 'prod/orders-api/db' },
    );
  }

  /** 02:44: the key can write IAM: a backdoor admin user with a key and a console password. */
  persistence(): void {
    this.clock = Date.UTC(2025, 2, 12, 2, 44, 51);
    const cli = (command: string) => this.ci(cliOnKali(command));
    const userArn = iamUserArn(this.accountId, BACKDOOR_USER);
    this.call(
      cli('iam.create-user'),
      'us-east-1',
      'iam.amazonaws.com',
      'CreateUser',
      false,
      { userName: BACKDOOR_USER },
      {
        user: {
          path: '/',
          userName: BACKDOOR_USER,
          userId: this.backdoorId,
          arn: userArn,
          createDate: this.createDate(),
        },
      },
    );
    this.tick(8, 20);
    this.call(cli('iam.attach-user-policy'), 'us-east-1', 'iam.amazonaws.com', 'AttachUserPolicy', false, {
      userName: BACKDOOR_USER,
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    this.tick(8, 20);
    this.call(
      cli('iam.create-access-key'),
      'us-east-1',
      'iam.amazonaws.com',
      'CreateAccessKey',
      false,
      { userName: BACKDOOR_USER },
      {
        accessKey: {
          userName: BACKDOOR_USER,
          accessKeyId: BACKDOOR_ACCESS_KEY,
          status: 'Active',
          createDate: this.createDate(),
        },
      },
    );
    this.tick(8, 20);
    this.call(
      cli('iam.create-login-profile'),
      'us-east-1',
      'iam.amazonaws.com',
      'CreateLoginProfile',
      false,
      { userName: BACKDOOR_USER, passwordResetRequired: false },
      {
        loginProfile: { userName: BACKDOOR_USER, createDate: this.createDate(), passwordResetRequired: false },
      },
    );
  }

  /** 02:51: as the backdoor user, the SIEM trail and flow logs go dark; GuardDuty is protected by an SCP. */
  defenceEvasion(): void {
    this.clock = Date.UTC(2025, 2, 12, 2, 51, 3);
    const cli = (command: string) => this.backdoor(cliOnKali(command));
    this.call(cli('sts.get-caller-identity'), 'us-east-1', 'sts.amazonaws.com', 'GetCallerIdentity', true);
    this.tick();
    this.call(cli('cloudtrail.describe-trails'), 'us-east-1', 'cloudtrail.amazonaws.com', 'DescribeTrails', true, {
      trailNameList: [],
      includeShadowTrails: true,
    });
    this.tick(10, 30);
    const trailArn = `arn:aws:cloudtrail:us-east-1:${this.accountId}:trail/${this.account.trails.siem}`;
    this.call(
      cli('cloudtrail.stop-logging'),
      'us-east-1',
      'cloudtrail.amazonaws.com',
      'StopLogging',
      false,
      { name: trailArn },
      null,
      undefined,
      [{ accountId: this.accountId, type: 'AWS::CloudTrail::Trail', ARN: trailArn }],
    );
    this.tick(10, 30);
    this.call(cli('ec2.describe-flow-logs'), 'us-east-1', 'ec2.amazonaws.com', 'DescribeFlowLogs', true, {
      DescribeFlowLogsRequest: '',
    });
    for (const flowLogId of this.account.flowLogIds) {
      this.tick(5, 15);
      this.call(
        cli('ec2.delete-flow-logs'),
        'us-east-1',
        'ec2.amazonaws.com',
        'DeleteFlowLogs',
        false,
        { DeleteFlowLogsRequest: { FlowLogId: { content: flowLogId, tag: 1 } } },
        {
          DeleteFlowLogsResponse: {
            xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
            requestId: this.rng.uuid(),
            unsuccessful: '',
          },
        },
      );
    }
    for (const region of ['us-east-1', 'eu-west-1']) {
      const detectorId = this.rng.hex(32);
      this.tick(10, 25);
      this.call(cli('guardduty.list-detectors'), region, 'guardduty.amazonaws.com', 'ListDetectors', true);
      this.tick(3, 8);
      this.denied(
        cli('guardduty.delete-detector'),
        region,
        'guardduty.amazonaws.com',
        'DeleteDetector',
        'guardduty:DeleteDetector',
        `arn:aws:guardduty:${region}:${this.accountId}:detector/${detectorId}`,
        { detectorId },
        'scp',
      );
    }
    // A look around in the console with the new password.
    this.tick(60, 120);
    this.records.push(
      this.factory.consoleLogin({
        time: this.clock,
        identity: iamUserIdentity(this.accountId, BACKDOOR_USER, this.backdoorId, BACKDOOR_ACCESS_KEY),
        sourceIp: ATTACKER_IP,
        userAgent: FIREFOX_LINUX,
      }),
    );
    const consoleActor: Actor = {
      identity: iamUserConsoleIdentity(
        this.accountId,
        BACKDOOR_USER,
        this.backdoorId,
        accessKeyId(this.rng, 'ASIA'),
        this.clock,
        false,
      ),
      sourceIp: ATTACKER_IP,
      userAgent: 'AWS Internal',
      console: true,
    };
    this.tick(20, 40);
    this.call(consoleActor, 'us-east-1', 'iam.amazonaws.com', 'GetAccountSummary', true);
    this.tick(20, 40);
    this.call(
      { ...consoleActor, userAgent: 'console.amazonaws.com' },
      'us-east-1',
      'ce.amazonaws.com',
      'GetCostAndUsage',
      true,
      {
        timePeriod: { start: '2025-03-01', end: '2025-03-12' },
        granularity: 'MONTHLY',
        metrics: ['UnblendedCost'],
      },
    );
  }

  /** 03:02–03:40: the customer exports are downloaded, then the bucket is opened to the world. */
  exfiltration(): void {
    this.clock = Date.UTC(2025, 2, 12, 3, 2, 17);
    const region = 'eu-west-1';
    const sync = this.backdoor(cliOnKali('s3.sync'));
    this.records.push(
      this.factory.s3Call({
        time: this.clock,
        actor: sync,
        region,
        eventName: 'ListObjects',
        bucket: EXFIL_BUCKET,
        readOnly: true,
        requestParameters: { 'list-type': '2', prefix: '', 'encoding-type': 'url' },
      }),
    );
    const days = ['2025/02/', '2025/03/'];
    let n = 0;
    for (const month of days) {
      for (let day = 1; day <= (month === '2025/02/' ? 28 : 11); day += 1) {
        for (const part of ['customers', 'orders', 'payments', 'addresses', 'invoices', 'contacts', 'accounts']) {
          n += 1;
          // s3 sync downloads in parallel: several objects a second.
          if (n % 4 === 0) this.clock += SECOND;
          this.records.push(
            this.factory.s3Call({
              time: this.clock,
              actor: sync,
              region,
              eventName: 'GetObject',
              bucket: EXFIL_BUCKET,
              key: `exports/${month}${String(day).padStart(2, '0')}/${part}.csv.gz`,
              readOnly: true,
              bytesOut: this.rng.int(2_000_000, 48_000_000),
            }),
          );
        }
      }
    }
    this.clock = Date.UTC(2025, 2, 12, 3, 31, 40);
    const cli = (command: string) => this.backdoor(cliOnKali(command));
    this.records.push(
      this.factory.s3Call({
        time: this.clock,
        actor: cli('s3api.delete-public-access-block'),
        region,
        eventName: 'DeleteBucketPublicAccessBlock',
        bucket: EXFIL_BUCKET,
        readOnly: false,
        requestParameters: { publicAccessBlock: '' },
      }),
    );
    this.tick(20, 40);
    this.records.push(
      this.factory.s3Call({
        time: this.clock,
        actor: cli('s3api.put-bucket-policy'),
        region,
        eventName: 'PutBucketPolicy',
        bucket: EXFIL_BUCKET,
        readOnly: false,
        requestParameters: {
          bucketPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'PublicRead',
                Effect: 'Allow',
                Principal: '*',
                Action: 's3:GetObject',
                Resource: `arn:aws:s3:::${EXFIL_BUCKET}/*`,
              },
            ],
          },
          policy: '',
        },
      }),
    );
    // Strangers fetch the now-public files (unauthenticated requests).
    const strangers = [
      ['45.83.64.12', 'curl/8.5.0'],
      ['103.251.167.20', 'Wget/1.21.4'],
      ['91.92.251.103', 'python-requests/2.31.0'],
      [ATTACKER_IP, 'curl/7.88.1'],
    ] as const;
    this.clock = Date.UTC(2025, 2, 12, 3, 48, 2);
    for (let i = 0; i < 14; i += 1) {
      const [ip, agent] = strangers[i % strangers.length] as readonly [string, string];
      this.tick(30, 600);
      this.records.push(
        this.factory.s3Call({
          time: this.clock,
          actor: { identity: anonymousIdentity(), sourceIp: ip, userAgent: agent },
          region,
          eventName: 'GetObject',
          bucket: EXFIL_BUCKET,
          key: `exports/2025/03/${String(1 + (i % 11)).padStart(2, '0')}/customers.csv.gz`,
          readOnly: true,
          bytesOut: this.rng.int(2_000_000, 9_000_000),
        }),
      );
    }
  }

  /** 04:26: GPU instances for crypto-mining, in regions Acme never uses. */
  impact(): void {
    this.clock = Date.UTC(2025, 2, 12, 4, 26, 9);
    for (const region of IMPACT_REGIONS) {
      const cli = (command: string) => this.backdoor(cliOnKali(command));
      const vpcId = ec2Id(this.rng, 'vpc');
      this.call(
        cli('ec2.import-key-pair'),
        region,
        'ec2.amazonaws.com',
        'ImportKeyPair',
        false,
        { keyName: 'backup', publicKeyMaterial: '<sensitiveDataRemoved>' },
        {
          requestId: this.rng.uuid(),
          keyName: 'backup',
          keyFingerprint: 'c3:9e:1f:58:80:4b:2d:a1:67:0e:93:dd:41:76:2b:9c',
          keyPairId: ec2Id(this.rng, 'key'),
        },
      );
      this.tick(10, 30);
      const groupId = ec2Id(this.rng, 'sg');
      this.call(
        cli('ec2.create-security-group'),
        region,
        'ec2.amazonaws.com',
        'CreateSecurityGroup',
        false,
        { groupName: 'default-ssh', groupDescription: 'ssh', vpcId },
        {
          requestId: this.rng.uuid(),
          _return: true,
          groupId,
        },
      );
      this.tick(5, 15);
      this.call(
        cli('ec2.authorize-security-group-ingress'),
        region,
        'ec2.amazonaws.com',
        'AuthorizeSecurityGroupIngress',
        false,
        {
          groupId,
          ipPermissions: {
            items: [
              {
                ipProtocol: 'tcp',
                fromPort: 22,
                toPort: 22,
                groups: {},
                ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
                ipv6Ranges: {},
                prefixListIds: {},
              },
            ],
          },
        },
        { requestId: this.rng.uuid(), _return: true },
      );
      const launch = (instanceType: string, count: number): JsonObject => ({
        instancesSet: {
          items: [
            {
              imageId: region === 'ap-northeast-1' ? 'ami-0a3c14e1ddbe7f23c' : 'ami-0e8a3c62f33f1d4e8',
              minCount: count,
              maxCount: count,
              keyName: 'backup',
            },
          ],
        },
        userData: '<sensitiveDataRemoved>',
        instanceType,
        blockDeviceMapping: {},
        monitoring: { enabled: false },
        disableApiTermination: false,
        disableApiStop: false,
        clientToken: this.rng.uuid(),
        groupSet: { items: [{ groupId }] },
      });
      this.tick(20, 60);
      this.call(
        cli('ec2.run-instances'),
        region,
        'ec2.amazonaws.com',
        'RunInstances',
        false,
        launch('p3.16xlarge', 8),
        null,
        {
          code: 'Client.VcpuLimitExceeded',
          message:
            'You have requested more vCPU capacity than your current vCPU limit of 0 allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.',
        },
      );
      this.tick(20, 60);
      const ids = [0, 1, 2, 3].map(() => ec2Id(this.rng, 'i'));
      for (const id of ids) this.gpuInstances.push({ region, id });
      this.call(
        cli('ec2.run-instances'),
        region,
        'ec2.amazonaws.com',
        'RunInstances',
        false,
        launch('g4dn.12xlarge', 4),
        {
          requestId: this.rng.uuid(),
          reservationId: ec2Id(this.rng, 'r'),
          ownerId: this.accountId,
          groupSet: {},
          instancesSet: {
            items: ids.map((instanceId, amiLaunchIndex) => ({
              instanceId,
              imageId: region === 'ap-northeast-1' ? 'ami-0a3c14e1ddbe7f23c' : 'ami-0e8a3c62f33f1d4e8',
              currentInstanceBootMode: 'legacy-bios',
              instanceState: { code: 0, name: 'pending' },
              amiLaunchIndex,
              instanceType: 'g4dn.12xlarge',
              keyName: 'backup',
              launchTime: Date.UTC(2025, 2, 12, 4, 27),
              placement: { availabilityZone: `${region}a`, tenancy: 'default' },
              privateIpAddress: `172.31.${this.rng.int(0, 63)}.${this.rng.int(4, 250)}`,
              subnetId: ec2Id(this.rng, 'subnet'),
              vpcId,
              groupSet: { items: [{ groupId, groupName: 'default-ssh' }] },
            })),
          },
          requesterId: '',
        },
        undefined,
        ids.map((id) => ({
          accountId: this.accountId,
          type: 'AWS::EC2::Instance',
          ARN: `arn:aws:ec2:${region}:${this.accountId}:instance/${id}`,
        })),
      );
      this.clock += 7 * MINUTE;
    }
  }

  /** 09:22: a budget alarm on GPU spend; the security team takes over and closes every door. */
  containment(): void {
    this.clock = CONTAINMENT_START - 5 * MINUTE;
    const responderUser = { name: RESPONDER, principalId: uniqueId(this.rng, 'AIDA') };
    this.records.push(
      this.factory.consoleLogin({
        time: this.clock,
        identity: iamUserIdentity(this.accountId, responderUser.name, responderUser.principalId, ''),
        sourceIp: this.account.officeIp,
        userAgent: CHROME_MAC,
        mfaArn: `arn:aws:iam::${this.accountId}:mfa/${RESPONDER}`,
      }),
    );
    this.clock = this.responderSessionStart;
    this.records.push(
      this.factory.assumeRole({
        time: this.clock,
        actor: {
          identity: iamUserConsoleIdentity(
            this.accountId,
            responderUser.name,
            responderUser.principalId,
            accessKeyId(this.rng, 'ASIA'),
            this.clock - MINUTE,
            true,
          ),
          sourceIp: this.account.officeIp,
          userAgent: 'AWS Internal',
          console: true,
        },
        region: 'us-east-1',
        role: this.account.roles.incidentResponse,
        sessionName: RESPONDER,
        issuedKey: this.responderSessionKey,
        sessionToken: sessionToken(this.rng, 360),
      }),
    );
    this.clock = CONTAINMENT_START;
    const ir = this.responder();
    this.call(ir, 'us-east-1', 'cloudtrail.amazonaws.com', 'LookupEvents', true, {
      lookupAttributes: [{ attributeKey: 'EventName', attributeValue: 'RunInstances' }],
      maxResults: 50,
    });
    this.clock = CONTAINMENT_START + 60 * SECOND;
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'ListAccessKeys', true, { userName: CI_DEPLOY_USER });
    // First a new key for CI (so deployments keep working), then the leaked one is switched off.
    this.clock = CONTAINMENT_START + 95 * SECOND;
    this.call(
      ir,
      'us-east-1',
      'iam.amazonaws.com',
      'CreateAccessKey',
      false,
      { userName: CI_DEPLOY_USER },
      {
        accessKey: {
          userName: CI_DEPLOY_USER,
          accessKeyId: ROTATED_CI_ACCESS_KEY,
          status: 'Active',
          createDate: this.createDate(),
        },
      },
    );
    this.clock = CI_KEY_ROTATED_AT + 20 * SECOND;
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'UpdateAccessKey', false, {
      userName: CI_DEPLOY_USER,
      accessKeyId: CI_DEPLOY_ACCESS_KEY,
      status: 'Inactive',
    });
    this.tick(10, 30);
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'UpdateAccessKey', false, {
      userName: BACKDOOR_USER,
      accessKeyId: BACKDOOR_ACCESS_KEY,
      status: 'Inactive',
    });
    // The intruder notices: the keys stop working.
    const invalid: CallError = {
      code: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
    };
    for (const key of ['backdoor', 'ci', 'backdoor'] as const) {
      this.tick(20, 70);
      const actor =
        key === 'ci'
          ? this.ci(cliOnKali('sts.get-caller-identity'))
          : this.backdoor(cliOnKali('sts.get-caller-identity'));
      this.call(actor, 'us-east-1', 'sts.amazonaws.com', 'GetCallerIdentity', true, null, null, invalid);
    }
    this.tick(30, 60);
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'ListAttachedUserPolicies', true, { userName: BACKDOOR_USER });
    this.tick(10, 30);
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'DetachUserPolicy', false, {
      userName: BACKDOOR_USER,
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    this.tick(10, 30);
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'DeleteLoginProfile', false, { userName: BACKDOOR_USER });
    this.tick(10, 30);
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'DeleteAccessKey', false, {
      userName: BACKDOOR_USER,
      accessKeyId: BACKDOOR_ACCESS_KEY,
    });
    this.tick(10, 30);
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'DeleteUser', false, { userName: BACKDOOR_USER });
    this.tick(30, 60);
    const trailArn = `arn:aws:cloudtrail:us-east-1:${this.accountId}:trail/${this.account.trails.siem}`;
    this.call(ir, 'us-east-1', 'cloudtrail.amazonaws.com', 'StartLogging', false, { name: trailArn }, null, undefined, [
      { accountId: this.accountId, type: 'AWS::CloudTrail::Trail', ARN: trailArn },
    ]);
    for (const region of IMPACT_REGIONS) {
      const ids = this.gpuInstances.filter((instance) => instance.region === region).map((instance) => instance.id);
      this.tick(40, 90);
      this.call(
        { ...ir, userAgent: 'console.ec2.amazonaws.com' },
        region,
        'ec2.amazonaws.com',
        'TerminateInstances',
        false,
        { instancesSet: { items: ids.map((instanceId) => ({ instanceId })) } },
        {
          requestId: this.rng.uuid(),
          instancesSet: {
            items: ids.map((instanceId) => ({
              instanceId,
              currentState: { code: 32, name: 'shutting-down' },
              previousState: { code: 16, name: 'running' },
            })),
          },
        },
      );
    }
    this.tick(60, 120);
    const s3 = { ...ir, userAgent: 'S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.648' };
    this.records.push(
      this.factory.s3Call({
        time: this.clock,
        actor: s3,
        region: 'eu-west-1',
        eventName: 'DeleteBucketPolicy',
        bucket: EXFIL_BUCKET,
        readOnly: false,
        requestParameters: { policy: '' },
      }),
    );
    this.tick(20, 40);
    this.records.push(
      this.factory.s3Call({
        time: this.clock,
        actor: s3,
        region: 'eu-west-1',
        eventName: 'PutBucketPublicAccessBlock',
        bucket: EXFIL_BUCKET,
        readOnly: false,
        requestParameters: {
          publicAccessBlock: '',
          PublicAccessBlockConfiguration: {
            xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
            RestrictPublicBuckets: true,
            BlockPublicPolicy: true,
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
          },
        },
      }),
    );
    // The leaked key, inactive since the morning, is deleted once CI runs on the new one.
    this.clock = CONTAINMENT_START + 25 * MINUTE;
    this.call(ir, 'us-east-1', 'iam.amazonaws.com', 'DeleteAccessKey', false, {
      userName: CI_DEPLOY_USER,
      accessKeyId: CI_DEPLOY_ACCESS_KEY,
    });
    this.tick(60, 120);
    this.call(
      { ...ir, userAgent: 'console.ec2.amazonaws.com' },
      'us-east-1',
      'ec2.amazonaws.com',
      'CreateFlowLogs',
      false,
      {
        CreateFlowLogsRequest: {
          ResourceId: { content: ec2Id(this.rng, 'vpc'), tag: 1 },
          ResourceType: 'VPC',
          TrafficType: 'ALL',
          LogDestinationType: 'cloud-watch-logs',
          LogGroupName: 'vpc-flow-logs',
        },
      },
    );
  }
}

/** Writes the demo's CloudTrail files under `dir` (S3 delivery layout). */
export async function writeDemoLogs(dir: string): Promise<S3DeliverySummary> {
  return writeS3Delivery(dir, demoRecords(), { accountId: DEMO_ACCOUNT_ID, seed: DEMO_SEED, threads: 0 });
}

/**
 * Creates a new case file holding the demo: writes the CloudTrail files to a temporary folder,
 * imports them through the normal ingest pipeline (hashes, chain of custody, dedupe), then removes
 * the folder. Refuses to touch an existing file.
 */
export async function createDemoCase(casePath: string): Promise<{ events: number; files: number }> {
  if (existsSync(casePath)) throw new Error(`${casePath} already exists; the demo only creates new cases`);
  const dir = await mkdtemp(join(tmpdir(), 'cairn-demo-'));
  try {
    await writeDemoLogs(dir);
    // The IAM snapshot the responders pulled that morning: what the leaked key could reach.
    await mkdir(join(dir, 'iam'), { recursive: true });
    await writeFile(join(dir, 'iam', 'account-authorization-details.json'), JSON.stringify(demoAuthorizationDetails(buildAccount()), null, 2));
    // The production VPC's flow log that night, and the network snapshot pulled in the morning.
    const network = await writeDemoNetwork(dir, buildAccount(DEMO_ACCOUNT_ID));
    const db = openCase(casePath, { create: true });
    try {
      const trail = join(dir, 'AWSLogs', DEMO_ACCOUNT_ID, 'CloudTrail');
      const summary = await ingestPaths(db, [trail, join(dir, 'iam'), ...network], { actor: 'cairn demo' });
      // Marks the case as the demo (the app says so in its title bar: the story is fictional).
      markDemoCase(db);
      return { events: summary.inserted, files: summary.files.length };
    } finally {
      db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
