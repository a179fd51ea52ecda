import { accountOf } from './arn.js';
import type { Decision, EvaluationRequest } from './evaluate.js';
import { evaluate } from './evaluate.js';
import type { IamSnapshot } from './model.js';

/**
 * Whether `principalArn` can assume `roleArn` (sts:AssumeRole): the role's trust policy must admit
 * the principal, and — unless the trust policy names the principal's own ARN within the same account —
 * the principal's identity-based policies must allow sts:AssumeRole on the role. A role missing from
 * the snapshot is a deny with no reasons.
 */
export function canAssume(
  snapshot: IamSnapshot,
  principalArn: string,
  roleArn: string,
  options: Pick<EvaluationRequest, 'context' | 'contextComplete' | 'sessionPolicies'> = {},
): Decision {
  const role = snapshot.roles.find((r) => r.arn === roleArn);
  if (!role) return { decision: 'deny', explicitDeny: false, reasons: [], conditions: [], missingPolicies: [] };
  const account = accountOf(role.arn);
  return evaluate(
    snapshot,
    { ...options, principal: principalArn, action: 'sts:AssumeRole', resource: role.arn },
    {
      resourcePolicy: {
        label: `trust-policy:${role.arn}`,
        document: role.trustPolicy,
        ...(account ? { account } : {}),
      },
      resourcePolicyRequired: true,
    },
  );
}
