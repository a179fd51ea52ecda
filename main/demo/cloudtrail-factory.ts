import { s3ExtendedRequestId, s3RequestId } from './aws-ids.js';
import type { Rng } from './prng.js';

/**
 * Builds CloudTrail records the way AWS writes them (record format 1.08/1.09): the same keys in
 * the same order, identities per principal type, per-service request ids, host headers and error
 * shapes. All randomness comes from the caller's seeded Rng, so output is reproducible.
 */

export type JsonObject = { [key: string]: unknown };

export type EventType = 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';

export interface SessionIssuer {
  type: 'Role';
  principalId: string;
  arn: string;
  accountId: string;
  userName: string;
}

export interface SessionContext {
  sessionIssuer?: SessionIssuer;
  webIdFederationData?: JsonObject;
  attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
  ec2RoleDelivery?: string;
}

/** userIdentity as CloudTrail writes it; which keys are present depends on `type`. */
export interface UserIdentity {
  /** AWSAccount with accountId "anonymous" is an unauthenticated caller (public S3 objects). */
  type: 'IAMUser' | 'AssumedRole' | 'Root' | 'AWSService' | 'AWSAccount';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: SessionContext;
  invokedBy?: string;
}

/** AwsServiceEvent records name only the account and the service, no principal type. */
export interface ServiceEventIdentity {
  accountId: string;
  invokedBy: string;
}

export interface CloudTrailResource {
  accountId?: string;
  type: string;
  ARN: string;
}

export interface TlsDetails {
  tlsVersion: string;
  cipherSuite: string;
  clientProvidedHostHeader: string;
}

/** One CloudTrail record. Optional keys are left out (not null) when AWS leaves them out. */
export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: UserIdentity | ServiceEventIdentity;
  /** ISO 8601, UTC, whole seconds: 2025-03-12T02:14:07Z. */
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData?: JsonObject;
  requestID?: string;
  eventID: string;
  readOnly: boolean;
  resources?: CloudTrailResource[];
  eventType: EventType;
  apiVersion?: string;
  managementEvent: boolean;
  recipientAccountId: string;
  serviceEventDetails?: JsonObject;
  sharedEventID?: string;
  vpcEndpointId?: string;
  eventCategory: 'Management' | 'Data';
  tlsDetails?: TlsDetails;
  sessionCredentialFromConsole?: 'true';
}

/** Who makes a call, from where, with what client. */
export interface Actor {
  identity: UserIdentity;
  sourceIp: string;
  userAgent: string;
  /** The call was made from the AWS console (sets sessionCredentialFromConsole). */
  console?: boolean;
  vpcEndpointId?: string;
}

/** An error as CloudTrail records it. */
export interface CallError {
  code: string;
  message: string;
}

export interface ApiCallSpec {
  /** Milliseconds since the epoch, UTC. */
  time: number;
  actor: Actor;
  region: string;
  /** e.g. "iam.amazonaws.com". */
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  requestParameters?: JsonObject | null;
  responseElements?: JsonObject | null;
  additionalEventData?: JsonObject;
  resources?: CloudTrailResource[];
  error?: CallError;
  category?: 'Management' | 'Data';
  apiVersion?: string;
  /** Overrides the host header derived from the service and region. */
  host?: string;
  /** The call is also recorded in another account (cross-account, or made by an AWS service). */
  shared?: boolean;
}

export interface RoleRef {
  name: string;
  /** AROA… */
  roleId: string;
  accountId: string;
}

// ---------------------------------------------------------------------------------------------
// Time and small formats

let lastSecond = Number.NaN;
let lastText = '';

/** CloudTrail's eventTime: ISO 8601 UTC without fractions. */
export function formatEventTime(ms: number): string {
  // Generators ask for the same second many times in a row: remember the last one.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
  }
  return lastText;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** STS writes credential expirations as "Mar 12, 2025, 3:14:15 AM" (UTC). */
