import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IAM_SNIFF_LIMIT, sniffIamEvidence } from '../../../../main/ingest/sources/iam/sniff.js';
import { EVIDENCE_DIR, evidenceText } from './evidence.js';
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

const head = (text: string) => text.slice(0, IAM_SNIFF_LIMIT);
const pretty = (value: unknown) => JSON.stringify(value, null, 4);

describe('sniffIamEvidence: real samples', () => {
  it.each([
    ['salesforce-cloudsplaining/examples_files_example.json', 'iam-authorization-details'],
    ['salesforce-cloudsplaining/test_files_example_authz_v2.json', 'iam-authorization-details'],
    [
      'duo-labs-cloudmapper/account-data/demo/us-east-1/iam-get-account-authorization-details.json',
      'iam-authorization-details',
    ],
    ['aws-cli-examples/iam__get-account-authorization-details__example1.json', 'iam-authorization-details'],
    ['duo-labs-cloudmapper/DERIVED_credential-report.csv', 'iam-credential-report'],
    ['duo-labs-cloudmapper/account-data/demo/us-east-1/iam-get-credential-report.json', 'iam-credential-report'],
    ['aws-config-rdk/example_ci/AWS_IAM_User.json', 'config-iam-items'],
    ['aws-config-rdk/example_ci/AWS_IAM_Role.json', 'config-iam-items'],
    ['aws-config-rdk/example_ci/AWS_IAM_Group.json', 'config-iam-items'],
    ['aws-config-rdk/example_ci/AWS_IAM_Policy.json', 'config-iam-items'],
  ])('%s → %s', (file, format) => {
    const result = sniffIamEvidence(head(evidenceText(file)));
    expect(result?.format).toBe(format);
    expect(result?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('works on a head cut mid-document', () => {
    // examples_files_example.json is 989 KiB: the sniffer only ever sees its first 64 KiB.
    const text = evidenceText('salesforce-cloudsplaining/examples_files_example.json');
    expect(text.length).toBeGreaterThan(IAM_SNIFF_LIMIT);
    expect(sniffIamEvidence(text.slice(0, 300))?.format).toBe('iam-authorization-details');
  });
});

describe('sniffIamEvidence: generated API outputs', () => {
  it.each([
    [bucketPolicyOutput('b'), 's3-bucket-policy'],
    [keyPolicyOutput(), 'kms-key-policy'],
    [lambdaPolicyOutput(), 'lambda-policy'],
    [snsAttributesOutput(), 'sns-sqs-policy'],
    [sqsAttributesOutput(), 'sns-sqs-policy'],
    [secretPolicyOutput(), 'secretsmanager-policy'],
    [describePolicyOutput(), 'organizations-policy'],
    [listTargetsOutput(), 'organizations-targets'],
  ])('%# → %s', (output, format) => {
    expect(sniffIamEvidence(pretty(output))?.format).toBe(format);
    expect(sniffIamEvidence(JSON.stringify(output))?.format).toBe(format);
  });

  it('the base64 Content of the real credential-report API', () => {
    const csv = evidenceText('duo-labs-cloudmapper/DERIVED_credential-report.csv');
    expect(
      sniffIamEvidence(JSON.stringify({ Content: Buffer.from(csv).toString('base64'), ReportFormat: 'text/csv' }))
        ?.format,
    ).toBe('iam-credential-report');
  });
});

describe('sniffIamEvidence: everything else is null', () => {
  it('CloudTrail, even when it mentions IAM keys in requestParameters', () => {
    const trail = {
      Records: [
        {
          eventVersion: '1.08',
          eventName: 'PutRolePolicy',
          requestParameters: { policyDocument: '{"Statement":[]}', roleName: 'r' },
        },
      ],
    };
    expect(sniffIamEvidence(JSON.stringify(trail))).toBeNull();
    expect(sniffIamEvidence(JSON.stringify(trail.Records[0]))).toBeNull();
    expect(
      sniffIamEvidence(
        evidenceText('panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json').slice(
          0,
          IAM_SNIFF_LIMIT,
        ),
      ),
    ).toBeNull();
    expect(sniffIamEvidence(evidenceText('aws-cli-examples/cloudtrail__lookup-events__example1.json'))).toBeNull();
  });

  it('every traildiscover CloudTrail example and every VPC flow log sample', () => {
    const dirs = ['traildiscover/logExamples', 'elastic-integrations/vpcflow'];
    let checked = 0;
    for (const dir of dirs)
      for (const f of readdirSync(path.join(EVIDENCE_DIR, dir))) {
        const full = path.join(EVIDENCE_DIR, dir, f);
        const text = readFileSync(full, 'utf8').slice(0, IAM_SNIFF_LIMIT);
        expect(sniffIamEvidence(text), f).toBeNull();
        checked++;
      }
    // ls traildiscover/logExamples | wc -l → 336; ls elastic-integrations/vpcflow | wc -l → 6
    expect(checked).toBe(342);
  });

  it('non-IAM AWS Config items and other JSON', () => {
    expect(sniffIamEvidence(evidenceText('aws-config-rdk/example_ci/AWS_S3_Bucket.json'))).toBeNull();
    expect(sniffIamEvidence(evidenceText('aws-config-rdk/example_ci/AWS_EC2_Instance.json'))).toBeNull();
    expect(sniffIamEvidence('{"hello": "world"}')).toBeNull();
    expect(sniffIamEvidence('')).toBeNull();
  });
});
