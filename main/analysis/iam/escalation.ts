import { accountOf } from './arn.js';
import { canAssume } from './assume.js';
import type { Decision } from './evaluate.js';
import { evaluate } from './evaluate.js';
import type { IamSnapshot, IamUser } from './model.js';
import { resolvePrincipal } from './principal.js';

/** A known way for a principal to gain another principal's permissions (or more of its own). */
export interface EscalationPath {
  /** The principal whose permissions are gained (the principal itself when it grants itself more). */
  readonly target: string;
  /** The permissions used, e.g. `['iam:CreateUser', 'iam:AttachUserPolicy', 'iam:CreateAccessKey']`. */
  readonly actions: readonly string[];
  readonly description: string;
  /** True when the path ends in admin-equivalent permissions. */
  readonly adminReached: boolean;
  /** True when at least one permission used is only conditionally allowed. */
  readonly conditional: boolean;
}

/** Placeholder name for a user the principal would create. */
const NEW_USER = 'cairn-new-user';

/** Actions that must all be allowed on everything for "effectively *:*". */
const STAR_PROBES = [
  'iam:CreateUser',
  'ec2:RunInstances',
  's3:GetObject',
  's3:PutBucketPolicy',
  'kms:Decrypt',
  'lambda:CreateFunction',
  'sts:AssumeRole',
  'organizations:ListAccounts',
];
/** IAM permissions management that lets a principal grant anything to anyone. */
const IAM_ADMIN_PROBES = [
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:UpdateAssumeRolePolicy',
];

/** A principal's decision for an action, cached per (principal, action, resource). */
type Can = (principal: string, action: string, resource: string) => Decision;

function cachedCan(snapshot: IamSnapshot): Can {
  const cache = new Map<string, Decision>();
  return (principal, action, resource) => {
    const key = `${principal}\u0000${action}\u0000${resource}`;
    let d = cache.get(key);
    if (!d) {
      d = evaluate(snapshot, { principal, action, resource });
      cache.set(key, d);
    }
    return d;
  };
}

const allowed = (d: Decision) => d.decision === 'allow';
const possible = (d: Decision) => d.decision !== 'deny';

/**
 * True when the principal effectively holds `*:*` (a sample of actions across services allowed on
 * every resource) or IAM permissions management on every user and role — without escalating.
 */
export function isAdminEquivalent(snapshot: IamSnapshot, principalArn: string): boolean {
  return adminCheck(snapshot, principalArn, cachedCan(snapshot));
}

function adminCheck(snapshot: IamSnapshot, principalArn: string, can: Can): boolean {
  const account = accountOf(principalArn) ?? snapshot.accountId ?? '';
  if (STAR_PROBES.every((a) => allowed(can(principalArn, a, '*')))) return true;
  const anyUser = `arn:aws:iam::${account}:user/${NEW_USER}`;
  const anyRole = `arn:aws:iam::${account}:role/cairn-any-role`;
  const anyPolicy = `arn:aws:iam::${account}:policy/cairn-any-policy`;
  const resourceFor = (a: string) => (a.includes('User') ? anyUser : a.includes('PolicyVersion') ? anyPolicy : anyRole);
  return IAM_ADMIN_PROBES.every((a) => allowed(can(principalArn, a, resourceFor(a))));
}

/** Service principals that run code with a passed role, and the permissions that launch it. */
const PASS_ROLE_SERVICES: readonly { service: string; actions: readonly string[]; what: string }[] = [
  {
    service: 'ec2.amazonaws.com',
    actions: ['ec2:RunInstances'],
    what: 'launch an EC2 instance with the role and use its credentials',
  },
  {
    service: 'lambda.amazonaws.com',
    actions: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
    what: 'create and invoke a Lambda function running as the role',
  },
  {
    service: 'cloudformation.amazonaws.com',
    actions: ['cloudformation:CreateStack'],
    what: 'create a CloudFormation stack that acts as the role',
  },
  {
    service: 'glue.amazonaws.com',
    actions: ['glue:CreateDevEndpoint'],
    what: 'create a Glue dev endpoint running as the role and log in to it',
  },
];

