import type { IamGroup, IamRole, IamSnapshot, IamUser, ManagedPolicy } from '../../../analysis/iam/model.js';
import { emptySnapshot } from '../../../analysis/iam/model.js';
import { parseAttached, parseInlinePolicies, parseManagedPolicy, parseTags } from './authorization-details.js';
import { normalizePolicyDocument } from './policy-document.js';
import {
  IamParseError,
  isObject,
  optionalArray,
  optionalString,
  parseJsonText,
  requireObject,
  requireString,
} from './parse-error.js';
import type { JsonObject } from './parse-error.js';

/**
 * Parses AWS Config configuration items of IAM resources (AWS::IAM::User/Role/Group/Policy) into a
 * snapshot. Accepts JSON text or a parsed value: one item, an array of items, a ConfigSnapshot
 * (`configurationItems`), or a change notification (`configurationItem`). Items of other resource
 * types are skipped; text that is not JSON is refused with an IamParseError.
 */
export function parseConfigIamItems(input: unknown): IamSnapshot {
  const doc = typeof input === 'string' ? parseJsonText(input, 'the AWS Config file') : input;
  const { items, base } = itemsOf(doc);
  const users: IamUser[] = [];
  const groups: IamGroup[] = [];
  const roles: IamRole[] = [];
  const policies: ManagedPolicy[] = [];
  let accountId: string | undefined;
  items.forEach((raw, i) => {
    const at = `${base}[${i}]`;
    const item = requireObject(raw, at, 'a configuration item');
    const type = optionalString(item.resourceType);
    if (!type?.startsWith('AWS::IAM::')) return;
    if (item.configurationItemStatus === 'ResourceDeleted' || item.configurationItemStatus === 'ResourceNotRecorded')
      return;
    accountId ??= optionalString(item.accountId) ?? optionalString(item.awsAccountId);
    const arn = optionalString(item.arn) ?? optionalString(item.ARN);
    const c = configurationOf(item, `${at}.configuration`);
    const cat = `${at}.configuration`;
    switch (type) {
      case 'AWS::IAM::User':
        users.push({
          arn: requireString(c.arn ?? arn, `${cat}.arn`),
          name: requireString(c.userName ?? item.resourceName, `${cat}.userName`),
          id: optionalString(c.userId) ?? optionalString(item.resourceId) ?? '',
          groups: optionalArray(c.groupList, `${cat}.groupList`).map((g, j) =>
            requireString(g, `${cat}.groupList[${j}]`),
          ),
          inlinePolicies: parseInlinePolicies(c.userPolicyList, `${cat}.userPolicyList`),
          attachedPolicyArns: parseAttached(c.attachedManagedPolicies, `${cat}.attachedManagedPolicies`),
          ...boundaryOf(c),
          tags: parseTags(item.tags),
        });
        break;
      case 'AWS::IAM::Group':
        groups.push({
          arn: requireString(c.arn ?? arn, `${cat}.arn`),
          name: requireString(c.groupName ?? item.resourceName, `${cat}.groupName`),
          id: optionalString(c.groupId) ?? optionalString(item.resourceId) ?? '',
          inlinePolicies: parseInlinePolicies(c.groupPolicyList, `${cat}.groupPolicyList`),
          attachedPolicyArns: parseAttached(c.attachedManagedPolicies, `${cat}.attachedManagedPolicies`),
        });
        break;
      case 'AWS::IAM::Role':
        roles.push({
          arn: requireString(c.arn ?? arn, `${cat}.arn`),
          name: requireString(c.roleName ?? item.resourceName, `${cat}.roleName`),
          id: optionalString(c.roleId) ?? optionalString(item.resourceId) ?? '',
          trustPolicy: normalizePolicyDocument(
            c.assumeRolePolicyDocument ?? { Statement: [] },
            `${cat}.assumeRolePolicyDocument`,
          ),
          inlinePolicies: parseInlinePolicies(c.rolePolicyList, `${cat}.rolePolicyList`),
          attachedPolicyArns: parseAttached(c.attachedManagedPolicies, `${cat}.attachedManagedPolicies`),
          ...boundaryOf(c),
          instanceProfiles: optionalArray(c.instanceProfileList, `${cat}.instanceProfileList`).flatMap((p) =>
            isObject(p) && typeof p.arn === 'string' ? [p.arn] : [],
          ),
          tags: parseTags(item.tags),
        });
        break;
      case 'AWS::IAM::Policy':
        policies.push(parseManagedPolicy({ arn, ...c }, cat));
        break;
      default:
        break;
    }
  });
  return { ...emptySnapshot(accountId), users, groups, roles, policies };
}

function itemsOf(doc: unknown): { items: unknown[]; base: string } {
  if (Array.isArray(doc)) return { items: doc, base: '' };
  if (!isObject(doc)) throw new IamParseError('', 'expected AWS Config configuration items (an object or an array)');
  if (Array.isArray(doc.configurationItems)) return { items: doc.configurationItems, base: 'configurationItems' };
  if (isObject(doc.configurationItem)) return { items: [doc.configurationItem], base: 'configurationItem' };
  if (typeof doc.resourceType === 'string') return { items: [doc], base: '' };
  throw new IamParseError(
    '',
    'not an AWS Config configuration item: no resourceType, configurationItems or configurationItem',
  );
}

/** `configuration` is an object, or JSON text in some delivery formats. */
function configurationOf(item: JsonObject, at: string): JsonObject {
  const c = typeof item.configuration === 'string' ? parseJsonText(item.configuration, at) : item.configuration;
  return requireObject(c, at, 'the configuration');
}

function boundaryOf(c: JsonObject): { permissionsBoundaryArn?: string } {
  const b = c.permissionsBoundary;
  const arn = isObject(b) ? optionalString(b.permissionsBoundaryArn) : undefined;
  return arn === undefined ? {} : { permissionsBoundaryArn: arn };
}
