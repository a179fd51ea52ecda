import { accountOf, parseArn } from './arn.js';
import type { IamSnapshot, PolicyDocument, ResourcePolicy } from './model.js';
import type { LabelledPolicy, ResolvedPrincipal } from './principal.js';
import { identityPolicies, managedDocument, principalContext, resolvePrincipal } from './principal.js';
import type { RequestContext } from './request-context.js';
import { contextView } from './request-context.js';
import type { MatchRequest, PrincipalMode } from './statement-match.js';
import { matchStatement } from './statement-match.js';
import type { Tri } from './tri.js';
import { NO, YES, all, any, maybe } from './tri.js';

/** One statement that took part in a decision. */
export interface DecisionReason {
  /** Managed policy ARN, `inline:<owner ARN>/<name>`, `resource-policy:<ARN>`, `trust-policy:<role ARN>`, `boundary:<ARN>`, `scp:<id>` or `session-policy[i]`. */
  readonly policy: string;
  /** The statement's Sid, or its index. */
  readonly statement: string;
  readonly effect: 'Allow' | 'Deny';
}

/** The engine's answer for one request. */
export interface Decision {
  readonly decision: 'allow' | 'deny' | 'conditional';
  /** True when a Deny statement applies unconditionally. */
  readonly explicitDeny: boolean;
  readonly reasons: readonly DecisionReason[];
  /** Readable conditions when `conditional`, e.g. `allowed if aws:SourceIp is in 10.0.0.0/8`. */
  readonly conditions: readonly string[];
  /** Managed policies attached to the principal that the snapshot does not contain (not assumed to grant anything). */
  readonly missingPolicies: readonly string[];
}

