import type {
  IamGroup,
  IamRole,
  IamSnapshot,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
  PolicyVersion,
} from '../../../analysis/iam/model.js';
import { emptySnapshot } from '../../../analysis/iam/model.js';
import { normalizePolicyDocument } from './policy-document.js';
import { IamParseError, isObject, optionalArray, optionalString, requireObject, requireString } from './parse-error.js';
import type { JsonObject } from './parse-error.js';

/**
 * Parses `aws iam get-account-authorization-details` output (one page or several pages merged)
 * into an IamSnapshot. `accountId` defaults to the account in the first IAM ARN found.
 */
export function parseAuthorizationDetails(doc: unknown, accountId?: string): IamSnapshot {
  const root = requireObject(doc, '', 'get-account-authorization-details output');
  if (!('UserDetailList' in root || 'RoleDetailList' in root || 'GroupDetailList' in root || 'Policies' in root))
    throw new IamParseError(
      '',
      'not get-account-authorization-details output: no UserDetailList, GroupDetailList, RoleDetailList or Policies',
    );
  const users = optionalArray(root.UserDetailList, 'UserDetailList').map((u, i) =>
    parseUser(u, `UserDetailList[${i}]`),
  );
  const groups = optionalArray(root.GroupDetailList, 'GroupDetailList').map((g, i) =>
    parseGroup(g, `GroupDetailList[${i}]`),
  );
  const roles = optionalArray(root.RoleDetailList, 'RoleDetailList').map((r, i) =>
    parseRole(r, `RoleDetailList[${i}]`),
  );
  const policies = optionalArray(root.Policies, 'Policies').map((p, i) => parseManagedPolicy(p, `Policies[${i}]`));
  const account = accountId ?? firstAccount([...users, ...groups, ...roles].map((x) => x.arn));
  return { ...emptySnapshot(account), users, groups, roles, policies };
}

function firstAccount(arns: readonly string[]): string | undefined {
  for (const arn of arns) {
    const account = arn.split(':')[4];
    if (account && /^\d{12}$/.test(account)) return account;
  }
  return undefined;
}

/** Inline policies: `{PolicyName, PolicyDocument}` (PascalCase) or AWS Config's camelCase. */
export function parseInlinePolicies(value: unknown, locator: string): InlinePolicy[] {
  return optionalArray(value, locator).map((p, i) => {
    const at = `${locator}[${i}]`;
    const o = requireObject(p, at, 'an inline policy');
    const name = requireString(o.PolicyName ?? o.policyName, `${at}.PolicyName`);
    const docKey = 'PolicyDocument' in o ? 'PolicyDocument' : 'policyDocument';
    return { name, document: normalizePolicyDocument(o[docKey], `${at}.${docKey}`) };
  });
}

/** Attached managed policies: `[{PolicyName, PolicyArn}]` → ARNs. A lone object counts as a one-element list (the AWS CLI reference's own example has one). */
export function parseAttached(value: unknown, locator: string): string[] {
  return optionalArray(isObject(value) ? [value] : value, locator).map((p, i) => {
    const o = requireObject(p, `${locator}[${i}]`, 'an attached policy');
    return requireString(o.PolicyArn ?? o.policyArn, `${locator}[${i}].PolicyArn`);
  });
}

/** Tags: `[{Key, Value}]` or a plain map. */
export function parseTags(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const t of value)
      if (isObject(t)) {
        const key = optionalString(t.Key ?? t.key);
        if (key !== undefined) tags[key] = optionalString(t.Value ?? t.value) ?? '';
      }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) tags[k] = optionalString(v) ?? '';
  }
  return tags;
}

function boundary(o: JsonObject): string | undefined {
  const b = o.PermissionsBoundary ?? o.permissionsBoundary;
  if (!isObject(b)) return undefined;
  return optionalString(b.PermissionsBoundaryArn ?? b.permissionsBoundaryArn);
}

