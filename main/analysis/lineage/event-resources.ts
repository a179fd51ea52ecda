import { isRecord, parseBodies, stringAt, type JsonRecord } from './json-fields.js';
import type { TrailEvent } from './trail-event.js';

/** A resource an event touched, with the node kind the blast graph draws it as. */
export interface TouchedResource {
  /** ARN, or the EC2 id (instance, security group, ENI, volume, snapshot) when EC2 gives no ARN. */
  id: string;
  kind: string;
}

/** Whether an event only reads: decided by the action's verb, since TrailEvent has no readOnly flag. */
export function isReadOnlyAction(eventName: string | null): boolean {
  return eventName !== null && /^(Get|List|Describe|Head|Lookup)/.test(eventName);
}

const EC2_ID_KEYS: ReadonlyMap<string, string> = new Map([
  ['instanceId', 'instance'],
  ['groupId', 'security-group'],
  ['networkInterfaceId', 'network-interface'],
  ['volumeId', 'volume'],
  ['snapshotId', 'snapshot'],
]);

const TRAIL_ACTIONS = new Set([
  'StopLogging',
  'StartLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'PutInsightSelectors',
  'CreateTrail',
]);

/** How deep the EC2 id walk goes into request/response JSON (RunInstances nests ids 4–6 levels down). */
const MAX_DEPTH = 8;

/**
 * The resources one event names: its `resources` list, S3 bucket/key, CloudTrail trail, KMS key,
 * IAM user/role/policy from the request, and EC2 ids anywhere in the request or response.
 * Deduplicated, in first-seen order.
 */
export function resourcesOf(event: TrailEvent): TouchedResource[] {
  const found = new Map<string, string>();
  const add = (id: string | null, kind: string): void => {
    if (id !== null && id !== '' && !found.has(id)) found.set(id, kind);
  };
  for (const name of event.resources) {
    // S3 data events may name only a prefix ("arn:aws:s3:::bucket/"): that is the bucket, not an object.
    const id = /^arn:[^:]+:s3:::[^/]+\/$/.test(name) ? name.slice(0, -1) : name;
    add(id, kindOfArn(id));
  }
  const { request, response } = parseBodies(event);
  const partition = partitionOf(event);
  const account = event.accountId;
  const region = event.region;

  const bucket = stringAt(request, 'bucketName');
  if (bucket !== null) {
    add(`arn:${partition}:s3:::${bucket}`, 'bucket');
    const key = stringAt(request, 'key');
    if (key !== null) add(`arn:${partition}:s3:::${bucket}/${key}`, 'object');
  }

  if (event.eventName !== null && TRAIL_ACTIONS.has(event.eventName)) {
    const name = stringAt(request, 'name') ?? stringAt(request, 'trailName');
    if (name !== null)
      add(
        name.startsWith('arn:')
          ? name
          : account && region
            ? `arn:${partition}:cloudtrail:${region}:${account}:trail/${name}`
            : name,
        'trail',
      );
  }

  if (event.eventSource === 'kms.amazonaws.com') {
    const keyId = stringAt(request, 'keyId');
    if (keyId !== null) {
      const arn = keyId.startsWith('arn:')
        ? keyId
        : account && region
          ? `arn:${partition}:kms:${region}:${account}:${keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`
          : keyId;
      add(arn, 'kms-key');
    }
  }

  if (event.eventSource === 'iam.amazonaws.com' && account !== null) {
    const userName = stringAt(request, 'userName');
    if (userName !== null) add(`arn:${partition}:iam::${account}:user/${userName}`, 'user');
    const roleName = stringAt(request, 'roleName');
    if (roleName !== null) add(`arn:${partition}:iam::${account}:role/${roleName}`, 'role');
    add(stringAt(request, 'policyArn'), 'policy');
    add(stringAt(response, 'user', 'arn'), 'user');
    add(stringAt(response, 'role', 'arn'), 'role');
  }

  if (event.eventSource === 'ec2.amazonaws.com') {
    for (const body of [request, response]) if (body !== null) collectEc2Ids(body, 0, add);
  }
  return [...found].map(([id, kind]) => ({ id, kind }));
}

function collectEc2Ids(value: unknown, depth: number, add: (id: string | null, kind: string) => void): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collectEc2Ids(item, depth + 1, add);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value as JsonRecord)) {
    const kind = EC2_ID_KEYS.get(key);
    if (kind !== undefined && typeof child === 'string') add(child, kind);
    else if (typeof child === 'object' && child !== null) collectEc2Ids(child, depth + 1, add);
  }
}

/** The node kind of a resource named by ARN (or by bare id). */
export function kindOfArn(id: string): string {
  if (id.startsWith('i-')) return 'instance';
  if (id.startsWith('sg-')) return 'security-group';
  if (id.startsWith('eni-')) return 'network-interface';
  const parts = id.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return 'resource';
  const service = parts[2];
  const resource = parts.slice(5).join(':');
  if (service === 's3') return resource.includes('/') ? 'object' : 'bucket';
  if (service === 'iam') {
    const type = resource.split('/')[0];
    if (type === 'user' || type === 'role' || type === 'policy' || type === 'group') return type;
    if (resource === 'root') return 'root';
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) return 'assumed-role';
  if (service === 'kms') return 'kms-key';
  if (service === 'cloudtrail') return 'trail';
  if (service === 'ec2') {
    const type = resource.split('/')[0];
    if (type === 'instance') return 'instance';
    if (type === 'security-group') return 'security-group';
    if (type === 'network-interface') return 'network-interface';
  }
  return 'resource';
}

function partitionOf(event: TrailEvent): string {
  const arn = event.principalArn ?? event.sessionIssuerArn;
  const partition = arn?.split(':')[1];
  return partition !== undefined && partition !== '' ? partition : 'aws';
}