/** A request to evaluate. `contextComplete`: keys missing from `context` are absent (else they make the result conditional). */
export interface EvaluationRequest {
  /** Caller ARN: user, role, `arn:aws:sts::A:assumed-role/Role/session`, account root, or a service principal. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: RequestContext;
  readonly contextComplete?: boolean;
  readonly sessionPolicies?: readonly PolicyDocument[];
}

/** Internal: canAssume evaluates the trust policy as the resource policy, which must then allow. */
export interface EvaluationOverrides {
  readonly resourcePolicy?: LabelledPolicy & { readonly account?: string };
  readonly resourcePolicyRequired?: boolean;
}

interface Side {
  allow: Tri;
  deny: Tri;
  allowReasons: DecisionReason[];
  denyReasons: DecisionReason[];
}

interface ResourceSide extends Side {
  byMode: Record<PrincipalMode, Tri>;
}

/**
 * Evaluates a request the way AWS documents it: an explicit deny anywhere wins; SCPs of the
 * principal's account must allow; then, within one account, a resource-based policy naming the
 * caller or an identity-based policy (inside the permissions boundary and session policies) suffices;
 * across accounts both sides must allow. Unknown context keys make the decision `conditional`.
 */
export function evaluate(
  snapshot: IamSnapshot,
  request: EvaluationRequest,
  overrides: EvaluationOverrides = {},
): Decision {
  const principal = resolvePrincipal(snapshot, request.principal);
  const context = contextView(principalContext(principal), request.context, request.contextComplete ?? false);
  const base = { action: request.action, resource: request.resource, context };

  const { policies: identity, missing } = identityPolicies(snapshot, principal);
  const idSide = evaluateSet(identity, base);
  const boundarySide = boundaryOf(snapshot, principal, base, missing);
  const sessionSides = (request.sessionPolicies ?? []).map((doc, i) =>
    evaluateSet([{ label: `session-policy[${i}]`, document: doc }], base),
  );
  const scpSides = scpLevels(snapshot, principal).map((level) => evaluateSet(level, base));

  const rp = overrides.resourcePolicy ?? resourcePolicyFor(snapshot, request.resource);
  const resSide = rp ? evaluateResource(rp, { ...base, principal }) : null;

  const sides: Side[] = [
    idSide,
    ...(boundarySide ? [boundarySide] : []),
    ...sessionSides,
    ...scpSides,
    ...(resSide ? [resSide] : []),
  ];
  const denyReasons = sides.flatMap((s) => s.denyReasons);
  const deny = any(...sides.map((s) => s.deny));
  if (deny.kind === 'yes')
    return { decision: 'deny', explicitDeny: true, reasons: denyReasons, conditions: [], missingPolicies: missing };

  const scpOk = all(...scpSides.map((s) => s.allow));
  const boundaryOk = boundarySide ? boundarySide.allow : YES;
  const sessionOk = all(...sessionSides.map((s) => s.allow));
  const idAllow = identityAllow(principal, idSide.allow);
  const res = resSide?.byMode ?? { direct: NO, role: NO, account: NO };
  const resourceAccount = rp
    ? (('account' in rp ? rp.account : undefined) ?? resourceAccountOf(rp, request.resource, snapshot))
    : accountOf(request.resource);
  const crossAccount =
    principal.kind === 'service' ||
    (resourceAccount !== undefined && principal.account !== undefined && resourceAccount !== principal.account);
  const required = overrides.resourcePolicyRequired === true || (rp !== undefined && 'kind' in rp && rp.kind === 'kms');

  let allow: Tri;
  if (principal.kind === 'service') allow = any(res.direct, res.role, res.account);
  else if (crossAccount) allow = all(any(res.direct, res.role, res.account), idAllow, boundaryOk, sessionOk);
  else {
    // Same account (docs: "Policy evaluation for requests within a single account"): a resource
    // policy naming the user or session ARN is enough; naming the role is still bounded by the
    // boundary and session policies; naming the account delegates to identity-based policies.
    const viaIdentity = all(idAllow, boundaryOk, sessionOk);
    allow = any(
      res.direct,
      all(res.role, boundaryOk, sessionOk),
      all(res.account, viaIdentity),
      required ? NO : viaIdentity,
    );
  }
  allow = all(scpOk, allow);

  const allowReasons = allow.kind === 'no' ? [] : sides.flatMap((s) => s.allowReasons);
  if (allow.kind === 'no')
    return { decision: 'deny', explicitDeny: false, reasons: denyReasons, conditions: [], missingPolicies: missing };
  const conditions = [
    ...(allow.kind === 'maybe' ? allow.conditions : []),
    ...(deny.kind === 'maybe' ? deny.conditions : []),
  ];
  const decision = allow.kind === 'yes' && deny.kind === 'no' ? 'allow' : 'conditional';
  return {
    decision,
    explicitDeny: false,
    reasons: [...allowReasons, ...denyReasons],
    conditions,
    missingPolicies: missing,
  };
}

/** Root of the resource's own account is allowed by identity; principals outside the snapshot are unknown. */
function identityAllow(principal: ResolvedPrincipal, allow: Tri): Tri {
  if (principal.kind === 'root') return YES;
  if (!principal.user && !principal.role && allow.kind === 'no' && principal.kind !== 'service')
    return maybe([`${principal.arn}'s identity-based policies (not in the snapshot) allow it`]);
  return allow;
}

function boundaryOf(
  snapshot: IamSnapshot,
  principal: ResolvedPrincipal,
  base: Omit<MatchRequest, 'principal'>,
  missing: string[],
): Side | null {
  const arn = principal.user?.permissionsBoundaryArn ?? principal.role?.permissionsBoundaryArn;
  if (!arn) return null;
  const document = managedDocument(snapshot, arn);
  if (!document) {
    missing.push(arn);
    return {
      allow: maybe([`permissions boundary ${arn} (not in the snapshot) allows it`]),
      deny: NO,
      allowReasons: [],
      denyReasons: [],
    };
  }
  return evaluateSet([{ label: `boundary:${arn}`, document }], base);
}

/** Allow/deny over a set of identity-style policies (no Principal element). */
function evaluateSet(policies: readonly LabelledPolicy[], request: MatchRequest): Side {
  const allows: Tri[] = [];
  const denies: Tri[] = [];
  const allowReasons: DecisionReason[] = [];
  const denyReasons: DecisionReason[] = [];
  for (const policy of policies)
    for (const s of policy.document.statements) {
      const m = matchStatement(s, request);
      if (m.kind === 'no') continue;
      const reason = { policy: policy.label, statement: s.sid, effect: s.effect };
      const tri =
        m.kind === 'yes'
          ? YES
          : maybe([`${s.effect === 'Allow' ? 'allowed' : 'denied'} if ${m.clauses.join(' and ')}`]);
      if (s.effect === 'Allow') {
        allows.push(tri);
        allowReasons.push(reason);
      } else {
        denies.push(tri);
        denyReasons.push(reason);
      }
    }
  return { allow: any(...allows), deny: any(...denies), allowReasons, denyReasons };
}

function evaluateResource(policy: LabelledPolicy, request: MatchRequest): ResourceSide {
  const byModeLists: Record<PrincipalMode, Tri[]> = { direct: [], role: [], account: [] };
  const denies: Tri[] = [];
  const allowReasons: DecisionReason[] = [];
  const denyReasons: DecisionReason[] = [];
  for (const s of policy.document.statements) {
    const m = matchStatement(s, request);
    if (m.kind === 'no') continue;
    const reason = { policy: policy.label, statement: s.sid, effect: s.effect };
    const tri =
      m.kind === 'yes' ? YES : maybe([`${s.effect === 'Allow' ? 'allowed' : 'denied'} if ${m.clauses.join(' and ')}`]);
    if (s.effect === 'Allow') {
      byModeLists[m.mode].push(tri);
      allowReasons.push(reason);
    } else {
      denies.push(tri);
      denyReasons.push(reason);
    }
  }
  const byMode = {
    direct: any(...byModeLists.direct),
    role: any(...byModeLists.role),
    account: any(...byModeLists.account),
  };
  return {
    allow: any(byMode.direct, byMode.role, byMode.account),
    deny: any(...denies),
    allowReasons,
    denyReasons,
    byMode,
  };
}

/** The resource-based policy for a resource: exact ARN, or the bucket policy for an S3 object. */
export function resourcePolicyFor(
  snapshot: IamSnapshot,
  resource: string,
): (LabelledPolicy & ResourcePolicy) | undefined {
  const exact = snapshot.resourcePolicies[resource];
  const found =
    exact ??
    (resource.startsWith('arn:') && parseArn(resource)?.service === 's3'
      ? snapshot.resourcePolicies[resource.split('/')[0] ?? '']
      : undefined);
  return found ? { ...found, label: `resource-policy:${found.resourceArn}` } : undefined;
}

/** S3 ARNs carry no account: a bucket policy in the snapshot belongs to the snapshot's account. */
function resourceAccountOf(rp: LabelledPolicy, resource: string, snapshot: IamSnapshot): string | undefined {
  return (
    accountOf(resource) ?? ('resourceArn' in rp ? accountOf(String(rp.resourceArn)) : undefined) ?? snapshot.accountId
  );
}

/**
 * SCP levels that govern the principal's account: each attachment point (root, OU, the account) must
 * allow. OU membership is not in the evidence, so every OU with SCPs is assumed to be on the path.
 * Service-linked roles are not restricted by SCPs.
 */
function scpLevels(snapshot: IamSnapshot, principal: ResolvedPrincipal): LabelledPolicy[][] {
  if (!principal.account || principal.kind === 'service') return [];
  const roleArn = principal.roleArn ?? '';
  if (roleArn.includes(':role/aws-service-role/')) return [];
  const levels = new Map<string, LabelledPolicy[]>();
  for (const scp of snapshot.scps)
    for (const target of scp.targets) {
      if (target.type === 'ACCOUNT' && target.targetId !== principal.account) continue;
      const list = levels.get(target.targetId) ?? [];
      list.push({ label: `scp:${scp.id}`, document: scp.document });
      levels.set(target.targetId, list);
    }
  return [...levels.values()];
}