function parseUser(raw: unknown, at: string): IamUser {
  const o = requireObject(raw, at, 'a user');
  const pb = boundary(o);
  return {
    arn: requireString(o.Arn, `${at}.Arn`),
    name: requireString(o.UserName, `${at}.UserName`),
    id: optionalString(o.UserId) ?? '',
    groups: optionalArray(o.GroupList, `${at}.GroupList`).map((g, i) => requireString(g, `${at}.GroupList[${i}]`)),
    inlinePolicies: parseInlinePolicies(o.UserPolicyList, `${at}.UserPolicyList`),
    attachedPolicyArns: parseAttached(o.AttachedManagedPolicies, `${at}.AttachedManagedPolicies`),
    ...(pb === undefined ? {} : { permissionsBoundaryArn: pb }),
    tags: parseTags(o.Tags),
  };
}

function parseGroup(raw: unknown, at: string): IamGroup {
  const o = requireObject(raw, at, 'a group');
  return {
    arn: requireString(o.Arn, `${at}.Arn`),
    name: requireString(o.GroupName, `${at}.GroupName`),
    id: optionalString(o.GroupId) ?? '',
    inlinePolicies: parseInlinePolicies(o.GroupPolicyList, `${at}.GroupPolicyList`),
    attachedPolicyArns: parseAttached(o.AttachedManagedPolicies, `${at}.AttachedManagedPolicies`),
  };
}

function parseRole(raw: unknown, at: string): IamRole {
  const o = requireObject(raw, at, 'a role');
  const pb = boundary(o);
  return {
    arn: requireString(o.Arn, `${at}.Arn`),
    name: requireString(o.RoleName, `${at}.RoleName`),
    id: optionalString(o.RoleId) ?? '',
    trustPolicy: normalizePolicyDocument(
      o.AssumeRolePolicyDocument ?? { Statement: [] },
      `${at}.AssumeRolePolicyDocument`,
    ),
    inlinePolicies: parseInlinePolicies(o.RolePolicyList, `${at}.RolePolicyList`),
    attachedPolicyArns: parseAttached(o.AttachedManagedPolicies, `${at}.AttachedManagedPolicies`),
    ...(pb === undefined ? {} : { permissionsBoundaryArn: pb }),
    instanceProfiles: optionalArray(o.InstanceProfileList, `${at}.InstanceProfileList`).flatMap((p) =>
      isObject(p) && typeof p.Arn === 'string' ? [p.Arn] : [],
    ),
    tags: parseTags(o.Tags),
  };
}

/** A managed policy with `PolicyVersionList` (PascalCase or AWS Config camelCase). */
export function parseManagedPolicy(raw: unknown, at: string): ManagedPolicy {
  const o = requireObject(raw, at, 'a managed policy');
  const defaultVersionId = optionalString(o.DefaultVersionId ?? o.defaultVersionId);
  const listKey = 'PolicyVersionList' in o ? 'PolicyVersionList' : 'policyVersionList';
  const versions: PolicyVersion[] = optionalArray(o[listKey], `${at}.${listKey}`).map((v, i) => {
    const vat = `${at}.${listKey}[${i}]`;
    const vo = requireObject(v, vat, 'a policy version');
    const docKey = 'Document' in vo ? 'Document' : 'document';
    const versionId = optionalString(vo.VersionId ?? vo.versionId) ?? String(i);
    const flag = vo.IsDefaultVersion ?? vo.isDefaultVersion;
    return {
      versionId,
      isDefault: flag === true || flag === 'true' || (flag === undefined && versionId === defaultVersionId),
      document: normalizePolicyDocument(vo[docKey], `${vat}.${docKey}`),
    };
  });
  const def = versions.find((v) => v.isDefault) ?? versions.find((v) => v.versionId === defaultVersionId);
  return {
    arn: requireString(o.Arn ?? o.arn, `${at}.Arn`),
    name: optionalString(o.PolicyName ?? o.policyName) ?? '',
    ...(defaultVersionId === undefined ? {} : { defaultVersionId }),
    document: def?.document ?? { statements: [] },
    versions,
  };
}
