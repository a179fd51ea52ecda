import type { AccessLevel, ActionCatalogue } from './action-catalogue.js';
import { accountOf, iamName, parseArn } from './arn.js';
import type { BlastEdge, BlastGraph, BlastNode } from './blast-graph.js';
import { findEscalationPaths, isAdminEquivalent } from './escalation.js';
import { evaluate, resourcePolicyFor } from './evaluate.js';
import type { IamSnapshot, Statement } from './model.js';
import { identityPolicies, resolvePrincipal } from './principal.js';
import { actionMatches } from './statement-match.js';

/** Options of buildPotentialGraph. */
export interface PotentialGraphOptions {
  /** AWS's action catalogue (loadActionCatalogue); without it a small built-in sample of actions per service is tested. */
  readonly catalogue?: ActionCatalogue;
  /** Stop expanding after this many principals (default 100). */
  readonly maxPrincipals?: number;
}

/** Node kind of a resource ARN by service. */
const RESOURCE_KINDS: Readonly<Record<string, string>> = {
  s3: 's3-bucket',
  kms: 'kms-key',
  lambda: 'lambda-function',
  sns: 'sns-topic',
  sqs: 'sqs-queue',
  secretsmanager: 'secret',
  dynamodb: 'dynamodb-table',
  ec2: 'ec2-resource',
  rds: 'rds-resource',
  logs: 'log-group',
};

/** The catalogue resource types that fit a node kind (the rest of a service's actions do not act on it). */
const RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  's3-bucket': ['bucket', 'object'],
  'kms-key': ['key'],
  'lambda-function': ['function'],
  'sns-topic': ['topic'],
  'sqs-queue': ['queue'],
  secret: ['secret'],
  'dynamodb-table': ['table'],
};

/** Without a catalogue: a few representative actions per level (levels as AWS's catalogue assigns them). */
const SAMPLE_ACTIONS: Readonly<Record<string, Readonly<Record<AccessLevel, readonly string[]>>>> = {
  s3: {
    read: ['s3:GetObject', 's3:ListBucket'],
    write: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteBucket'],
    permissions: ['s3:PutBucketPolicy', 's3:PutBucketAcl', 's3:PutObjectAcl'],
  },
  kms: {
    read: ['kms:DescribeKey', 'kms:GetKeyPolicy'],
    write: ['kms:Decrypt', 'kms:Encrypt', 'kms:ScheduleKeyDeletion'],
    permissions: ['kms:PutKeyPolicy', 'kms:CreateGrant'],
  },
  lambda: {
    read: ['lambda:GetFunction'],
    write: ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode'],
    permissions: ['lambda:AddPermission'],
  },
  sns: {
    read: ['sns:GetTopicAttributes'],
    write: ['sns:Publish', 'sns:DeleteTopic'],
    permissions: ['sns:AddPermission'],
  },
  sqs: {
    read: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'],
    write: ['sqs:SendMessage', 'sqs:DeleteMessage'],
    permissions: ['sqs:AddPermission'],
  },
  secretsmanager: {
    read: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    write: ['secretsmanager:PutSecretValue', 'secretsmanager:DeleteSecret'],
    permissions: ['secretsmanager:PutResourcePolicy'],
  },
  dynamodb: {
    read: ['dynamodb:GetItem', 'dynamodb:Scan'],
    write: ['dynamodb:PutItem', 'dynamodb:DeleteTable'],
    permissions: [],
  },
};

/** Actions on `*` across core services: a principal allowed most of them can act on the whole account. */
const WHOLE_ACCOUNT_PROBES = [
  's3:PutObject',
  'ec2:RunInstances',
  'iam:CreateUser',
  'kms:Decrypt',
  'lambda:CreateFunction',
  'dynamodb:PutItem',
  'rds:CreateDBInstance',
  'sns:Publish',
  'sqs:SendMessage',
  'secretsmanager:GetSecretValue',
  'cloudtrail:StopLogging',
  'logs:DeleteLogGroup',
];
const WHOLE_ACCOUNT_SHARE = 0.75;

const LEVELS: readonly AccessLevel[] = ['read', 'write', 'permissions'];

/**
 * What `seed` could reach according to the snapshot's policies: roles it can assume (only those
 * whose trust policy admits it), principals it can escalate to (edge actions = permissions used),
 * and resources each reached principal can act on (edge actions = access levels). A principal that
 * can act on `*` for most services gets one `account:<id>` node instead of every resource.
 */
