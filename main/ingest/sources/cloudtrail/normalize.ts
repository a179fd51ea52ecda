import type { NormalizedEvent } from '../../../core/event.js';
import { parseEventTime } from './event-time.js';
import { isJsonObject, type JsonObject } from './record-shape.js';

/** A CloudTrail record turned into a timeline event, or why it could not be. */
export type NormalizeResult = { readonly event: NormalizedEvent } | { readonly error: string };

/**
 * Maps one parsed CloudTrail record to a NormalizedEvent. `raw` is the record's text as read.
 * Values are kept as they are (anonymized IPs like "075.050.255.67", made-up regions): evidence is
 * never "corrected". Only a missing or unreadable time makes the record unusable.
 */
export function normalizeCloudTrailRecord(record: unknown, raw: string): NormalizeResult {
  try {
    return normalizeRecord(record, raw);
  } catch (error) {
    if (error instanceof NestingTooDeepError) return { error: error.message };
    throw error;
  }
}

function normalizeRecord(record: unknown, raw: string): NormalizeResult {
  if (!isJsonObject(record))
    return { error: `expected a CloudTrail record (a JSON object), found ${describe(record)}` };
  // Logstash exports rename eventTime to @timestamp.
  const timeValue = record.eventTime ?? record['@timestamp'];
  if (timeValue === undefined || timeValue === null) return { error: 'the record has no eventTime' };
  const time = parseEventTime(timeValue);
  if (time === null) return { error: `eventTime ${JSON.stringify(timeValue)} is not a date` };

  const identity = isJsonObject(record.userIdentity) ? record.userIdentity : null;
  const sessionContext = identity && isJsonObject(identity.sessionContext) ? identity.sessionContext : null;
  const issuer = sessionContext && isJsonObject(sessionContext.sessionIssuer) ? sessionContext.sessionIssuer : null;
  const principalArn = text(identity?.arn);
  const principalType = text(identity?.type);

  return {
    event: {
      time,
      source: 'cloudtrail',
      eventName: text(record.eventName),
      eventSource: text(record.eventSource),
      region: text(record.awsRegion),
      accountId: text(record.recipientAccountId) ?? text(identity?.accountId),
      principalArn,
      principalType,
      userName: text(identity?.userName) ?? userNameFromArn(principalType, principalArn),
      accessKeyId: text(identity?.accessKeyId),
      sessionIssuerArn: text(issuer?.arn),
      sourceIp: text(record.sourceIPAddress),
      userAgent: text(record.userAgent),
      errorCode: text(record.errorCode),
      errorMessage: text(record.errorMessage),
      readOnly: readOnlyFlag(record.readOnly),
      resources: resourceNames(record.resources),
      requestParameters: jsonText(record.requestParameters),
      responseElements: jsonText(record.responseElements),
      eventId: text(record.eventID),
      eventType: text(record.eventType),
      raw,
    },
  };
}

/** Strings as they are; numbers (an account id written as a number) as their decimal text. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

function jsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  try {
    return JSON.stringify(value);
  } catch (error) {
    // JSON.stringify recurses: a document nested thousands of levels deep overflows the stack.
    if (error instanceof RangeError) throw new NestingTooDeepError();
    throw error;
  }
}

/** A record nested too deeply to normalize (a planted record): refused alone, the file goes on. */
export class NestingTooDeepError extends Error {
  override name = 'NestingTooDeepError';
  constructor() {
    super('record is nested too deeply to read (thousands of levels); skipped');
  }
}

function readOnlyFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
}

/**
 * The name of the acting user when the record does not give userIdentity.userName: the session
 * name of an assumed role ("assumed-role/<role>/<session>"), the user of an IAM user or federated
 * user ARN, or "root" for the account root.
 */
function userNameFromArn(type: string | null, arn: string | null): string | null {
  if (type === 'Root') return 'root';
  if (arn === null) return null;
  const resource = arn.split(':').slice(5).join(':');
  const segments = resource.split('/');
  if (type === 'AssumedRole' && segments[0] === 'assumed-role') return segments[2] ?? null;
  if (
    (type === 'IAMUser' && segments[0] === 'user') ||
    (type === 'FederatedUser' && segments[0] === 'federated-user')
  ) {
    return segments.length > 1 ? (segments[segments.length - 1] ?? null) : null;
  }
  return null;
}

/**
 * ARNs of the resources a record lists (S3 data events may give only an "ARNPrefix"); resources
 * without any ARN are listed by name.
 */
function resourceNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const resource of value as unknown[]) {
    if (!isJsonObject(resource)) continue;
    const name = firstText(resource, ['ARN', 'arn', 'ARNPrefix', 'ResourceName', 'resourceName', 'name']);
    if (name !== null) names.push(name);
  }
  return names;
}

function firstText(object: JsonObject, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = text(object[key]);
    if (value !== null && value !== '') return value;
  }
  return null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}
