import { accountOf, iamName, rootArn } from './arn.js';
import { evaluateConditions } from './conditions.js';
import type { PrincipalBlock, Statement } from './model.js';
import type { ContextView } from './request-context.js';
import { substituteVariables } from './request-context.js';
import { wildcardMatch } from './wildcard.js';

/** The caller as resource-based policies see it. */
export interface PrincipalIdentity {
  /** The ARN (or service / federated name) the request is made as. */
  readonly arn: string;
  readonly kind: 'user' | 'role' | 'session' | 'root' | 'service' | 'federated' | 'unknown';
  readonly account?: string;
  /** For role sessions: the role's ARN (with path when the snapshot knows the role). */
  readonly roleArn?: string;
}

/** How a resource-based policy names the caller: the ARN itself, its role (sessions), or its account. */
export type PrincipalMode = 'direct' | 'role' | 'account';

/** Whether one statement applies to a request, and under which readable conditions. */
export type StatementMatch =
  | { readonly kind: 'no' }
  | { readonly kind: 'yes'; readonly mode: PrincipalMode }
  | { readonly kind: 'maybe'; readonly mode: PrincipalMode; readonly clauses: readonly string[] };

/** What a statement is matched against. */
export interface MatchRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: ContextView;
  /** Present for resource-based policies (Principal/NotPrincipal are checked); absent for identity-based ones. */
  readonly principal?: PrincipalIdentity;
}

/**
 * Matches one statement: Action/NotAction (case-insensitive), Resource/NotResource (policy variables
 * substituted), Principal/NotPrincipal, then Condition. A statement without a resource element
 * (trust policies) applies to any resource.
 */
export function matchStatement(statement: Statement, request: MatchRequest): StatementMatch {
  if (!actionMatches(statement, request.action)) return { kind: 'no' };
  const clauses: string[] = [];
  const resource = resourceMatches(statement, request.resource, request.context);
  if (resource === false) return { kind: 'no' };
  if (typeof resource === 'string') clauses.push(resource);
  let mode: PrincipalMode = 'direct';
  if (request.principal) {
    const m = principalMode(statement, request.principal);
    if (m === null) return { kind: 'no' };
    mode = m;
  }
  const conditions = evaluateConditions(statement.condition, request.context);
  if (conditions.kind === 'false') return { kind: 'no' };
  if (conditions.kind === 'unknown') clauses.push(...conditions.unknown);
  return clauses.length ? { kind: 'maybe', mode, clauses } : { kind: 'yes', mode };
}

/** True when the statement's Action (or NotAction) covers `action`. */
export function actionMatches(statement: Statement, action: string): boolean {
  if (statement.action) return statement.action.some((p) => wildcardMatch(p, action, true));
  if (statement.notAction) return !statement.notAction.some((p) => wildcardMatch(p, action, true));
  return false;
}

/** true/false, or a readable clause when a policy variable in the pattern is not known. */
function resourceMatches(statement: Statement, resource: string, context: ContextView): boolean | string {
  const patterns = statement.resource ?? statement.notResource;
  if (!patterns) return true;
  const negate = statement.resource === undefined;
  const unresolved: string[] = [];
  let hit = false;
  for (const raw of patterns) {
    const s = substituteVariables(raw, context);
    if ('missing' in s) unresolved.push(raw);
    else if (wildcardMatch(s.text, resource)) hit = true;
  }
  if (negate) {
    if (hit) return false;
    return unresolved.length
      ? `the resource does not match ${unresolved.map((u) => JSON.stringify(u)).join(' or ')}`
      : true;
  }
  if (hit) return true;
  return unresolved.length ? `the resource matches ${unresolved.map((u) => JSON.stringify(u)).join(' or ')}` : false;
}

/** How `Principal` names the caller, or null when it does not; `NotPrincipal` inverts. */
export function principalMode(statement: Statement, principal: PrincipalIdentity): PrincipalMode | null {
  if (statement.principal) return namedMode(statement.principal, principal);
  if (statement.notPrincipal) return namedMode(statement.notPrincipal, principal) === null ? 'direct' : null;
  // A resource-based statement without Principal is invalid; it never applies.
  return null;
}

const RANK: Readonly<Record<PrincipalMode, number>> = { direct: 3, role: 2, account: 1 };

function namedMode(block: PrincipalBlock, principal: PrincipalIdentity): PrincipalMode | null {
  if (block === '*') return 'direct';
  let best: PrincipalMode | null = null;
  const consider = (mode: PrincipalMode) => {
    if (best === null || RANK[mode] > RANK[best]) best = mode;
  };
  for (const [type, values] of Object.entries(block)) {
    for (const value of values) {
      if (type === 'AWS') {
        if (value === '*') consider('direct');
        else if (value === principal.arn) consider('direct');
        else if (principal.roleArn && sameRole(value, principal.roleArn)) consider('role');
        else if (
          principal.kind !== 'service' &&
          principal.kind !== 'federated' &&
          isAccountPrincipal(value, principal.account)
        )
          consider(principal.kind === 'root' ? 'direct' : 'account');
      } else if ((type === 'Service' || type === 'Federated' || type === 'CanonicalUser') && value === principal.arn) {
        consider('direct');
      }
    }
  }
  return best;
}

/** `123456789012` or `arn:aws:iam::123456789012:root` for the caller's account. */
function isAccountPrincipal(value: string, account: string | undefined): boolean {
  if (!account) return false;
  if (value === account) return true;
  return accountOf(value) === account && value.endsWith(':root') && value === rootArn(account, value.split(':')[1]);
}

/** Role ARNs match with or without the role's path (session ARNs never carry it). */
function sameRole(named: string, roleArn: string): boolean {
  if (named === roleArn) return true;
  return (
    accountOf(named) === accountOf(roleArn) &&
    named.includes(':role/') &&
    iamName(named) === iamName(roleArn) &&
    !named.slice(named.indexOf(':role/') + 6).includes('/')
  );
}
