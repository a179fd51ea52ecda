import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../main/analysis/iam/evaluate.js';
import { mergeSnapshots } from '../../../../main/analysis/iam/model.js';
import {
  parseOrganizationsPolicy,
  parseOrganizationsTargets,
} from '../../../../main/ingest/sources/iam/organizations.js';
import { IamParseError } from '../../../../main/ingest/sources/iam/parse-error.js';
import { parseResourcePolicy } from '../../../../main/ingest/sources/iam/resource-policies.js';
import {
  bucketPolicyOutput,
  describePolicyOutput,
  keyPolicyOutput,
  lambdaPolicyOutput,
  listTargetsOutput,
  secretPolicyOutput,
  snsAttributesOutput,
  sqsAttributesOutput,
} from './fixtures.js';

describe('parseResourcePolicy', () => {
  it('S3: bucket from the argument (name or ARN) or from the statements', () => {
    const out = bucketPolicyOutput('evidence-bucket');
    for (const hint of ['evidence-bucket', 'arn:aws:s3:::evidence-bucket', undefined]) {
      const s = parseResourcePolicy('s3-bucket-policy', out, hint);
      expect(Object.keys(s.resourcePolicies)).toEqual(['arn:aws:s3:::evidence-bucket']);
      expect(s.resourcePolicies['arn:aws:s3:::evidence-bucket']?.document.statements.map((x) => x.sid)).toEqual([
        'PublicRead',
        'DenyHttp',
      ]);
    }
  });

  it('S3: the parsed bucket policy takes part in evaluation', () => {
    const s = parseResourcePolicy('s3-bucket-policy', bucketPolicyOutput('b'));
    const ask = (secure: string) =>
      evaluate(s, {
        principal: 'arn:aws:iam::999999999999:user/anyone',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/x',
        context: { 'aws:SecureTransport': secure },
      });
    expect(ask('false').explicitDeny).toBe(true);
  });

  it('KMS: the key ARN must come from context (key policies say Resource "*")', () => {
    expect(() => parseResourcePolicy('kms-key-policy', keyPolicyOutput())).toThrow(IamParseError);
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const s = parseResourcePolicy('kms-key-policy', keyPolicyOutput(), key);
    expect(s.resourcePolicies[key]?.kind).toBe('kms');
    expect(s.accountId).toBe('123456789012');
  });

  it('Lambda, SNS, SQS, Secrets Manager: ARN read from the document', () => {
    expect(Object.keys(parseResourcePolicy('lambda-policy', lambdaPolicyOutput()).resourcePolicies)).toEqual([
      'arn:aws:lambda:us-east-2:123456789012:function:my-function',
    ]);
    const sns = parseResourcePolicy('sns-sqs-policy', snsAttributesOutput());
    expect(Object.values(sns.resourcePolicies).map((p) => [p.resourceArn, p.kind])).toEqual([
      ['arn:aws:sns:us-west-2:123456789012:my-topic', 'sns'],
    ]);
    const sqs = parseResourcePolicy('sns-sqs-policy', sqsAttributesOutput());
    expect(Object.values(sqs.resourcePolicies).map((p) => [p.resourceArn, p.kind])).toEqual([
      ['arn:aws:sqs:us-east-1:123456789012:MyQueue', 'sqs'],
    ]);
    const secret = parseResourcePolicy('secretsmanager-policy', secretPolicyOutput());
    expect(Object.keys(secret.resourcePolicies)).toEqual([
      'arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-a1b2c3',
    ]);
  });

  it('refuses outputs without the policy, with a locator', () => {
    const e = catchError(() => parseResourcePolicy('sns-sqs-policy', { Attributes: {} }));
    expect(e).toBeInstanceOf(IamParseError);
    expect((e as IamParseError).locator).toBe('Attributes.Policy');
    expect(
      (catchError(() => parseResourcePolicy('lambda-policy', { Policy: '{"Statement":' })) as IamParseError).locator,
    ).toBe('Policy');
  });
});

describe('Organizations SCPs', () => {
  it('describe-policy + list-targets-for-policy merge into one SCP with targets', () => {
    const s = mergeSnapshots(
      parseOrganizationsPolicy(describePolicyOutput()),
      parseOrganizationsTargets(listTargetsOutput(), 'p-examplepolicyid111'),
    );
    expect(s.scps).toHaveLength(1);
    expect(s.scps[0]?.name).toBe('AllowAllS3Actions');
    expect(s.scps[0]?.targets.map((t) => [t.targetId, t.type])).toEqual([
      ['ou-examplerootid111-exampleouid111', 'ORGANIZATIONAL_UNIT'],
      ['123456789012', 'ACCOUNT'],
    ]);
    expect(s.scps[0]?.document.statements.map((x) => x.effect)).toEqual(['Deny', 'Allow']);
  });

  it('other Organizations policy types are refused', () => {
    expect(
      (catchError(() => parseOrganizationsPolicy(describePolicyOutput('TAG_POLICY'))) as IamParseError).locator,
    ).toBe('Policy.PolicySummary.Type');
  });

  it('a target of unknown type is refused', () => {
    expect(
      (
        catchError(() =>
          parseOrganizationsTargets({ Targets: [{ TargetId: 'x', Type: 'GALAXY' }] }, 'p'),
        ) as IamParseError
      ).locator,
    ).toBe('Targets[0].Type');
  });
});

function catchError(fn: () => unknown): Error | undefined {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}
