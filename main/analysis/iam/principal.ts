import { accountOf, parseArn, parseAssumedRole } from './arn.js';
import type { IamRole, IamSnapshot, IamUser, PolicyDocument } from './model.js';
import type { RequestContext } from './request-context.js';
import type { PrincipalIdentity } from './statement-match.js';

/** A caller resolved against the snapshot. */
export interface ResolvedPrincipal extends PrincipalIdentity {
  readonly user?: IamUser;
  readonly role?: IamRole;
}

/** One policy as the engine evaluates it: a label (`policy` in reasons) and its document. */
export interface LabelledPolicy {
  readonly label: string;
  readonly document: PolicyDocument;
}

/** AWS managed policies that matter most and are often missing from exports: kept verbatim here. */
const BUILTIN_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  'arn:aws:iam::aws:policy/AdministratorAccess': {
    version: '2012-10-17',
    statements: [{ sid: '0', effect: 'Allow', action: ['*'], resource: ['*'] }],
  },
};

/** Resolves an ARN (user, role, assumed-role session, root) or a service/federated principal name. */
export function resolvePrincipal(snapshot: IamSnapshot, arn: string): ResolvedPrincipal {
  const session = parseAssumedRole(arn);
  if (session) {
    const role = snapshot.roles.find((r) => accountOf(r.arn) === session.account && r.name === session.roleName);
    const roleArn = role?.arn ?? `arn:${session.partition}:iam::${session.account}:role/${session.roleName}`;
    return { arn, kind: 'session', account: session.account, roleArn, ...(role ? { role } : {}) };
  }
  const user = snapshot.users.find((u) => u.arn === arn);
  if (user) return { arn, kind: 'user', ...withAccount(arn), user };
  const role = snapshot.roles.find((r) => r.arn === arn);
  if (role) return { arn, kind: 'role', ...withAccount(arn), roleArn: arn, role };
  const parts = parseArn(arn);
  if (parts?.service === 'iam' && parts.resource === 'root') return { arn, kind: 'root', ...withAccount(arn) };
  if (parts?.service === 'iam' && parts.resource.startsWith('user/')) return { arn, kind: 'user', ...withAccount(arn) };
  if (parts?.service === 'iam' && parts.resource.startsWith('role/'))
    return { arn, kind: 'role', ...withAccount(arn), roleArn: arn };
  if (/^\d{12}$/.test(arn)) return { arn: `arn:aws:iam::${arn}:root`, kind: 'root', account: arn };
  if (!parts && /\.amazonaws\.com(\.cn)?$/.test(arn)) return { arn, kind: 'service' };
  if (
    parts?.service === 'iam' &&
    (parts.resource.startsWith('saml-provider/') || parts.resource.startsWith('oidc-provider/'))
  )
    return { arn, kind: 'federated', ...withAccount(arn) };
  if (!parts && arn.length > 0 && !arn.includes(':')) return { arn, kind: 'federated' };
  return { arn, kind: 'unknown', ...withAccount(arn) };
}

function withAccount(arn: string): { account?: string } {
  const account = accountOf(arn);
  return account ? { account } : {};
}

/** A managed policy's default document: from the snapshot, a builtin, or undefined when unknown. */
export function managedDocument(snapshot: IamSnapshot, arn: string): PolicyDocument | undefined {
  return snapshot.policies.find((p) => p.arn === arn)?.document ?? BUILTIN_POLICIES[arn];
}

/** The identity-based policies of a principal (a user's groups included) and the managed ARNs the snapshot lacks. */
export function identityPolicies(
  snapshot: IamSnapshot,
  principal: ResolvedPrincipal,
): { policies: LabelledPolicy[]; missing: string[] } {
  const policies: LabelledPolicy[] = [];
  const missing: string[] = [];
  const add = (ownerArn: string, inline: IamUser['inlinePolicies'], attached: readonly string[]) => {
    for (const p of inline) policies.push({ label: `inline:${ownerArn}/${p.name}`, document: p.document });
    for (const arn of attached) {
      const document = managedDocument(snapshot, arn);
      if (document) policies.push({ label: arn, document });
      else missing.push(arn);
    }
  };
  const { user, role } = principal;
  if (user) {
    add(user.arn, user.inlinePolicies, user.attachedPolicyArns);
    for (const name of user.groups) {
      const group =
        snapshot.groups.find((g) => g.name === name && accountOf(g.arn) === accountOf(user.arn)) ??
        snapshot.groups.find((g) => g.name === name);
      if (group) add(group.arn, group.inlinePolicies, group.attachedPolicyArns);
    }
  } else if (role) {
    add(role.arn, role.inlinePolicies, role.attachedPolicyArns);
  }
  return { policies, missing: [...new Set(missing)] };
}

/** Context keys AWS derives from the caller itself (aws:PrincipalArn, aws:username, aws:PrincipalTag/…). */
export function principalContext(principal: ResolvedPrincipal): RequestContext {
  const ctx: Record<string, string> = {};
  ctx['aws:PrincipalArn'] = principal.kind === 'session' ? (principal.roleArn ?? principal.arn) : principal.arn;
  if (principal.account) ctx['aws:PrincipalAccount'] = principal.account;
  const type = {
    user: 'User',
    role: 'AssumedRole',
    session: 'AssumedRole',
    root: 'Account',
    service: undefined,
    federated: 'FederatedUser',
    unknown: undefined,
  }[principal.kind];
  if (type) ctx['aws:PrincipalType'] = type;
  if (principal.user) {
    ctx['aws:username'] = principal.user.name;
    if (principal.user.id) ctx['aws:userid'] = principal.user.id;
  }
  const tags = principal.user?.tags ?? principal.role?.tags ?? {};
  for (const [k, v] of Object.entries(tags)) ctx[`aws:PrincipalTag/${k}`] = v;
  if (principal.kind === 'service') ctx['aws:PrincipalServiceName'] = principal.arn;
  return ctx;
}