export function buildPotentialGraph(
  snapshot: IamSnapshot,
  seedPrincipalArn: string,
  options: PotentialGraphOptions = {},
): BlastGraph {
  const maxPrincipals = options.maxPrincipals ?? 100;
  const nodes = new Map<string, BlastNode>();
  const edges = new Map<string, BlastEdge>();
  const addNode = (id: string, kind: string, label: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, kind, label, potential: true, observed: false });
  };
  const addEdge = (from: string, to: string, kind: string, actions: readonly string[]) => {
    const key = JSON.stringify([from, to, kind]);
    const prior = edges.get(key);
    const merged = prior ? [...new Set([...prior.actions, ...actions])] : [...actions];
    edges.set(key, { from, to, kind, potential: true, observed: false, actions: merged, eventIds: [] });
  };

  const resources = collectResources(snapshot);
  const queue = [seedPrincipalArn];
  const seen = new Set(queue);
  addNode(seedPrincipalArn, principalKind(snapshot, seedPrincipalArn), iamName(seedPrincipalArn));
  let adminEquivalent = false;
  let wholeAccount = false;
  let expanded = 0;

  while (queue.length && expanded < maxPrincipals) {
    const principal = queue.shift() ?? '';
    expanded++;
    const paths = findEscalationPaths(snapshot, principal);
    const admin = isAdminEquivalent(snapshot, principal);
    if (principal === seedPrincipalArn) adminEquivalent = admin || paths.some((p) => p.adminReached);

    for (const path of paths) {
      // An admin-equivalent principal already reaches all of its own account (the account node below).
      if (admin && accountOf(path.target) === accountOf(principal)) continue;
      const known =
        snapshot.users.some((u) => u.arn === path.target) || snapshot.roles.some((r) => r.arn === path.target);
      addNode(
        path.target,
        known ? principalKind(snapshot, path.target) : 'new-user',
        known ? iamName(path.target) : 'a new user',
      );
      const assumeOnly = path.actions.length === 1 && path.actions[0] === 'sts:AssumeRole';
      addEdge(principal, path.target, assumeOnly ? 'can-assume' : 'can-escalate', path.actions);
      if (known && !seen.has(path.target)) {
        seen.add(path.target);
        queue.push(path.target);
      }
    }

    if (admin || coversWholeAccount(snapshot, principal)) {
      wholeAccount = true;
      const account = accountOf(principal) ?? snapshot.accountId ?? 'unknown';
      const id = `account:${account}`;
      addNode(id, 'account', `account ${account}`);
      addEdge(principal, id, 'can-access', LEVELS);
      continue;
    }
    for (const [arn, kind] of resources) {
      const levels = accessLevels(snapshot, principal, arn, kind, options.catalogue);
      if (!levels.length) continue;
      addNode(arn, kind, resourceLabel(arn));
      addEdge(principal, arn, 'can-access', levels);
    }
  }
  return {
    seed: seedPrincipalArn,
    adminEquivalent,
    wholeAccount,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}

function principalKind(snapshot: IamSnapshot, arn: string): string {
  const kind = resolvePrincipal(snapshot, arn).kind;
  return kind === 'unknown' ? 'principal' : kind;
}

function resourceLabel(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.replace(/^[a-z-]+[:/]/, '') || arn;
}

function coversWholeAccount(snapshot: IamSnapshot, principal: string): boolean {
  const allowed = WHOLE_ACCOUNT_PROBES.filter(
    (a) => evaluate(snapshot, { principal, action: a, resource: '*' }).decision === 'allow',
  ).length;
  return allowed / WHOLE_ACCOUNT_PROBES.length >= WHOLE_ACCOUNT_SHARE;
}

/**
 * Resource nodes: every resource policy's ARN, plus concrete ARNs named in identity policies
 * (S3 object ARNs folded into their bucket). IAM and STS ARNs are principals, not resources.
 */
export function collectResources(snapshot: IamSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  const consider = (raw: string) => {
    const p = parseArn(raw);
    if (!p || p.service === 'iam' || p.service === 'sts') return;
    let arn = raw;
    if (p.service === 's3') arn = `arn:${p.partition}:s3:::${p.resource.split('/')[0] ?? ''}`;
    if (/[*?]|\$\{/.test(arn) || arn.endsWith(':::')) return;
    out.set(arn, RESOURCE_KINDS[p.service] ?? 'resource');
  };
  for (const arn of Object.keys(snapshot.resourcePolicies)) consider(arn);
  const documents = [
    ...snapshot.users.flatMap((u) => u.inlinePolicies.map((p) => p.document)),
    ...snapshot.groups.flatMap((g) => g.inlinePolicies.map((p) => p.document)),
    ...snapshot.roles.flatMap((r) => r.inlinePolicies.map((p) => p.document)),
    ...snapshot.policies.map((p) => p.document),
  ];
  for (const d of documents) for (const s of d.statements) for (const r of s.resource ?? []) consider(r);
  return out;
}

/** Access levels `principal` has on one resource (allowed or conditional). */
function accessLevels(
  snapshot: IamSnapshot,
  principal: string,
  arn: string,
  kind: string,
  catalogue: ActionCatalogue | undefined,
): AccessLevel[] {
  const service = parseArn(arn)?.service ?? '';
  // Only actions some Allow statement could cover are worth evaluating.
  const resolved = resolvePrincipal(snapshot, principal);
  const allows: Statement[] = [
    ...identityPolicies(snapshot, resolved).policies.flatMap((p) => p.document.statements),
    ...(resourcePolicyFor(snapshot, arn)?.document.statements ?? []),
  ].filter((s) => s.effect === 'Allow');
  if (!allows.length) return [];
  const candidates = (level: AccessLevel): { action: string; object: boolean }[] => {
    if (catalogue) {
      const types = RESOURCE_TYPES[kind];
      return catalogue
        .actionsOf(service)
        .filter(
          (a) =>
            a.accessLevel === level &&
            a.resourceTypes.length > 0 &&
            (!types || a.resourceTypes.some((t) => types.includes(t.toLowerCase()))),
        )
        .map((a) => ({
          action: a.action,
          object: service === 's3' && a.resourceTypes.includes('object') && !a.resourceTypes.includes('bucket'),
        }));
    }
    return (SAMPLE_ACTIONS[service]?.[level] ?? []).map((action) => ({
      action,
      object: service === 's3' && /Object/.test(action),
    }));
  };
  const levels: AccessLevel[] = [];
  for (const level of LEVELS) {
    for (const { action, object } of candidates(level)) {
      if (!allows.some((s) => actionMatches(s, action))) continue;
      const resource = object ? `${arn}/*` : arn;
      if (evaluate(snapshot, { principal, action, resource }).decision !== 'deny') {
        levels.push(level);
        break;
      }
    }
  }
  return levels;
}
