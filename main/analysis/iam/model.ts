/** Condition block: operator (e.g. `StringEquals`, `ForAnyValue:StringLike`) → context key → values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** `Principal` / `NotPrincipal`: `'*'` or a map of principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) → values. */
export type PrincipalBlock = '*' | Record<string, string[]>;

/** One statement, normalized: every list is an array, absent elements are undefined. */
export interface Statement {
  /** The Sid, or the statement's index as text when it has none. */
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalBlock;
  readonly notPrincipal?: PrincipalBlock;
  readonly condition?: ConditionBlock;
}

/** A policy document, normalized (decoded, `Statement` always an array). */
export interface PolicyDocument {
  readonly version?: string;
  readonly statements: readonly Statement[];
}

/** An inline policy embedded in a user, group or role. */
export interface InlinePolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

/** An IAM user and everything attached to it. */
export interface IamUser {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  /** Group names. */
  readonly groups: readonly string[];
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicyArns: readonly string[];
  readonly permissionsBoundaryArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** An IAM group. */
export interface IamGroup {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicyArns: readonly string[];
}

/** An IAM role with its trust policy. */
export interface IamRole {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly trustPolicy: PolicyDocument;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly attachedPolicyArns: readonly string[];
  readonly permissionsBoundaryArn?: string;
  /** Instance profile ARNs. */
  readonly instanceProfiles: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** One version of a managed policy. */
export interface PolicyVersion {
  readonly versionId: string;
  readonly isDefault: boolean;
  readonly document: PolicyDocument;
}

/** A managed policy (customer or AWS managed). */
export interface ManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly defaultVersionId?: string;
  /** The default version's document (empty when the snapshot does not carry it). */
  readonly document: PolicyDocument;
  readonly versions: readonly PolicyVersion[];
}

/** Kind of resource a resource-based policy is attached to. */
export type ResourcePolicyKind = 's3' | 'kms' | 'lambda' | 'sns' | 'sqs' | 'secretsmanager' | 'other';

/** A resource-based policy keyed by the resource's ARN. */
export interface ResourcePolicy {
  readonly resourceArn: string;
  readonly kind: ResourcePolicyKind;
  readonly document: PolicyDocument;
}

/** Where an SCP is attached. */
export interface ScpTarget {
  readonly targetId: string;
  readonly type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  readonly name?: string;
}

/** A service control policy and its attachments. */
export interface ServiceControlPolicy {
  readonly id: string;
  readonly name: string;
  readonly document: PolicyDocument;
  readonly targets: readonly ScpTarget[];
}

/** One row of an IAM credential report; values as in the CSV (`N/A`, `not_supported` kept). */
export interface CredentialReportRow {
  readonly user: string;
  readonly arn: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** Everything Cairn knows about one account's IAM configuration, as parsed from evidence. */
export interface IamSnapshot {
  /** The snapshot's account (12 digits), when known. */
  readonly accountId?: string;
  readonly users: readonly IamUser[];
  readonly groups: readonly IamGroup[];
  readonly roles: readonly IamRole[];
  readonly policies: readonly ManagedPolicy[];
  /** Resource-based policies by resource ARN. */
  readonly resourcePolicies: Readonly<Record<string, ResourcePolicy>>;
  readonly scps: readonly ServiceControlPolicy[];
  readonly credentialReport: readonly CredentialReportRow[];
}

/** An empty snapshot, the neutral element of `mergeSnapshots`. */
export function emptySnapshot(accountId?: string): IamSnapshot {
  return {
    ...(accountId === undefined ? {} : { accountId }),
    users: [],
    groups: [],
    roles: [],
    policies: [],
    resourcePolicies: {},
    scps: [],
    credentialReport: [],
  };
}

/** Combines snapshots (e.g. authorization details + bucket policies + SCPs); later entries win on equal ARNs. */
export function mergeSnapshots(...snapshots: readonly IamSnapshot[]): IamSnapshot {
  const byArn = <T extends { arn: string }>(lists: readonly (readonly T[])[]): T[] => {
    const map = new Map<string, T>();
    for (const list of lists) for (const item of list) map.set(item.arn, item);
    return [...map.values()];
  };
  const scps = new Map<string, ServiceControlPolicy>();
  for (const s of snapshots)
    for (const scp of s.scps) {
      const prior = scps.get(scp.id);
      // list-targets-for-policy and describe-policy arrive separately: merge their targets.
      const targets = prior ? dedupeTargets([...prior.targets, ...scp.targets]) : scp.targets;
      const document = scp.document.statements.length ? scp.document : (prior?.document ?? scp.document);
      scps.set(scp.id, { ...scp, name: scp.name || prior?.name || '', document, targets });
    }
  const accountId = snapshots.map((s) => s.accountId).find((a) => a !== undefined);
  return {
    ...(accountId === undefined ? {} : { accountId }),
    users: byArn(snapshots.map((s) => s.users)),
    groups: byArn(snapshots.map((s) => s.groups)),
    roles: byArn(snapshots.map((s) => s.roles)),
    policies: byArn(snapshots.map((s) => s.policies)),
    resourcePolicies: Object.assign({}, ...snapshots.map((s) => s.resourcePolicies)) as Record<string, ResourcePolicy>,
    scps: [...scps.values()],
    credentialReport: snapshots.flatMap((s) => s.credentialReport),
  };
}

function dedupeTargets(targets: readonly ScpTarget[]): ScpTarget[] {
  const map = new Map<string, ScpTarget>();
  for (const t of targets) map.set(t.targetId, t);
  return [...map.values()];
}