export function formatStsExpiration(ms: number): string {
  const d = new Date(ms);
  const hour = d.getUTCHours();
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h12}:${mm}:${ss} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** Services whose events CloudTrail records in us-east-1 whatever the caller's region. */
export const GLOBAL_EVENT_SOURCES: ReadonlySet<string> = new Set([
  'iam.amazonaws.com',
  'signin.amazonaws.com',
  'organizations.amazonaws.com',
  'cloudfront.amazonaws.com',
  'route53.amazonaws.com',
]);

function hostHeader(eventSource: string, region: string): string {
  const service = eventSource.slice(0, eventSource.indexOf('.'));
  switch (service) {
    case 'iam':
    case 'organizations':
    case 'route53':
    case 'cloudfront':
      return eventSource;
    case 'sts':
      return region === 'us-east-1' ? 'sts.amazonaws.com' : `sts.${region}.amazonaws.com`;
    case 's3':
      return `s3.${region}.amazonaws.com`;
    case 'signin':
      return `${region}.signin.aws.amazon.com`;
    case 'ecr':
      return `api.ecr.${region}.amazonaws.com`;
    case 'monitoring':
    case 'logs':
    default:
      return `${service}.${region}.amazonaws.com`;
  }
}

/** The api or console call's TLS session; console and newer SDKs use TLS 1.3. */
function tlsDetails(host: string, userAgent: string): TlsDetails {
  const old = userAgent.startsWith('aws-cli/1.') || userAgent.includes('aws-sdk-java/1.');
  return old
    ? { tlsVersion: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256', clientProvidedHostHeader: host }
    : { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: host };
}

// ---------------------------------------------------------------------------------------------
// Identities

export function iamUserArn(accountId: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user/${userName}`;
}

export function roleArn(role: RoleRef): string {
  return `arn:aws:iam::${role.accountId}:role/${role.name}`;
}

export function assumedRoleArn(role: RoleRef, sessionName: string): string {
  return `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`;
}

/** An IAM user calling with a long-term access key (AKIA…). */
export function iamUserIdentity(
  accountId: string,
  userName: string,
  principalId: string,
  accessKey: string,
): UserIdentity {
  return {
    type: 'IAMUser',
    principalId,
    arn: iamUserArn(accountId, userName),
    accountId,
    accessKeyId: accessKey,
    userName,
  };
}

/** An IAM user in a console session (temporary ASIA… key, session attributes). */
export function iamUserConsoleIdentity(
  accountId: string,
  userName: string,
  principalId: string,
  sessionKey: string,
  sessionStart: number,
  mfa: boolean,
): UserIdentity {
  return {
    type: 'IAMUser',
    principalId,
    arn: iamUserArn(accountId, userName),
    accountId,
    accessKeyId: sessionKey,
    userName,
    sessionContext: {
      attributes: { creationDate: formatEventTime(sessionStart), mfaAuthenticated: mfa ? 'true' : 'false' },
    },
  };
}

/** A role session (ASIA… key); `ec2` marks instance-profile credentials (ec2RoleDelivery). */
export function assumedRoleIdentity(
  role: RoleRef,
  sessionName: string,
  sessionKey: string,
  sessionStart: number,
  options: { mfa?: boolean; ec2?: boolean } = {},
): UserIdentity {
  return {
    type: 'AssumedRole',
    principalId: `${role.roleId}:${sessionName}`,
    arn: assumedRoleArn(role, sessionName),
    accountId: role.accountId,
    accessKeyId: sessionKey,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.roleId,
        arn: roleArn(role),
        accountId: role.accountId,
        userName: role.name,
      },
      webIdFederationData: {},
      attributes: { creationDate: formatEventTime(sessionStart), mfaAuthenticated: options.mfa ? 'true' : 'false' },
      ...(options.ec2 ? { ec2RoleDelivery: '2.0' } : {}),
    },
  };
}

/** The account root user; console sessions carry a temporary key. */
export function rootIdentity(accountId: string, sessionKey?: string, sessionStart?: number): UserIdentity {
  return {
    type: 'Root',
    principalId: accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    accountId,
    ...(sessionKey !== undefined ? { accessKeyId: sessionKey } : {}),
    ...(sessionStart !== undefined
      ? { sessionContext: { attributes: { creationDate: formatEventTime(sessionStart), mfaAuthenticated: 'true' } } }
      : {}),
  };
}

/** An unauthenticated caller, as S3 records requests to public objects. */
export function anonymousIdentity(): UserIdentity {
  return { type: 'AWSAccount', principalId: '', accountId: 'anonymous' };
}

/** An AWS service acting on the account's behalf (e.g. lambda.amazonaws.com assuming a role). */
export function awsServiceIdentity(invokedBy: string): UserIdentity {
  return { type: 'AWSService', invokedBy };
}

function arnOf(identity: UserIdentity): string {
  return identity.arn ?? identity.invokedBy ?? 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Errors, worded per service as AWS words them

/**
 * The "not authorized" error a service returns to `actor` for `action` ("iam:ListUsers") on
 * `resource`. `why` is the reason IAM gives (no identity policy, an SCP, a permissions boundary).
 */
export function accessDenied(
  eventSource: string,
  actor: Actor,
  action: string,
  resource: string | null,
  why: 'identity' | 'scp' = 'identity',
): CallError {
  const who = arnOf(actor.identity);
  const reason =
    why === 'scp'
      ? `with an explicit deny in a service control policy`
      : `because no identity-based policy allows the ${action} action`;
  const on = resource ? ` on resource: ${resource}` : '';
  switch (eventSource) {
    case 'ec2.amazonaws.com':
      return {
        code: 'Client.UnauthorizedOperation',
        message: `You are not authorized to perform this operation. User: ${who} is not authorized to perform: ${action}${on} ${reason}`,
      };
    case 's3.amazonaws.com':
      return { code: 'AccessDenied', message: 'Access Denied' };
    case 'iam.amazonaws.com':
    case 'sts.amazonaws.com':
    case 'cloudtrail.amazonaws.com':
    case 'rds.amazonaws.com':
    case 'cloudformation.amazonaws.com':
    case 'organizations.amazonaws.com':
      return { code: 'AccessDenied', message: `User: ${who} is not authorized to perform: ${action}${on} ${reason}` };
    default:
      return {
        code: 'AccessDeniedException',
        message: `User: ${who} is not authorized to perform: ${action}${on} ${reason}`,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// The factory

/** Record format versions by service: newer services' records already carry 1.09. */
function eventVersionFor(eventSource: string): string {
  switch (eventSource) {
    case 's3.amazonaws.com':
    case 'iam.amazonaws.com':
    case 'sts.amazonaws.com':
    case 'kms.amazonaws.com':
    case 'signin.amazonaws.com':
      return '1.09';
    default:
      return '1.08';
  }
}

/** Builds complete records; ids (requestID, eventID, S3 ids) are drawn from `rng`. */
export class CloudTrailFactory {
  constructor(
    readonly rng: Rng,
    readonly accountId: string,
  ) {}

  /** Any management or data API call. */
  apiCall(spec: ApiCallSpec): CloudTrailRecord {
    const { actor, eventSource } = spec;
    const region = GLOBAL_EVENT_SOURCES.has(eventSource) ? 'us-east-1' : spec.region;
    const isS3 = eventSource === 's3.amazonaws.com';
    const host = spec.host ?? hostHeader(eventSource, region);
    const category = spec.category ?? 'Management';
    // Keys are added in the order AWS writes them (optional ones only when present).
    const record = {
      eventVersion: eventVersionFor(eventSource),
      userIdentity: actor.identity,
      eventTime: formatEventTime(spec.time),
      eventSource,
      eventName: spec.eventName,
      awsRegion: region,
      sourceIPAddress: actor.sourceIp,
      // S3 writes the user agent in brackets.
      userAgent: isS3 && actor.identity.type !== 'AWSService' ? `[${actor.userAgent}]` : actor.userAgent,
    } as CloudTrailRecord;
    if (spec.error) {
      record.errorCode = spec.error.code;
      record.errorMessage = spec.error.message;
    }
    record.requestParameters = spec.requestParameters ?? null;
    record.responseElements = spec.error ? null : (spec.responseElements ?? null);
    if (spec.additionalEventData) record.additionalEventData = spec.additionalEventData;
    record.requestID = isS3 ? s3RequestId(this.rng) : this.rng.uuid();
    record.eventID = this.rng.uuid();
    record.readOnly = spec.readOnly;
    if (spec.resources) record.resources = spec.resources;
    record.eventType = 'AwsApiCall';
    if (spec.apiVersion) record.apiVersion = spec.apiVersion;
    record.managementEvent = category === 'Management';
    record.recipientAccountId = this.accountId;
    if (spec.shared) record.sharedEventID = this.rng.uuid();
    if (actor.vpcEndpointId) record.vpcEndpointId = actor.vpcEndpointId;
    record.eventCategory = category;
    if (actor.identity.type !== 'AWSService') record.tlsDetails = tlsDetails(host, actor.userAgent);
    if (actor.console) record.sessionCredentialFromConsole = 'true';
    return record;
  }

  /**
   * An S3 call (bucket or object level). Object-level calls are data events with the object and
   * bucket as resources; `bytesOut` is what a GetObject returned.
   */
  s3Call(spec: {
    time: number;
    actor: Actor;
    region: string;
    eventName: string;
    bucket: string;
    key?: string;
    readOnly: boolean;
    bytesIn?: number;
    bytesOut?: number;
    requestParameters?: JsonObject;
    responseElements?: JsonObject | null;
    error?: CallError;
  }): CloudTrailRecord {
    const host = `${spec.bucket}.s3.${spec.region}.amazonaws.com`;
    const isObject = spec.key !== undefined;
    const resources: CloudTrailResource[] = isObject
      ? [
          { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${spec.bucket}/${spec.key}` },
          { accountId: this.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${spec.bucket}` },
        ]
      : [{ accountId: this.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${spec.bucket}` }];
    return this.apiCall({
      time: spec.time,
      actor: spec.actor,
      region: spec.region,
      eventSource: 's3.amazonaws.com',
      eventName: spec.eventName,
      readOnly: spec.readOnly,
      requestParameters: {
        bucketName: spec.bucket,
        Host: host,
        ...(isObject ? { key: spec.key } : {}),
        ...spec.requestParameters,
      },
      responseElements: spec.responseElements ?? null,
      additionalEventData: {
        SignatureVersion: 'SigV4',
        CipherSuite: 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: spec.bytesIn ?? 0,
        ...(spec.actor.identity.type === 'AWSAccount' ? {} : { AuthenticationMethod: 'AuthHeader' }),
        'x-amz-id-2': s3ExtendedRequestId(this.rng),
        bytesTransferredOut: spec.bytesOut ?? 0,
      },
      resources,
      category: isObject ? 'Data' : 'Management',
      host,
      ...(spec.error ? { error: spec.error } : {}),
    });
  }

  /** sts:AssumeRole, with the issued session in the response and the role as a resource. */
  assumeRole(spec: {
    time: number;
    actor: Actor;
    region: string;
    role: RoleRef;
    sessionName: string;
    issuedKey: string;
    sessionToken: string;
    durationSeconds?: number;
    error?: CallError;
  }): CloudTrailRecord {
    const duration = spec.durationSeconds ?? 3600;
    const roleArnText = roleArn(spec.role);
    return this.apiCall({
      time: spec.time,
      actor: spec.actor,
      region: spec.region,
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      readOnly: true,
      requestParameters: {
        roleArn: roleArnText,
        roleSessionName: spec.sessionName,
        ...(spec.durationSeconds ? { durationSeconds: spec.durationSeconds } : {}),
      },
      responseElements: {
        credentials: {
          accessKeyId: spec.issuedKey,
          sessionToken: spec.sessionToken,
          expiration: formatStsExpiration(spec.time + duration * 1000),
        },
        assumedRoleUser: {
          assumedRoleId: `${spec.role.roleId}:${spec.sessionName}`,
          arn: assumedRoleArn(spec.role, spec.sessionName),
        },
      },
      resources: [{ accountId: spec.role.accountId, type: 'AWS::IAM::Role', ARN: roleArnText }],
      shared: spec.role.accountId !== this.accountId || spec.actor.identity.type === 'AWSService',
      ...(spec.error ? { error: spec.error } : {}),
    });
  }

  /** A KMS call on one key (Decrypt, GenerateDataKey, …): the key is the record's resource. */
  kmsCall(spec: {
    time: number;
    actor: Actor;
    region: string;
    eventName: string;
    keyArn: string;
    requestParameters: JsonObject;
    error?: CallError;
  }): CloudTrailRecord {
    return this.apiCall({
      time: spec.time,
      actor: spec.actor,
      region: spec.region,
      eventSource: 'kms.amazonaws.com',
      eventName: spec.eventName,
      readOnly: true,
      requestParameters: spec.requestParameters,
      resources: [{ accountId: this.accountId, type: 'AWS::KMS::Key', ARN: spec.keyArn }],
      ...(spec.error ? { error: spec.error } : {}),
    });
  }

  /** A console sign-in (success or failed authentication), recorded by signin.amazonaws.com. */
  consoleLogin(spec: {
    time: number;
    identity: UserIdentity;
    sourceIp: string;
    userAgent: string;
    mfaArn?: string;
    failed?: boolean;
  }): CloudTrailRecord {
    const identity: UserIdentity = { ...spec.identity };
    delete identity.sessionContext;
    if (identity.type === 'IAMUser') delete identity.accessKeyId;
    else if (identity.type === 'Root') identity.accessKeyId = '';
    return {
      eventVersion: '1.09',
      userIdentity: identity,
      eventTime: formatEventTime(spec.time),
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      awsRegion: 'us-east-1',
      sourceIPAddress: spec.sourceIp,
      userAgent: spec.userAgent,
      ...(spec.failed ? { errorMessage: 'Failed authentication' } : {}),
      requestParameters: null,
      responseElements: { ConsoleLogin: spec.failed ? 'Failure' : 'Success' },
      additionalEventData: {
        LoginTo:
          'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1',
        MobileVersion: 'No',
        ...(spec.mfaArn ? { MFAIdentifier: spec.mfaArn } : {}),
        MFAUsed: spec.mfaArn ? 'Yes' : 'No',
      },
      eventID: this.rng.uuid(),
      readOnly: false,
      eventType: 'AwsConsoleSignIn',
      managementEvent: true,
      recipientAccountId: this.accountId,
      eventCategory: 'Management',
      tlsDetails: {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: 'us-east-1.signin.aws.amazon.com',
      },
    };
  }

  /** Something an AWS service did on its own (key rotation, …): AwsServiceEvent. */
  serviceEvent(spec: {
    time: number;
    region: string;
    eventSource: string;
    eventName: string;
    serviceEventDetails?: JsonObject;
    resources?: CloudTrailResource[];
  }): CloudTrailRecord {
    return {
      eventVersion: '1.08',
      userIdentity: { accountId: this.accountId, invokedBy: spec.eventSource },
      eventTime: formatEventTime(spec.time),
      eventSource: spec.eventSource,
      eventName: spec.eventName,
      awsRegion: spec.region,
      sourceIPAddress: spec.eventSource,
      userAgent: spec.eventSource,
      requestParameters: null,
      responseElements: null,
      eventID: this.rng.uuid(),
      readOnly: false,
      ...(spec.resources ? { resources: spec.resources } : {}),
      eventType: 'AwsServiceEvent',
      managementEvent: true,
      recipientAccountId: this.accountId,
      ...(spec.serviceEventDetails ? { serviceEventDetails: spec.serviceEventDetails } : {}),
      eventCategory: 'Management',
    };
  }
}
