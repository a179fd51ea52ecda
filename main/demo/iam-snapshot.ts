import type { Account } from './account.js';
import { roleArn, type RoleRef } from './cloudtrail-factory.js';

/**
 * The demo account's IAM as `aws iam get-account-authorization-details` printed it on the morning
 * of the incident (before the intruder's backdoor user existed). The CI user's pipeline policy has
 * the mistake the story turns on: user and key management on `*`, so the leaked CI key is
 * admin-equivalent through an escalation path — what `cairn blast` reports as `can-escalate`.
 */
export function demoAuthorizationDetails(account: Account): unknown {
  const id = account.accountId;
  const arn = (kind: string, name: string) => `arn:aws:iam::${id}:${kind}/${name}`;
  const created = '2024-06-03T09:12:44Z';
  const doc = (statements: unknown[]) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  const trust = (principal: unknown, condition?: unknown) =>
    doc([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]);
  const roleDetail = (role: RoleRef, trustPolicy: string, attached: { name: string; arn: string }[], inline: unknown[] = []) => ({
    Path: '/',
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: roleArn(role),
    CreateDate: created,
    AssumeRolePolicyDocument: trustPolicy,
    InstanceProfileList: [],
    RolePolicyList: inline,
    AttachedManagedPolicies: attached.map((policy) => ({ PolicyName: policy.name, PolicyArn: policy.arn })),
    Tags: [],
  });
  const deployPolicy = { name: 'acme-deploy', arn: arn('policy', 'acme-deploy') };
  const readOnly = { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
  const admin = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
  const bucketArns = (names: string[]) => names.flatMap((name) => [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`]);

  return {
    UserDetailList: [
      ...account.developers.map((developer) => ({
        Path: '/',
        UserName: developer.name,
        UserId: developer.principalId,
        Arn: arn('user', developer.name),
        CreateDate: created,
        GroupList: ['developers'],
        AttachedManagedPolicies: [],
        UserPolicyList: [],
        Tags: [],
      })),
      {
        Path: '/',
        UserName: account.ciUser.name,
        UserId: account.ciUser.principalId,
        Arn: arn('user', account.ciUser.name),
        CreateDate: created,
        GroupList: [],
        AttachedManagedPolicies: [],
        UserPolicyList: [
          {
            PolicyName: 'ci-deploy-pipeline',
            PolicyDocument: doc([
              { Sid: 'Artifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: bucketArns(['acme-ci-artifacts', 'acme-web-assets']) },
              { Sid: 'DeployFunctions', Effect: 'Allow', Action: ['lambda:UpdateFunctionCode', 'lambda:GetFunction'], Resource: `arn:aws:lambda:*:${id}:function:*` },
              { Sid: 'AssumeDeploy', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [roleArn(account.roles.deploy), roleArn(account.roles.terraform)] },
              // The mistake: "so the pipeline can rotate its own key", written for every user.
              { Sid: 'RotateKeys', Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:CreateUser', 'iam:AttachUserPolicy', 'iam:ListUsers'], Resource: '*' },
              { Sid: 'Discover', Effect: 'Allow', Action: ['sts:GetCallerIdentity', 'ec2:Describe*', 's3:ListAllMyBuckets'], Resource: '*' },
            ]),
          },
        ],
        Tags: [{ Key: 'owner', Value: 'platform' }],
      },
    ],
    GroupDetailList: [
      {
        Path: '/',
        GroupName: 'developers',
        GroupId: 'AGPA5QKZ7XJ2DEVS0001',
        Arn: arn('group', 'developers'),
        CreateDate: created,
        GroupPolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: readOnly.name, PolicyArn: readOnly.arn }],
      },
    ],
    RoleDetailList: [
      roleDetail(account.roles.deploy, trust({ AWS: arn('user', account.ciUser.name) }), [deployPolicy]),
      roleDetail(account.roles.terraform, trust({ AWS: arn('user', account.ciUser.name) }), [admin]),
      roleDetail(account.roles.appServer, trust({ Service: 'ec2.amazonaws.com' }), [], [
        {
          PolicyName: 'app-data',
          PolicyDocument: doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: bucketArns(['acme-app-uploads', 'acme-invoices']) }]),
        },
      ]),
      roleDetail(
        account.roles.monitoring,
        trust({ AWS: `arn:aws:iam::${account.monitoringVendorAccount}:root` }, { StringEquals: { 'sts:ExternalId': 'acme-monitoring-7f3c' } }),
        [readOnly],
      ),
      roleDetail(account.roles.incidentResponse, trust({ AWS: `arn:aws:iam::${id}:root` }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), [admin]),
      ...account.functions.map((fn) =>
        roleDetail(fn.role, trust({ Service: 'lambda.amazonaws.com' }), [], [
          {
            PolicyName: `${fn.name}-data`,
            PolicyDocument: doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: bucketArns([fn.bucket]) }]),
          },
        ]),
      ),
    ],
    Policies: [
      {
        PolicyName: deployPolicy.name,
        PolicyId: 'ANPA5QKZ7XJ2DEPLOY01',
        Arn: deployPolicy.arn,
        Path: '/',
        DefaultVersionId: 'v2',
        AttachmentCount: 1,
        IsAttachable: true,
        CreateDate: created,
        UpdateDate: created,
        PolicyVersionList: [
          {
            Document: doc([
              { Effect: 'Allow', Action: ['lambda:*', 'cloudformation:*'], Resource: '*' },
              { Effect: 'Allow', Action: ['s3:*'], Resource: bucketArns(['acme-ci-artifacts', 'acme-web-assets', 'acme-terraform-state']) },
              { Effect: 'Allow', Action: 'iam:PassRole', Resource: account.functions.map((fn) => roleArn(fn.role)) },
            ]),
            VersionId: 'v2',
            IsDefaultVersion: true,
            CreateDate: created,
          },
        ],
      },
    ],
  };
}
