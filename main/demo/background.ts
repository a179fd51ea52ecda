import type { Account, Developer, Instance, LambdaFunction } from './account.js';
import { HOME_REGIONS } from './account.js';
import { accessKeyId, sessionToken } from './aws-ids.js';
import {
  CloudTrailFactory,
  accessDenied,
  assumedRoleIdentity,
  awsServiceIdentity,
  iamUserConsoleIdentity,
  iamUserIdentity,
  rootIdentity,
  type Actor,
  type CloudTrailRecord,
  type JsonObject,
  type RoleRef,
} from './cloudtrail-factory.js';
import { Rng, WeightedChoice } from './prng.js';
import {
  BOTO3_ON_EC2,
  LAMBDA_LOG_WORKER,
  MONITORING_VENDOR,
  SSM_AGENT,
  TERRAFORM,
  cliOnCiRunner,
  consoleUserAgent,
  nodeSdkInLambda,
} from './user-agents.js';

/**
 * The everyday activity of the Acme account: Lambda functions and EC2 instances working, CI
 * deploying, developers in the console and CLI, Terraform plans, a monitoring vendor polling,
 * console sign-ins and the occasional AccessDenied. Produced in time order, minute by minute, so
 * any number of events can be streamed without holding them.
 */
export interface BackgroundOptions {
  seed: number;
  account: Account;
  /** First instant, milliseconds UTC. */
  start: number;
  /** End (exclusive), milliseconds UTC. */
  end: number;
  /** Exactly this many records are produced, spread over [start, end) with a working-day rhythm. */
  events: number;
  /** From `at` (ms UTC) on, CI uses this access key instead (the leaked one was rotated). */
  ciKeyRotation?: { at: number; accessKey: string };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Relative activity of people (vs. automation, 1) by UTC hour and weekday: EU + US east teams. */
export function humanActivity(ms: number): number {
  const date = new Date(ms);
  const day = date.getUTCDay();
  const hour = date.getUTCHours();
  const weekday = day !== 0 && day !== 6;
  const base = hour >= 8 && hour < 18 ? 1.4 : hour >= 6 && hour < 22 ? 0.6 : 0.08;
  return weekday ? base : base * 0.06;
}

/** Streams background records in time order (eventTime ascending). */
export function* backgroundActivity(options: BackgroundOptions): Generator<CloudTrailRecord> {
  const { start, end, events } = options;
  if (events <= 0 || end <= start) return;
  const minutes = Math.ceil((end - start) / MINUTE);
  const cumulative = new Float64Array(minutes + 1);
  for (let m = 0; m < minutes; m += 1) {
    cumulative[m + 1] = (cumulative[m] as number) + 1 + humanActivity(start + m * MINUTE);
  }
  const total = cumulative[minutes] as number;
  const scene = new BackgroundScene(new Rng(options.seed), options.account, options.ciKeyRotation);
  let emitted = 0;
  const offsets: number[] = [];
  for (let m = 0; m < minutes; m += 1) {
    const upTo = Math.round((events * (cumulative[m + 1] as number)) / total);
    const count = upTo - emitted;
    if (count <= 0) continue;
    emitted = upTo;
    const minuteStart = start + m * MINUTE;
    const span = Math.min(MINUTE, end - minuteStart);
    const human = humanActivity(minuteStart);
    const humanShare = human / (1 + human);
    offsets.length = 0;
    for (let i = 0; i < count; i += 1) offsets.push(Math.floor(scene.rng.next() * span));
    offsets.sort((a, b) => a - b);
    for (const offset of offsets) {
      // Whole seconds, as CloudTrail records them.
      const time = minuteStart + offset - (offset % 1000);
      yield scene.rng.next() < humanShare ? scene.human(time) : scene.automation(time);
    }
  }
}

type Behaviour = (scene: BackgroundScene, time: number) => CloudTrailRecord;

interface CachedSession {
  until: number;
  actor: Actor;
}

/** CamelCase API name to the CLI's kebab-case operation: DescribeInstances → describe-instances. */
function cliOperation(eventName: string): string {
  return eventName
    .replace(/\d{8}(v\d)?$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

function serviceOf(eventSource: string): string {
  return eventSource.slice(0, eventSource.indexOf('.'));
}

function datePath(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '/');
}

/** Shared state of the background: the generator, the factory, cached sessions. */
export class BackgroundScene {
  readonly factory: CloudTrailFactory;
  private readonly sessions = new Map<string, CachedSession>();
  private readonly regions = new WeightedChoice(HOME_REGIONS);

  constructor(
    readonly rng: Rng,
    readonly account: Account,
    private readonly ciKeyRotation?: { at: number; accessKey: string },
  ) {
    this.factory = new CloudTrailFactory(rng, account.accountId);
  }

  automation(time: number): CloudTrailRecord {
    return AUTOMATION.draw(this.rng)(this, time);
  }

  human(time: number): CloudTrailRecord {
    return HUMAN.draw(this.rng)(this, time);
  }

  region(): string {
    return this.regions.draw(this.rng);
  }

  /** A session reused until it expires (role sessions last an hour, console sessions longer). */
  session(key: string, time: number, lifetime: number, make: (start: number) => Actor): Actor {
    const cached = this.sessions.get(key);
    if (cached && cached.until > time) return cached.actor;
    const actor = make(time);
    // Sessions end a little before their nominal lifetime, as SDKs refresh early.
    this.sessions.set(key, { until: time + lifetime * (0.7 + 0.3 * this.rng.next()), actor });
    return actor;
  }

  roleSession(
    role: RoleRef,
    sessionName: string,
    time: number,
    base: Omit<Actor, 'identity'>,
    extra: { ec2?: boolean } = {},
  ): Actor {
    return this.session(`role:${role.name}:${sessionName}`, time, HOUR, (start) => ({
      ...base,
      identity: assumedRoleIdentity(role, sessionName, accessKeyId(this.rng, 'ASIA'), start, extra),
    }));
  }

  lambdaActor(fn: LambdaFunction, time: number, api: string): Actor {
    const actor = this.roleSession(fn.role, fn.name, time, { sourceIp: this.rng.pick(fn.ips), userAgent: '' });
    return { ...actor, userAgent: nodeSdkInLambda(api) };
  }

  instanceActor(instance: Instance, time: number, userAgent: string): Actor {
    const actor = this.roleSession(
      this.account.roles.appServer,
      instance.id,
      time,
      { sourceIp: instance.privateIp, userAgent: '', vpcEndpointId: instance.vpcEndpointId },
      { ec2: true },
    );
    return { ...actor, userAgent };
  }

  consoleActor(dev: Developer, time: number, eventSource: string): Actor {
    const actor = this.session(`console:${dev.name}`, time, 8 * HOUR, (start) => ({
      identity: iamUserConsoleIdentity(
        this.account.accountId,
        dev.name,
        dev.principalId,
        accessKeyId(this.rng, 'ASIA'),
        start,
        dev.mfa,
      ),
      sourceIp: this.rng.chance(0.5) ? this.account.officeIp : dev.homeIp,
      userAgent: '',
      console: true,
    }));
    return { ...actor, userAgent: consoleUserAgent(eventSource) };
  }

  cliActor(dev: Developer, eventSource: string, eventName: string): Actor {
    return {
      identity: iamUserIdentity(this.account.accountId, dev.name, dev.principalId, dev.accessKey),
      sourceIp: this.rng.chance(0.6) ? this.account.officeIp : dev.homeIp,
      userAgent: dev.cli(`${serviceOf(eventSource)}.${cliOperation(eventName)}`),
    };
  }

  ciUserActor(time: number, command: string): Actor {
    const ci = this.account.ciUser;
    const rotation = this.ciKeyRotation;
    const key = rotation && time >= rotation.at ? rotation.accessKey : ci.accessKey;
    return {
      identity: iamUserIdentity(this.account.accountId, ci.name, ci.principalId, key),
      sourceIp: this.rng.pick(this.account.ciRunnerIps),
      userAgent: cliOnCiRunner(command),
    };
  }

  objectKey(prefix: string, time: number, extension: string): string {
    return `${prefix}${datePath(time)}/${this.rng.hex(12)}.${extension}`;
  }

  /** A management read or write with the request shaped per API. */
  call(
    time: number,
    actor: Actor,
    region: string,
    eventSource: string,
    eventName: string,
    readOnly: boolean,
    requestParameters: JsonObject | null = null,
    responseElements: JsonObject | null = null,
  ): CloudTrailRecord {
    return this.factory.apiCall({
      time,
      actor,
      region,
      eventSource,
      eventName,
      readOnly,
      requestParameters,
      responseElements,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Behaviours of machines (steady day and night)

const lambdaS3: Behaviour = (s, time) => {
  const fn = s.rng.pick(s.account.functions);
  const actor = s.lambdaActor(fn, time, 's3#3.496.0');
  const roll = s.rng.next();
  const eventName = roll < 0.55 ? 'GetObject' : roll < 0.9 ? 'PutObject' : 'HeadObject';
  const size = s.rng.int(800, 2_500_000);
  return s.factory.s3Call({
    time,
    actor,
    region: fn.region,
    eventName,
    bucket: fn.bucket,
    key: s.objectKey(fn.keyPrefix, time, fn.bucket === 'acme-customer-exports' ? 'csv.gz' : 'json'),
    readOnly: eventName !== 'PutObject',
    ...(eventName === 'GetObject' ? { bytesOut: size } : eventName === 'PutObject' ? { bytesIn: size } : {}),
    ...(eventName === 'PutObject'
      ? {
          responseElements: {
            'x-amz-server-side-encryption': 'aws:kms',
            'x-amz-server-side-encryption-aws-kms-key-id': s.account.kmsKeys[fn.region] ?? '',
          },
        }
      : {}),
  });
};

const lambdaLogs: Behaviour = (s, time) => {
  const fn = s.rng.pick(s.account.functions);
  const actor = { ...s.lambdaActor(fn, time, 'logs'), userAgent: LAMBDA_LOG_WORKER };
  return s.call(time, actor, fn.region, 'logs.amazonaws.com', 'CreateLogStream', false, {
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${datePath(time)}/[$LATEST]${s.rng.hex(32)}`,
  });
};

const lambdaMisc: Behaviour = (s, time) => {
  const fn = s.rng.pick(s.account.functions);
  const roll = s.rng.next();
  if (roll < 0.45) {
    const actor = s.lambdaActor(fn, time, 'kms#3.496.0');
    return s.factory.kmsCall({
      time,
      actor,
      region: fn.region,
      eventName: 'Decrypt',
      keyArn: s.account.kmsKeys[fn.region] ?? '',
      requestParameters: {
        encryptionContext: {
          'aws:lambda:FunctionArn': `arn:aws:lambda:${fn.region}:${s.account.accountId}:function:${fn.name}`,
        },
        encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      },
    });
  }
  if (roll < 0.75) {
    const actor = s.lambdaActor(fn, time, 'dynamodb#3.496.0');
    return s.factory.apiCall({
      time,
      actor,
      region: fn.region,
      eventSource: 'dynamodb.amazonaws.com',
      eventName: 'DescribeTable',
      readOnly: true,
      requestParameters: { tableName: `${fn.name}-state` },
      apiVersion: '2012-08-10',
      resources: [
        {
          accountId: s.account.accountId,
          type: 'AWS::DynamoDB::Table',
          ARN: `arn:aws:dynamodb:${fn.region}:${s.account.accountId}:table/${fn.name}-state`,
        },
      ],
    });
  }
  const actor = s.lambdaActor(fn, time, 'secrets-manager#3.496.0');
  return s.call(time, actor, fn.region, 'secretsmanager.amazonaws.com', 'GetSecretValue', true, {
    secretId: `prod/${fn.name}/db`,
  });
};

const serviceAssumeRole: Behaviour = (s, time) => {
  const viaLambda = s.rng.chance(0.7);
  const fn = s.rng.pick(s.account.functions);
  const instance = s.rng.pick(s.account.instances);
  const service = viaLambda ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com';
  const actor: Actor = { identity: awsServiceIdentity(service), sourceIp: service, userAgent: service };
  return s.factory.assumeRole({
    time,
    actor,
    region: viaLambda ? fn.region : instance.region,
    role: viaLambda ? fn.role : s.account.roles.appServer,
    sessionName: viaLambda ? fn.name : instance.id,
    issuedKey: accessKeyId(s.rng, 'ASIA'),
    sessionToken: sessionToken(s.rng, 360),
  });
};

const ssmAgent: Behaviour = (s, time) => {
  const instance = s.rng.pick(s.account.instances);
  const actor = s.instanceActor(instance, time, SSM_AGENT);
  if (s.rng.chance(0.6)) {
    return s.call(time, actor, instance.region, 'ssm.amazonaws.com', 'UpdateInstanceInformation', false, {
      instanceId: instance.id,
      agentVersion: '3.2.2303.0',
      agentStatus: 'Active',
      platformType: 'Linux',
      platformName: 'Amazon Linux',
      platformVersion: '2023',
      iPAddress: instance.privateIp,
      computerName: `ip-${instance.privateIp.replaceAll('.', '-')}.ec2.internal`,
      agentName: 'amazon-ssm-agent',
      availabilityZone: `${instance.region}a`,
      availabilityZoneId: `${instance.region === 'us-east-1' ? 'use1' : instance.region === 'eu-west-1' ? 'euw1' : 'usw2'}-az1`,
    });
  }
  return s.call(time, actor, instance.region, 'ssm.amazonaws.com', 'ListInstanceAssociations', true, {
    instanceId: instance.id,
    maxResults: 20,
  });
};

const appServer: Behaviour = (s, time) => {
  const instance = s.rng.pick(s.account.instances);
  const actor = s.instanceActor(instance, time, BOTO3_ON_EC2);
  const roll = s.rng.next();
  if (roll < 0.5) {
    return s.factory.s3Call({
      time,
      actor,
      region: instance.region,
      eventName: 'GetObject',
      bucket: 'acme-app-uploads',
      key: s.objectKey('uploads/', time - s.rng.int(0, 30) * 86_400_000, 'png'),
      readOnly: true,
      bytesOut: s.rng.int(10_000, 4_000_000),
    });
  }
  if (roll < 0.8) {
    return s.call(time, actor, instance.region, 'ssm.amazonaws.com', 'GetParameter', true, {
      name: '/prod/app/db-password',
      withDecryption: true,
    });
  }
  return s.factory.kmsCall({
    time,
    actor,
    region: instance.region,
    eventName: 'GenerateDataKey',
    keyArn: s.account.kmsKeys[instance.region] ?? '',
    requestParameters: { keyId: 'alias/app-data', keySpec: 'AES_256', encryptionContext: { service: 'app-server' } },
  });
};

const MONITORING_CALLS: readonly (readonly [string, string, JsonObject | null])[] = [
  ['monitoring.amazonaws.com', 'GetMetricData', { startTime: '', endTime: '', maxDatapoints: 100800 }],
  ['monitoring.amazonaws.com', 'DescribeAlarms', { maxRecords: 100 }],
  ['ec2.amazonaws.com', 'DescribeInstances', { instancesSet: {}, filterSet: {} }],
  ['tagging.amazonaws.com', 'GetResources', { resourcesPerPage: 100 }],
  ['lambda.amazonaws.com', 'ListFunctions20150331', null],
  ['rds.amazonaws.com', 'DescribeDBInstances', null],
];

const monitoring: Behaviour = (s, time) => {
  const region = s.region();
  const actor = s.roleSession(s.account.roles.monitoring, 'DatadogAWSIntegration', time, {
    sourceIp: s.rng.pick(['3.233.144.21', '34.206.90.12', '44.199.2.180']),
    userAgent: MONITORING_VENDOR,
  });
  const [eventSource, eventName, params] = s.rng.pick(MONITORING_CALLS);
  const request =
    eventName === 'GetMetricData'
      ? { ...params, startTime: new Date(time - 10 * MINUTE).toISOString(), endTime: new Date(time).toISOString() }
      : params;
  return s.call(time, actor, region, eventSource, eventName, true, request);
};

const serviceEvent: Behaviour = (s, time) => {
  const region = s.region();
  const key = s.account.kmsKeys[region] ?? '';
  return s.factory.serviceEvent({
    time,
    region,
    eventSource: 'kms.amazonaws.com',
    eventName: 'RotateKey',
    serviceEventDetails: { keyId: key.slice(key.lastIndexOf('/') + 1) },
    resources: [{ accountId: s.account.accountId, type: 'AWS::KMS::Key', ARN: key }],
  });
};

const AUTOMATION = new WeightedChoice<Behaviour>([
  [lambdaS3, 30],
  [lambdaLogs, 10],
  [lambdaMisc, 12],
  [serviceAssumeRole, 12],
  [ssmAgent, 18],
  [appServer, 10],
  [monitoring, 8],
  [serviceEvent, 0.02],
]);

// ---------------------------------------------------------------------------------------------
// Behaviours of people (mostly working hours)

const DEPLOY_CALLS: readonly (readonly [string, string, boolean])[] = [
  ['cloudformation.amazonaws.com', 'DescribeStacks', true],
  ['cloudformation.amazonaws.com', 'DescribeStackEvents', true],
  ['cloudformation.amazonaws.com', 'GetTemplate', true],
  ['cloudformation.amazonaws.com', 'CreateChangeSet', false],
  ['cloudformation.amazonaws.com', 'DescribeChangeSet', true],
  ['cloudformation.amazonaws.com', 'ExecuteChangeSet', false],
  ['lambda.amazonaws.com', 'GetFunction20150331v2', true],
  ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', false],
  ['ecr.amazonaws.com', 'BatchCheckLayerAvailability', true],
  ['ecr.amazonaws.com', 'PutImage', false],
];

const ciPipeline: Behaviour = (s, time) => {
  const region = s.rng.chance(0.7) ? 'us-east-1' : 'eu-west-1';
  const roll = s.rng.next();
  if (roll < 0.1) {
    return s.call(
      time,
      s.ciUserActor(time, 'sts.get-caller-identity'),
      region,
      'sts.amazonaws.com',
      'GetCallerIdentity',
      true,
    );
  }
  if (roll < 0.2) {
    const run = s.rng.int(7_000_000_000, 7_999_999_999);
    return s.factory.assumeRole({
      time,
      actor: s.ciUserActor(time, 'sts.assume-role'),
      region,
      role: s.account.roles.deploy,
      sessionName: `gha-${run}`,
      issuedKey: accessKeyId(s.rng, 'ASIA'),
      sessionToken: sessionToken(s.rng, 360),
      durationSeconds: 3600,
    });
  }
  if (roll < 0.25) {
    return s.call(
      time,
      s.ciUserActor(time, 'ecr.get-login-password'),
      region,
      'ecr.amazonaws.com',
      'GetAuthorizationToken',
      true,
    );
  }
  const runner = s.rng.pick(s.account.ciRunnerIps);
  const actor = s.session(`deploy:${region}`, time, 20 * MINUTE, (start) => ({
    identity: assumedRoleIdentity(
      s.account.roles.deploy,
      `gha-${s.rng.int(7_000_000_000, 7_999_999_999)}`,
      accessKeyId(s.rng, 'ASIA'),
      start,
    ),
    sourceIp: runner,
    userAgent: '',
  }));
  if (roll < 0.45) {
    return s.factory.s3Call({
      time,
      actor: { ...actor, userAgent: cliOnCiRunner('s3.cp') },
      region,
      eventName: 'PutObject',
      bucket: 'acme-ci-artifacts',
      key: `builds/${s.rng.hex(40)}/lambda.zip`,
      readOnly: false,
      bytesIn: s.rng.int(200_000, 30_000_000),
    });
  }
  const [eventSource, eventName, readOnly] = s.rng.pick(DEPLOY_CALLS);
  const fn = s.rng.pick(s.account.functions);
  const request: JsonObject | null =
    eventSource === 'cloudformation.amazonaws.com'
      ? { stackName: `acme-${fn.name}` }
      : eventSource === 'lambda.amazonaws.com'
        ? {
            functionName: fn.name,
            ...(readOnly
              ? {}
              : { s3Bucket: 'acme-ci-artifacts', s3Key: `builds/${s.rng.hex(40)}/lambda.zip`, publish: true }),
          }
        : { repositoryName: `acme/${fn.name}`, registryId: s.account.accountId };
  const response: JsonObject | null =
    eventName === 'CreateChangeSet'
      ? {
          id: `arn:aws:cloudformation:${region}:${s.account.accountId}:changeSet/cs-${s.rng.hex(8)}/${s.rng.uuid()}`,
          stackId: `arn:aws:cloudformation:${region}:${s.account.accountId}:stack/acme-${fn.name}/${s.rng.uuid()}`,
        }
      : eventName === 'UpdateFunctionCode20150331v2'
        ? {
            functionName: fn.name,
            functionArn: `arn:aws:lambda:${fn.region}:${s.account.accountId}:function:${fn.name}`,
            runtime: 'nodejs20.x',
            codeSha256: s.rng.hex(43),
            version: String(s.rng.int(10, 400)),
            state: 'Active',
            lastUpdateStatus: 'InProgress',
          }
        : null;
  return s.call(
    time,
    { ...actor, userAgent: cliOnCiRunner(`${serviceOf(eventSource)}.${cliOperation(eventName)}`) },
    region,
    eventSource,
    eventName,
    readOnly,
    request,
    response,
  );
};

const TERRAFORM_READS: readonly (readonly [string, string])[] = [
  ['ec2.amazonaws.com', 'DescribeVpcs'],
  ['ec2.amazonaws.com', 'DescribeSubnets'],
  ['ec2.amazonaws.com', 'DescribeSecurityGroups'],
  ['ec2.amazonaws.com', 'DescribeRouteTables'],
  ['iam.amazonaws.com', 'GetRole'],
  ['iam.amazonaws.com', 'ListAttachedRolePolicies'],
  ['iam.amazonaws.com', 'GetRolePolicy'],
  ['iam.amazonaws.com', 'GetPolicyVersion'],
  ['s3.amazonaws.com', 'GetBucketPolicy'],
  ['s3.amazonaws.com', 'GetBucketVersioning'],
  ['s3.amazonaws.com', 'GetBucketEncryption'],
  ['kms.amazonaws.com', 'DescribeKey'],
  ['lambda.amazonaws.com', 'GetFunction20150331v2'],
  ['logs.amazonaws.com', 'DescribeLogGroups'],
];

const terraform: Behaviour = (s, time) => {
  const region = s.region();
  const actor = s.roleSession(s.account.roles.terraform, 'terraform-ci', time, {
    sourceIp: s.rng.pick(s.account.ciRunnerIps),
    userAgent: TERRAFORM,
  });
  const [eventSource, eventName] = s.rng.pick(TERRAFORM_READS);
  if (eventSource === 's3.amazonaws.com') {
    return s.factory.s3Call({
      time,
      actor,
      region,
      eventName,
      bucket: s.rng.pick(s.account.buckets),
      readOnly: true,
      requestParameters: { [eventName.slice(9).toLowerCase()]: '' },
    });
  }
  const fn = s.rng.pick(s.account.functions);
  const request: JsonObject | null =
    eventSource === 'iam.amazonaws.com'
      ? {
          roleName: fn.role.name,
          ...(eventName === 'GetRolePolicy' ? { policyName: `${fn.name}-inline` } : {}),
          ...(eventName === 'GetPolicyVersion'
            ? { policyArn: `arn:aws:iam::${s.account.accountId}:policy/${fn.name}-access`, versionId: 'v3' }
            : {}),
        }
      : eventSource === 'kms.amazonaws.com'
        ? { keyId: s.account.kmsKeys[region] ?? '' }
        : eventSource === 'lambda.amazonaws.com'
          ? { functionName: fn.name }
          : eventSource === 'logs.amazonaws.com'
            ? { logGroupNamePrefix: `/aws/lambda/${fn.name}` }
            : { filterSet: { items: [{ name: 'tag:Project', valueSet: { items: [{ value: 'acme' }] } }] } };
  return s.call(time, actor, region, eventSource, eventName, true, request);
};

const CONSOLE_READS: readonly (readonly [string, string, JsonObject | null])[] = [
  ['ec2.amazonaws.com', 'DescribeInstances', { instancesSet: {}, filterSet: {} }],
  ['ec2.amazonaws.com', 'DescribeSecurityGroups', { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} }],
  ['ec2.amazonaws.com', 'DescribeVolumes', { volumeSet: {}, filterSet: {} }],
  ['monitoring.amazonaws.com', 'DescribeAlarms', { maxRecords: 100 }],
  ['lambda.amazonaws.com', 'ListFunctions20150331', null],
  ['logs.amazonaws.com', 'DescribeLogGroups', { limit: 50 }],
  [
    'logs.amazonaws.com',
    'FilterLogEvents',
    { logGroupName: '/aws/lambda/orders-api', startTime: 0, interleaved: true },
  ],
  ['cloudformation.amazonaws.com', 'DescribeStacks', null],
  ['iam.amazonaws.com', 'ListRoles', { maxItems: 100 }],
  ['iam.amazonaws.com', 'GetAccountSummary', null],
  ['s3.amazonaws.com', 'ListBuckets', { Host: 's3.amazonaws.com' }],
  ['cloudtrail.amazonaws.com', 'LookupEvents', { maxResults: 50 }],
];

const devConsole: Behaviour = (s, time) => {
  const dev = s.rng.pick(s.account.developers);
  const region = s.region();
  if (s.rng.chance(0.06)) {
    const instance = s.rng.pick(s.account.instances.filter((i) => i.region === region));
    const eventName = s.rng.chance(0.5) ? 'StopInstances' : 'StartInstances';
    const actor = s.consoleActor(dev, time, 'ec2.amazonaws.com');
    const state = (code: number, name: string) => ({ code, name });
    return s.call(
      time,
      actor,
      region,
      'ec2.amazonaws.com',
      eventName,
      false,
      { instancesSet: { items: [{ instanceId: instance.id }] } },
      {
        requestId: s.rng.uuid(),
        instancesSet: {
          items: [
            {
              instanceId: instance.id,
              currentState: eventName === 'StopInstances' ? state(64, 'stopping') : state(0, 'pending'),
              previousState: eventName === 'StopInstances' ? state(16, 'running') : state(80, 'stopped'),
            },
          ],
        },
      },
    );
  }
  const [eventSource, eventName, params] = s.rng.pick(CONSOLE_READS);
  const actor = s.consoleActor(dev, time, eventSource);
  if (eventSource === 's3.amazonaws.com') {
    return s.call(time, { ...actor, userAgent: `[${actor.userAgent}]` }, region, eventSource, eventName, true, params);
  }
  const request = eventName === 'FilterLogEvents' ? { ...params, startTime: time - HOUR } : params;
  return s.call(time, actor, region, eventSource, eventName, true, request);
};

const devCli: Behaviour = (s, time) => {
  const dev = s.rng.pick(s.account.developers);
  const region = s.region();
  const roll = s.rng.next();
  if (roll < 0.2) {
    return s.call(
      time,
      { ...s.cliActor(dev, 's3.amazonaws.com', 'ListBuckets'), userAgent: dev.cli('s3.ls') },
      region,
      's3.amazonaws.com',
      'ListBuckets',
      true,
      { Host: 's3.amazonaws.com' },
    );
  }
  if (roll < 0.35) {
    const fn = s.rng.pick(s.account.functions);
    return s.factory.s3Call({
      time,
      actor: { ...s.cliActor(dev, 's3.amazonaws.com', 'GetObject'), userAgent: dev.cli('s3.cp') },
      region: fn.region,
      eventName: 'GetObject',
      bucket: fn.bucket === 'acme-customer-exports' ? 'acme-app-uploads' : fn.bucket,
      key: s.objectKey(fn.keyPrefix, time - s.rng.int(0, 10) * 86_400_000, 'json'),
      readOnly: true,
      bytesOut: s.rng.int(300, 200_000),
    });
  }
  if (roll < 0.5) {
    return s.call(
      time,
      s.cliActor(dev, 'sts.amazonaws.com', 'GetCallerIdentity'),
      region,
      'sts.amazonaws.com',
      'GetCallerIdentity',
      true,
    );
  }
  if (roll < 0.7) {
    const fn = s.rng.pick(s.account.functions);
    return s.call(
      time,
      { ...s.cliActor(dev, 'logs.amazonaws.com', 'FilterLogEvents'), userAgent: dev.cli('logs.tail') },
      fn.region,
      'logs.amazonaws.com',
      'FilterLogEvents',
      true,
      {
        logGroupName: `/aws/lambda/${fn.name}`,
        startTime: time - 10 * MINUTE,
        interleaved: true,
      },
    );
  }
  if (roll < 0.85) {
    return s.call(
      time,
      s.cliActor(dev, 'ec2.amazonaws.com', 'DescribeInstances'),
      region,
      'ec2.amazonaws.com',
      'DescribeInstances',
      true,
      { instancesSet: {}, filterSet: {} },
    );
  }
  const fn = s.rng.pick(s.account.functions);
  return s.call(
    time,
    s.cliActor(dev, 'lambda.amazonaws.com', 'GetFunction20150331v2'),
    fn.region,
    'lambda.amazonaws.com',
    'GetFunction20150331v2',
    true,
    { functionName: fn.name },
  );
};

const consoleLogin: Behaviour = (s, time) => {
  const dev = s.rng.pick(s.account.developers);
  const failed = s.rng.chance(0.04);
  return s.factory.consoleLogin({
    time,
    identity: iamUserIdentity(s.account.accountId, dev.name, dev.principalId, dev.accessKey),
    sourceIp: s.rng.chance(0.5) ? s.account.officeIp : dev.homeIp,
    userAgent: dev.browser,
    ...(dev.mfa && !failed ? { mfaArn: `arn:aws:iam::${s.account.accountId}:mfa/${dev.name}` } : {}),
    failed,
  });
};

/** Everyday denials: developers asking for more than their policies allow. */
const deniedNoise: Behaviour = (s, time) => {
  const dev = s.rng.pick(s.account.developers);
  const region = s.region();
  const roll = s.rng.next();
  if (roll < 0.3) {
    const actor = s.cliActor(dev, 'secretsmanager.amazonaws.com', 'GetSecretValue');
    const secret = `arn:aws:secretsmanager:${region}:${s.account.accountId}:secret:prod/orders-api/db-${s.rng.chars(6, 'abcdefghijklmnopqrstuvwxyzABCDEF')}`;
    return s.factory.apiCall({
      time,
      actor,
      region,
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: 'GetSecretValue',
      readOnly: true,
      requestParameters: { secretId: 'prod/orders-api/db' },
      error: accessDenied('secretsmanager.amazonaws.com', actor, 'secretsmanager:GetSecretValue', secret),
    });
  }
  if (roll < 0.55) {
    const actor = { ...s.cliActor(dev, 's3.amazonaws.com', 'GetObject'), userAgent: dev.cli('s3.cp') };
    return s.factory.s3Call({
      time,
      actor,
      region: 'eu-west-1',
      eventName: 'GetObject',
      bucket: 'acme-customer-exports',
      key: s.objectKey('exports/', time, 'csv.gz'),
      readOnly: true,
      error: accessDenied('s3.amazonaws.com', actor, 's3:GetObject', null),
    });
  }
  if (roll < 0.8) {
    const instance = s.rng.pick(s.account.instances);
    const actor = s.consoleActor(dev, time, 'ec2.amazonaws.com');
    return s.factory.apiCall({
      time,
      actor,
      region: instance.region,
      eventSource: 'ec2.amazonaws.com',
      eventName: 'TerminateInstances',
      readOnly: false,
      requestParameters: { instancesSet: { items: [{ instanceId: instance.id }] } },
      error: accessDenied(
        'ec2.amazonaws.com',
        actor,
        'ec2:TerminateInstances',
        `arn:aws:ec2:${instance.region}:${s.account.accountId}:instance/${instance.id}`,
      ),
    });
  }
  const actor = s.cliActor(dev, 'iam.amazonaws.com', 'ListUsers');
  return s.factory.apiCall({
    time,
    actor,
    region: 'us-east-1',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    readOnly: true,
    requestParameters: null,
    error: accessDenied('iam.amazonaws.com', actor, 'iam:ListUsers', `arn:aws:iam::${s.account.accountId}:user/`),
  });
};

const rootSignIn: Behaviour = (s, time) =>
  s.factory.consoleLogin({
    time,
    identity: rootIdentity(s.account.accountId),
    sourceIp: s.account.officeIp,
    userAgent: s.account.developers[0]?.browser ?? '',
    mfaArn: `arn:aws:iam::${s.account.accountId}:mfa/root-account-mfa-device`,
  });

const HUMAN = new WeightedChoice<Behaviour>([
  [ciPipeline, 25],
  [terraform, 15],
  [devConsole, 30],
  [devCli, 18],
  [consoleLogin, 2],
  [deniedNoise, 3],
  [rootSignIn, 0.01],
]);