/**
 * Known privilege-escalation paths open to a principal (Rhino Security Labs' catalogue, as used by
 * cloudsplaining/pmapper): new user + policy + key, keys or passwords of other users, policy
 * attachment or rewriting on itself, its groups or assumable roles, policy versions, group
 * membership, trust-policy rewrites, PassRole to compute services, and role assumption.
 */
export function findEscalationPaths(snapshot: IamSnapshot, principalArn: string): EscalationPath[] {
  const can = cachedCan(snapshot);
  const admin = new Map<string, boolean>();
  const isAdmin = (arn: string) => {
    let v = admin.get(arn);
    if (v === undefined) {
      v = adminCheck(snapshot, arn, can);
      admin.set(arn, v);
    }
    return v;
  };
  const paths: EscalationPath[] = [];
  const principal = resolvePrincipal(snapshot, principalArn);
  const account = principal.account ?? snapshot.accountId ?? '';
  const self = principal.user?.arn ?? principal.role?.arn ?? principalArn;
  const add = (
    target: string,
    decisions: readonly Decision[],
    actions: readonly string[],
    description: string,
    adminReached: boolean,
  ) => {
    if (!decisions.every(possible)) return;
    paths.push({
      target,
      actions,
      description,
      adminReached,
      conditional: decisions.some((d) => d.decision === 'conditional'),
    });
  };
  const c = (action: string, resource: string) => can(principalArn, action, resource);

  // 1. A new user with a policy and an access key.
  const newUser = `arn:aws:iam::${account}:user/${NEW_USER}`;
  const createUser = c('iam:CreateUser', newUser);
  const createKey = c('iam:CreateAccessKey', newUser);
  for (const grant of ['iam:AttachUserPolicy', 'iam:PutUserPolicy'])
    add(
      `arn:aws:iam::${account}:user/*`,
      [createUser, c(grant, newUser), createKey],
      ['iam:CreateUser', grant, 'iam:CreateAccessKey'],
      `create a new user, give it any policy with ${grant} and create its access key`,
      true,
    );

  // 2. Credentials of other users.
  for (const u of snapshot.users) {
    if (u.arn === self) continue;
    add(
      u.arn,
      [c('iam:CreateAccessKey', u.arn)],
      ['iam:CreateAccessKey'],
      `create an access key for ${u.name}`,
      isAdmin(u.arn),
    );
    for (const a of ['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'])
      add(
        u.arn,
        [c(a, u.arn)],
        [a],
        `${a === 'iam:CreateLoginProfile' ? 'create' : 'reset'} the console password of ${u.name}`,
        isAdmin(u.arn),
      );
  }

  // 3. Policies on itself and its groups.
  const selfAdmin = isAdmin(self);
  if (principal.user) {
    for (const a of ['iam:AttachUserPolicy', 'iam:PutUserPolicy'])
      add(self, [c(a, self)], [a], `give itself any policy with ${a}`, true);
    for (const g of groupsOf(snapshot, principal.user))
      for (const a of ['iam:AttachGroupPolicy', 'iam:PutGroupPolicy'])
        add(self, [c(a, g.arn)], [a], `give its group ${g.name} any policy with ${a}`, true);
  }

  // 4. Roles: itself, and those it can assume.
  const assumable = snapshot.roles.filter((r) => r.arn !== self && possible(canAssume(snapshot, principalArn, r.arn)));
  for (const r of snapshot.roles) {
    const isSelf = r.arn === self;
    if (!isSelf && !assumable.includes(r)) continue;
    for (const a of ['iam:AttachRolePolicy', 'iam:PutRolePolicy'])
      add(
        r.arn,
        [c(a, r.arn)],
        isSelf ? [a] : ['sts:AssumeRole', a],
        `${isSelf ? 'give itself' : `give role ${r.name} (which it can assume)`} any policy with ${a}`,
        true,
      );
  }
  for (const r of assumable)
    add(r.arn, [canAssume(snapshot, principalArn, r.arn)], ['sts:AssumeRole'], `assume role ${r.name}`, isAdmin(r.arn));

  // 5. Managed policies attached to it (or its groups): new default version, or an older one.
  for (const policyArn of attachedPolicies(snapshot, principal.user, principal.role)) {
    const policy = snapshot.policies.find((p) => p.arn === policyArn);
    if (!policy || policyArn.startsWith('arn:aws:iam::aws:')) continue;
    add(
      self,
      [c('iam:CreatePolicyVersion', policyArn)],
      ['iam:CreatePolicyVersion'],
      `write a new default version of ${policy.name}, which is attached to it`,
      true,
    );
    const older = policy.versions.filter((v) => !v.isDefault);
    if (older.length)
      add(
        self,
        [c('iam:SetDefaultPolicyVersion', policyArn)],
        ['iam:SetDefaultPolicyVersion'],
        `make an older version of ${policy.name} the default (${older.map((v) => v.versionId).join(', ')})`,
        older.some((v) => versionIsAdmin(v.document)),
      );
  }

  // 6. Joining a more powerful group.
  if (principal.user) {
    for (const g of snapshot.groups) {
      if (principal.user.groups.includes(g.name)) continue;
      add(
        self,
        [c('iam:AddUserToGroup', g.arn)],
        ['iam:AddUserToGroup'],
        `add itself to group ${g.name}`,
        groupIsAdmin(snapshot, g.name, account),
      );
    }
  }

  // 7. Rewriting a role's trust policy, then assuming it.
  for (const r of snapshot.roles) {
    if (r.arn === self) continue;
    // A trust policy naming the principal itself needs no identity-based sts:AssumeRole (same account).
    add(
      r.arn,
      [c('iam:UpdateAssumeRolePolicy', r.arn)],
      ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
      `rewrite the trust policy of ${r.name} to admit itself, then assume it`,
      isAdmin(r.arn),
    );
  }

  // 8. PassRole to a service that runs code as the role.
  for (const r of snapshot.roles) {
    for (const svc of PASS_ROLE_SERVICES) {
      if (!possible(canAssume(snapshot, svc.service, r.arn))) continue;
      const decisions = [c('iam:PassRole', r.arn), ...svc.actions.map((a) => c(a, '*'))];
      add(
        r.arn,
        decisions,
        ['iam:PassRole', ...svc.actions],
        `pass role ${r.name} to ${svc.service}: ${svc.what}`,
        isAdmin(r.arn),
      );
    }
  }

  // Paths that only regain what the principal already has are noise when it is already admin.
  return selfAdmin ? paths.filter((p) => p.target !== self) : paths;
}

