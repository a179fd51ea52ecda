/** IAM evidence formats the sniffer can name. */
export type IamEvidenceFormat =
  | 'iam-authorization-details'
  | 'iam-credential-report'
  | 's3-bucket-policy'
  | 'kms-key-policy'
  | 'lambda-policy'
  | 'sns-sqs-policy'
  | 'secretsmanager-policy'
  | 'organizations-policy'
  | 'organizations-targets'
  | 'config-iam-items';

/** A sniffer's guess: the format and how sure it is (0..1). */
export interface IamSniffResult {
  readonly format: IamEvidenceFormat;
  readonly confidence: number;
}

/** Bytes of text the sniffer looks at, at most. */
export const IAM_SNIFF_LIMIT = 64 * 1024;

/** True when `head` has `"name":` as a JSON key (inner policy text is escaped, so `\"name\"` does not count). */
function hasKey(head: string, name: string): boolean {
  return new RegExp(`(?<!\\\\)"${name}"\\s*:`).test(head);
}

/** `"name": "` — the key holds a string (policy documents embedded as text). */
function hasStringKey(head: string, name: string): boolean {
  return new RegExp(`(?<!\\\\)"${name}"\\s*:\\s*"`).test(head);
}

/**
 * Names the IAM evidence format of a file from its first ≤64 KiB of text, which may stop
 * mid-document (so nothing here parses it). Returns null for anything else, CloudTrail included.
 */
export function sniffIamEvidence(head: string): IamSniffResult | null {
  const text = head.slice(0, IAM_SNIFF_LIMIT).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (/^user,arn,user_creation_time/.test(start)) return { format: 'iam-credential-report', confidence: 0.98 };
  if (!start.startsWith('{') && !start.startsWith('[')) return null;
  // CloudTrail mentions IAM keys inside requestParameters; its own envelope keys rule it out.
  if (/^\{\s*"Records"\s*:\s*\[/.test(start) || hasKey(text, 'eventVersion') || hasKey(text, 'eventName')) return null;

  if (hasKey(text, 'UserDetailList') || hasKey(text, 'RoleDetailList') || hasKey(text, 'GroupDetailList'))
    return { format: 'iam-authorization-details', confidence: 0.95 };
  if (hasKey(text, 'Policies') && hasKey(text, 'PolicyVersionList'))
    return { format: 'iam-authorization-details', confidence: 0.8 };
  if (/"resourceType"\s*:\s*"AWS::IAM::(User|Role|Group|Policy)"/.test(text))
    return { format: 'config-iam-items', confidence: 0.95 };
  if (
    hasStringKey(text, 'Content') &&
    (hasKey(text, 'ReportFormat') || /"Content"\s*:\s*"(user,arn,|dXNlcixhcm4s)/.test(text))
  )
    return { format: 'iam-credential-report', confidence: 0.9 };
  if (hasKey(text, 'PolicySummary'))
    return { format: 'organizations-policy', confidence: /"SERVICE_CONTROL_POLICY"/.test(text) ? 0.95 : 0.6 };
  if (hasKey(text, 'Targets') && hasKey(text, 'TargetId')) return { format: 'organizations-targets', confidence: 0.9 };
  if (hasStringKey(text, 'ResourcePolicy'))
    return { format: 'secretsmanager-policy', confidence: hasKey(text, 'ARN') ? 0.92 : 0.7 };
  if (hasKey(text, 'Attributes') && hasStringKey(text, 'Policy'))
    return { format: 'sns-sqs-policy', confidence: hasKey(text, 'TopicArn') || hasKey(text, 'QueueArn') ? 0.92 : 0.7 };
  if (hasStringKey(text, 'Policy')) {
    if (hasKey(text, 'RevisionId')) return { format: 'lambda-policy', confidence: 0.9 };
    if (hasKey(text, 'PolicyName')) return { format: 'kms-key-policy', confidence: 0.85 };
    if (/\\"kms:/i.test(text)) return { format: 'kms-key-policy', confidence: 0.7 };
    if (/\\"lambda:/i.test(text)) return { format: 'lambda-policy', confidence: 0.7 };
    if (/arn:aws[a-z-]*:s3:::|\\"s3:/i.test(text)) return { format: 's3-bucket-policy', confidence: 0.8 };
    return { format: 's3-bucket-policy', confidence: 0.4 };
  }
  return null;
}
