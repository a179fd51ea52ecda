import type { IamSnapshot, ScpTarget, ServiceControlPolicy } from '../../../analysis/iam/model.js';
import { emptySnapshot } from '../../../analysis/iam/model.js';
import { normalizePolicyDocument } from './policy-document.js';
import { IamParseError, optionalArray, optionalString, requireObject, requireString } from './parse-error.js';

/**
 * Parses `aws organizations describe-policy` output. Only SERVICE_CONTROL_POLICY documents become
 * SCPs; other policy types (tag, backup, RCP…) are refused so they never gate IAM evaluation.
 * `targets` come from a separate list-targets-for-policy file (merge with mergeSnapshots).
 */
export function parseOrganizationsPolicy(doc: unknown): IamSnapshot {
  const root = requireObject(doc, '', 'describe-policy output');
  const policy = requireObject(root.Policy, 'Policy', 'the policy');
  const summary = requireObject(policy.PolicySummary, 'Policy.PolicySummary', 'the policy summary');
  const type = optionalString(summary.Type);
  if (type !== 'SERVICE_CONTROL_POLICY')
    throw new IamParseError(
      'Policy.PolicySummary.Type',
      `only SERVICE_CONTROL_POLICY is supported, found ${JSON.stringify(type)}`,
    );
  const scp: ServiceControlPolicy = {
    id: requireString(summary.Id, 'Policy.PolicySummary.Id'),
    name: optionalString(summary.Name) ?? '',
    document: normalizePolicyDocument(policy.Content, 'Policy.Content'),
    targets: [],
  };
  return { ...emptySnapshot(), scps: [scp] };
}

/** Parses `aws organizations list-targets-for-policy` output for policy `policyId` (not in the output itself). */
export function parseOrganizationsTargets(doc: unknown, policyId: string): IamSnapshot {
  const root = requireObject(doc, '', 'list-targets-for-policy output');
  const targets: ScpTarget[] = optionalArray(root.Targets, 'Targets').map((t, i) => {
    const o = requireObject(t, `Targets[${i}]`, 'a target');
    const type = optionalString(o.Type);
    if (type !== 'ROOT' && type !== 'ORGANIZATIONAL_UNIT' && type !== 'ACCOUNT')
      throw new IamParseError(
        `Targets[${i}].Type`,
        `expected ROOT, ORGANIZATIONAL_UNIT or ACCOUNT, found ${JSON.stringify(type)}`,
      );
    const name = optionalString(o.Name);
    return {
      targetId: requireString(o.TargetId, `Targets[${i}].TargetId`),
      type,
      ...(name === undefined ? {} : { name }),
    };
  });
  return { ...emptySnapshot(), scps: [{ id: policyId, name: '', document: { statements: [] }, targets }] };
}