function groupsOf(snapshot: IamSnapshot, user: IamUser) {
  return snapshot.groups.filter((g) => user.groups.includes(g.name));
}

function attachedPolicies(
  snapshot: IamSnapshot,
  user: IamUser | undefined,
  role: { attachedPolicyArns: readonly string[] } | undefined,
): string[] {
  const arns = new Set<string>([...(user?.attachedPolicyArns ?? []), ...(role?.attachedPolicyArns ?? [])]);
  if (user) for (const g of groupsOf(snapshot, user)) for (const a of g.attachedPolicyArns) arns.add(a);
  return [...arns];
}

/** A policy version that allows `*` on `*` (checked on a throwaway user holding only it). */
function versionIsAdmin(document: IamSnapshot['policies'][number]['document']): boolean {
  const probe: IamUser = {
    arn: 'arn:aws:iam::000000000000:user/cairn-probe',
    name: 'cairn-probe',
    id: '',
    groups: [],
    inlinePolicies: [{ name: 'v', document }],
    attachedPolicyArns: [],
    tags: {},
  };
  return isAdminEquivalent(
    { users: [probe], groups: [], roles: [], policies: [], resourcePolicies: {}, scps: [], credentialReport: [] },
    probe.arn,
  );
}

/** Whether membership of `groupName` alone makes a user admin-equivalent (same snapshot, throwaway user). */
function groupIsAdmin(snapshot: IamSnapshot, groupName: string, account: string): boolean {
  const probe: IamUser = {
    arn: `arn:aws:iam::${account}:user/cairn-probe`,
    name: 'cairn-probe',
    id: '',
    groups: [groupName],
    inlinePolicies: [],
    attachedPolicyArns: [],
    tags: {},
  };
  return isAdminEquivalent({ ...snapshot, users: [...snapshot.users, probe] }, probe.arn);
}
