import type { IamRole, IamSnapshot, IamUser, PolicyDocument } from '../../../../main/analysis/iam/model.js';
import { emptySnapshot } from '../../../../main/analysis/iam/model.js';
import { normalizePolicyDocument } from '../../../../main/ingest/sources/iam/policy-document.js';

// Generator for hand-built snapshots: policies are written as AWS JSON and normalized by the real parser.

export const ACCOUNT = '111111111111';
export const OTHER = '222222222222';

/** A policy document from AWS-style JSON statements. */
export function doc(...statements: unknown[]): PolicyDocument {
  return normalizePolicyDocument({ Version: '2012-10-17', Statement: statements }, 'test');
}

/** A user with inline policies. */
export function user(
  name: string,
  inline: PolicyDocument[] = [],
  extra: Partial<IamUser> = {},
  account = ACCOUNT,
): IamUser {
  return {
    arn: `arn:aws:iam::${account}:user/${name}`,
    name,
    id: `AIDA${name.toUpperCase()}`,
    groups: [],
    inlinePolicies: inline.map((document, i) => ({ name: `p${i}`, document })),
    attachedPolicyArns: [],
    tags: {},
    ...extra,
  };
}

/** A role with a trust policy and inline policies. */
export function role(
  name: string,
  trust: PolicyDocument,
  inline: PolicyDocument[] = [],
  extra: Partial<IamRole> = {},
  account = ACCOUNT,
): IamRole {
  return {
    arn: `arn:aws:iam::${account}:role/${name}`,
    name,
    id: `AROA${name.toUpperCase()}`,
    trustPolicy: trust,
    inlinePolicies: inline.map((document, i) => ({ name: `p${i}`, document })),
    attachedPolicyArns: [],
    instanceProfiles: [],
    tags: {},
    ...extra,
  };
}

/** A snapshot of ACCOUNT with the given parts. */
export function snapshot(parts: Partial<IamSnapshot>): IamSnapshot {
  return { ...emptySnapshot(ACCOUNT), ...parts };
}
