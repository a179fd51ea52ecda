import type { IamSnapshot, PolicyDocument, ResourcePolicy, ResourcePolicyKind } from '../../../analysis/iam/model.js';
import { emptySnapshot } from '../../../analysis/iam/model.js';
import { normalizePolicyDocument } from './policy-document.js';
import { IamParseError, optionalString, requireObject } from './parse-error.js';

/** Which API output a resource policy came from (the sniffer's format ids). */
export type ResourcePolicyFormat =
  's3-bucket-policy' | 'kms-key-policy' | 'lambda-policy' | 'sns-sqs-policy' | 'secretsmanager-policy';

/**
 * Parses one resource-policy API output into a snapshot holding that one policy.
 * `resource` is the resource's ARN or name from context (file name, folder); when absent, the ARN is
 * taken from the document (Secrets Manager's `ARN`, else the statements' `Resource`).
 */
export function parseResourcePolicy(format: ResourcePolicyFormat, doc: unknown, resource?: string): IamSnapshot {
  const root = requireObject(doc, '', `${format} output`);
  const { text, locator, arnHint } = policyText(format, root);
  const document = normalizePolicyDocument(text, locator);
  const kind = kindOf(format, resource ?? arnHint ?? firstResource(document));
  const resourceArn = resolveArn(kind, resource ?? arnHint, document);
  if (resourceArn === undefined)
    throw new IamParseError('', `cannot tell which resource this ${format} belongs to: pass its name or ARN`);
  const policy: ResourcePolicy = { resourceArn, kind, document };
  return { ...emptySnapshot(resourceArn.split(':')[4] || undefined), resourcePolicies: { [resourceArn]: policy } };
}

function policyText(
  format: ResourcePolicyFormat,
  root: Record<string, unknown>,
): { text: unknown; locator: string; arnHint?: string } {
  switch (format) {
    case 's3-bucket-policy':
    case 'kms-key-policy':
    case 'lambda-policy':
      if (root.Policy === undefined) throw new IamParseError('Policy', 'missing');
      return { text: root.Policy, locator: 'Policy' };
    case 'sns-sqs-policy': {
      const attributes = requireObject(root.Attributes, 'Attributes', 'the attributes');
      if (attributes.Policy === undefined) throw new IamParseError('Attributes.Policy', 'missing');
      const hint = optionalString(attributes.TopicArn) ?? optionalString(attributes.QueueArn);
      return { text: attributes.Policy, locator: 'Attributes.Policy', ...(hint ? { arnHint: hint } : {}) };
    }
    case 'secretsmanager-policy': {
      if (root.ResourcePolicy === undefined) throw new IamParseError('ResourcePolicy', 'missing');
      const hint = optionalString(root.ARN);
      return { text: root.ResourcePolicy, locator: 'ResourcePolicy', ...(hint ? { arnHint: hint } : {}) };
    }
  }
}

function firstResource(document: PolicyDocument): string | undefined {
  for (const s of document.statements) for (const r of s.resource ?? []) if (r.startsWith('arn:')) return r;
  return undefined;
}

function kindOf(format: ResourcePolicyFormat, hint: string | undefined): ResourcePolicyKind {
  switch (format) {
    case 's3-bucket-policy':
      return 's3';
    case 'kms-key-policy':
      return 'kms';
    case 'lambda-policy':
      return 'lambda';
    case 'secretsmanager-policy':
      return 'secretsmanager';
    case 'sns-sqs-policy':
      return hint?.startsWith('arn:')
        ? hint.split(':')[2] === 'sqs'
          ? 'sqs'
          : 'sns'
        : hint?.includes('sqs')
          ? 'sqs'
          : 'sns';
  }
}

/** The resource's ARN: the hint if it is one, a bucket name made into an ARN, or read from statements. */
function resolveArn(kind: ResourcePolicyKind, hint: string | undefined, document: PolicyDocument): string | undefined {
  if (hint?.startsWith('arn:')) return kind === 's3' ? bucketArn(hint) : hint;
  if (kind === 's3' && hint) return `arn:aws:s3:::${hint}`;
  const named = firstResource(document);
  if (named === undefined) return undefined;
  if (kind === 's3') return bucketArn(named);
  // Key policies say "Resource": "*" (the key itself); other services name the resource.
  return named.includes('*') ? undefined : named;
}

/** `arn:aws:s3:::bucket/prefix/*` → `arn:aws:s3:::bucket`. */
function bucketArn(arn: string): string {
  const [head, rest = ''] = arn.split(':::');
  return `${head ?? 'arn:aws:s3'}:::${rest.split('/')[0] ?? ''}`;
}
