// Generators for API outputs that have no public sample in /work/shared/evidence. Shapes follow the
// AWS CLI references (get-bucket-policy, kms get-key-policy, lambda get-policy, sns
// get-topic-attributes, sqs get-queue-attributes, secretsmanager get-resource-policy,
// organizations describe-policy / list-targets-for-policy): policy documents travel as JSON text.

const ACCOUNT = '123456789012';

/** Serializes a policy document the way these APIs return it: as a JSON string. */
function policyText(statements: unknown[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** `aws s3api get-bucket-policy --bucket <bucket>` output. */
export function bucketPolicyOutput(bucket: string): { Policy: string } {
  return {
    Policy: policyText([
      {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
      {
        Sid: 'DenyHttp',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
  };
}

/** `aws kms get-key-policy --key-id <id> --policy-name default` output. */
export function keyPolicyOutput(): { Policy: string; PolicyName: string } {
  return {
    Policy: policyText([
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ]),
    PolicyName: 'default',
  };
}

/** `aws lambda get-policy --function-name my-function` output. */
export function lambdaPolicyOutput(): { Policy: string; RevisionId: string } {
  const fn = `arn:aws:lambda:us-east-2:${ACCOUNT}:function:my-function`;
  return {
    Policy: policyText([
      {
        Sid: 'default',
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fn,
        Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::my-bucket' } },
      },
    ]),
    RevisionId: '93017fc9-59cb-41dc-901b-4845ce4bf668',
  };
}

/** `aws sns get-topic-attributes` output. */
export function snsAttributesOutput(): { Attributes: Record<string, string> } {
  const topic = `arn:aws:sns:us-west-2:${ACCOUNT}:my-topic`;
  return {
    Attributes: {
      SubscriptionsConfirmed: '1',
      DisplayName: 'my-topic',
      Owner: ACCOUNT,
      Policy: policyText([
        {
          Sid: '__default_statement_ID',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['SNS:Publish', 'SNS:Subscribe'],
          Resource: topic,
          Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
        },
      ]),
      TopicArn: topic,
    },
  };
}

/** `aws sqs get-queue-attributes --attribute-names All` output. */
export function sqsAttributesOutput(): { Attributes: Record<string, string> } {
  const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:MyQueue`;
  return {
    Attributes: {
      QueueArn: queue,
      Policy: policyText([
        {
          Sid: 'AllowSend',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/producer` },
          Action: 'sqs:SendMessage',
          Resource: queue,
        },
      ]),
    },
  };
}

/** `aws secretsmanager get-resource-policy` output. */
export function secretPolicyOutput(): { ARN: string; Name: string; ResourcePolicy: string } {
  return {
    ARN: `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:MyTestSecret-a1b2c3`,
    Name: 'MyTestSecret',
    ResourcePolicy: policyText([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
      },
    ]),
  };
}

/** `aws organizations describe-policy` output for an SCP. */
export function describePolicyOutput(type = 'SERVICE_CONTROL_POLICY'): unknown {
  return {
    Policy: {
      Content: policyText([
        { Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
        { Effect: 'Allow', Action: '*', Resource: '*' },
      ]),
      PolicySummary: {
        Id: 'p-examplepolicyid111',
        Arn: 'arn:aws:organizations::111111111111:policy/o-exampleorgid/service_control_policy/p-examplepolicyid111',
        Name: 'AllowAllS3Actions',
        Description: 'Enables admins to delegate S3 permissions',
        Type: type,
        AwsManaged: false,
      },
    },
  };
}

/** `aws organizations list-targets-for-policy --policy-id p-examplepolicyid111` output. */
export function listTargetsOutput(): unknown {
  return {
    Targets: [
      {
        TargetId: 'ou-examplerootid111-exampleouid111',
        Arn: 'arn:aws:organizations::111111111111:ou/o-exampleorgid/ou-examplerootid111-exampleouid111',
        Name: 'DevOps',
        Type: 'ORGANIZATIONAL_UNIT',
      },
      {
        TargetId: ACCOUNT,
        Arn: `arn:aws:organizations::111111111111:account/o-exampleorgid/${ACCOUNT}`,
        Name: 'Dev',
        Type: 'ACCOUNT',
      },
    ],
  };
}
