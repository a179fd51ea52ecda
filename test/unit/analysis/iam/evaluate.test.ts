import { describe, expect, it } from 'vitest';
import { canAssume } from '../../../../main/analysis/iam/assume.js';
import { evaluate } from '../../../../main/analysis/iam/evaluate.js';
import type { IamSnapshot } from '../../../../main/analysis/iam/model.js';
import { whoCan } from '../../../../main/analysis/iam/who-can.js';
import { ACCOUNT, OTHER, doc, role, snapshot, user } from './build-snapshot.js';

const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const bucket = 'arn:aws:s3:::data-bucket';
const object = `${bucket}/reports/q1.csv`;

function decide(
  s: IamSnapshot,
  action: string,
  resource: string,
  principal = alice,
  context?: Record<string, string | string[]>,
) {
  return evaluate(s, { principal, action, resource, ...(context ? { context } : {}) });
}

describe('evaluate: identity-based policies', () => {
  it('implicit deny when nothing allows', () => {
    const d = decide(snapshot({ users: [user('alice')] }), 's3:GetObject', object);
    expect(d).toMatchObject({ decision: 'deny', explicitDeny: false, reasons: [] });
  });

  it('allow names the statement that allowed', () => {
    const s = snapshot({
      users: [user('alice', [doc({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket}/*` })])],
    });
    const d = decide(s, 's3:GetObject', object);
    expect(d.decision).toBe('allow');
    expect(d.reasons).toEqual([{ policy: `inline:${alice}/p0`, statement: 'Read', effect: 'Allow' }]);
  });

  it('matches actions case-insensitively and with * and ? wildcards', () => {
    const s = snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: ['S3:get*', 'ec2:Describe?nstances'], Resource: '*' })])],
    });
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
    expect(decide(s, 'ec2:DescribeInstances', '*').decision).toBe('allow');
    expect(decide(s, 'ec2:DescribeXXnstances', '*').decision).toBe('deny');
    expect(decide(s, 's3:PutObject', object).decision).toBe('deny');
  });

  it('explicit deny beats any allow and is flagged', () => {
    const s = snapshot({
      users: [
        user('alice', [
          doc(
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
          ),
        ]),
      ],
    });
    const d = decide(s, 's3:DeleteObject', object);
    expect(d).toMatchObject({ decision: 'deny', explicitDeny: true });
    expect(d.reasons).toEqual([{ policy: `inline:${alice}/p0`, statement: 'NoDelete', effect: 'Deny' }]);
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
  });

  it('NotAction allows everything but the listed actions', () => {
    const s = snapshot({ users: [user('alice', [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })])] });
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
    expect(decide(s, 'iam:CreateUser', '*').decision).toBe('deny');
  });

  it('Deny with NotAction denies everything but the listed actions', () => {
    const s = snapshot({
      users: [
        user('alice', [
          doc(
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', NotAction: ['iam:Get*', 'sts:*'], Resource: '*' },
          ),
        ]),
      ],
    });
    expect(decide(s, 'iam:GetUser', '*').decision).toBe('allow');
    expect(decide(s, 's3:GetObject', object).explicitDeny).toBe(true);
  });

  it('NotResource allows every resource but the listed ones', () => {
    const s = snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: 's3:*', NotResource: [`${bucket}/secret/*`] })])],
    });
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
    expect(decide(s, 's3:GetObject', `${bucket}/secret/key`).decision).toBe('deny');
  });

  it('treats regex metacharacters in resource patterns literally', () => {
    // "a.b" must not match "aXb"; "(x)+" must not be a regex group; "?" is one character.
    const s = snapshot({
      users: [
        user('alice', [
          doc({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: ['arn:aws:s3:::a.b/(x)+[y]$/*', 'arn:aws:s3:::q?/k'],
          }),
        ]),
      ],
    });
    expect(decide(s, 's3:GetObject', 'arn:aws:s3:::a.b/(x)+[y]$/file').decision).toBe('allow');
    expect(decide(s, 's3:GetObject', 'arn:aws:s3:::aXb/(x)+[y]$/file').decision).toBe('deny');
    expect(decide(s, 's3:GetObject', 'arn:aws:s3:::a.b/xx[y]$/file').decision).toBe('deny');
    expect(decide(s, 's3:GetObject', 'arn:aws:s3:::q1/k').decision).toBe('allow');
    expect(decide(s, 's3:GetObject', 'arn:aws:s3:::q12/k').decision).toBe('deny');
  });

  it('resources are case-sensitive, actions are not', () => {
    const s = snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: 'S3:GETOBJECT', Resource: `${bucket}/Reports/*` })])],
    });
    expect(decide(s, 's3:GetObject', `${bucket}/Reports/x`).decision).toBe('allow');
    expect(decide(s, 's3:GetObject', `${bucket}/reports/x`).decision).toBe('deny');
  });

  it('substitutes ${aws:username} and treats the value literally', () => {
    const s = snapshot({
      users: [
        user('alice', [doc({ Effect: 'Allow', Action: 's3:*', Resource: `${bucket}/home/\${aws:username}/*` })]),
        user('st*r', [doc({ Effect: 'Allow', Action: 's3:*', Resource: `${bucket}/home/\${aws:username}/*` })]),
      ],
    });
    expect(decide(s, 's3:GetObject', `${bucket}/home/alice/x`).decision).toBe('allow');
    expect(decide(s, 's3:GetObject', `${bucket}/home/bob/x`).decision).toBe('deny');
    const star = `arn:aws:iam::${ACCOUNT}:user/st*r`;
    expect(decide(s, 's3:GetObject', `${bucket}/home/st*r/x`, star).decision).toBe('allow');
    // The "*" in the user name is literal, not a wildcard.
    expect(decide(s, 's3:GetObject', `${bucket}/home/stAAr/x`, star).decision).toBe('deny');
  });

  it('an unknown policy variable makes the resource match conditional', () => {
    const s = snapshot({
      roles: [
        role('r', doc(), [doc({ Effect: 'Allow', Action: 's3:*', Resource: `${bucket}/\${aws:PrincipalTag/team}/*` })]),
      ],
    });
    const d = decide(s, 's3:GetObject', object, `arn:aws:iam::${ACCOUNT}:role/r`);
    expect(d.decision).toBe('conditional');
    expect(d.conditions[0]).toContain('${aws:PrincipalTag/team}');
  });

  it('users inherit inline and attached policies of their groups', () => {
    const s = snapshot({
      users: [user('alice', [], { groups: ['ops'] })],
      groups: [
        {
          arn: `arn:aws:iam::${ACCOUNT}:group/ops`,
          name: 'ops',
          id: 'G',
          inlinePolicies: [],
          attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        },
      ],
    });
    const d = decide(s, 'iam:CreateUser', '*');
    expect(d.decision).toBe('allow');
    expect(d.reasons[0]?.policy).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
  });

  it('reports attached policies missing from the snapshot without assuming they grant', () => {
    const s = snapshot({
      users: [user('alice', [], { attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] })],
    });
    const d = decide(s, 's3:GetObject', object);
    expect(d.decision).toBe('deny');
    expect(d.missingPolicies).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });

  it('an assumed-role session is evaluated with its role policies', () => {
    const s = snapshot({
      roles: [
        role('deploy', doc(), [doc({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' })], {
          arn: `arn:aws:iam::${ACCOUNT}:role/ci/deploy`,
        }),
      ],
    });
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/build-42`;
    expect(decide(s, 'lambda:UpdateFunctionCode', '*', session).decision).toBe('allow');
    expect(decide(s, 's3:GetObject', object, session).decision).toBe('deny');
  });
});

describe('evaluate: permissions boundaries, session policies, SCPs', () => {
  const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
  const base = {
    users: [
      user('alice', [doc({ Effect: 'Allow', Action: '*', Resource: '*' })], { permissionsBoundaryArn: boundaryArn }),
    ],
    policies: [
      {
        arn: boundaryArn,
        name: 'boundary',
        document: doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }),
        versions: [],
      },
    ],
  };

  it('the boundary caps identity permissions', () => {
    const s = snapshot(base);
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
    expect(decide(s, 'iam:CreateUser', '*').decision).toBe('deny');
  });

  it('the boundary grants nothing by itself', () => {
    const s = snapshot({ ...base, users: [user('alice', [], { permissionsBoundaryArn: boundaryArn })] });
    expect(decide(s, 's3:GetObject', object).decision).toBe('deny');
  });

  it('a Deny in the boundary is an explicit deny', () => {
    const s = snapshot({
      ...base,
      policies: [
        {
          arn: boundaryArn,
          name: 'b',
          document: doc(
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
          ),
          versions: [],
        },
      ],
    });
    expect(decide(s, 's3:DeleteBucket', bucket).explicitDeny).toBe(true);
  });

  it('a missing boundary policy makes the decision conditional, not allow', () => {
    const s = snapshot({ users: base.users });
    const d = decide(s, 's3:GetObject', object);
    expect(d.decision).toBe('conditional');
    expect(d.missingPolicies).toContain(boundaryArn);
  });

  it('session policies must also allow', () => {
    const s = snapshot({ users: [user('alice', [doc({ Effect: 'Allow', Action: '*', Resource: '*' })])] });
    const sessionPolicies = [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })];
    expect(evaluate(s, { principal: alice, action: 's3:GetObject', resource: object, sessionPolicies }).decision).toBe(
      'allow',
    );
    expect(evaluate(s, { principal: alice, action: 's3:PutObject', resource: object, sessionPolicies }).decision).toBe(
      'deny',
    );
  });

  const scpSnapshot = (targets: { targetId: string; type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' }[]) =>
    snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: '*', Resource: '*' })])],
      scps: [
        {
          id: 'p-full',
          name: 'FullAWSAccess',
          document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
          targets: [{ targetId: 'r-root', type: 'ROOT' }],
        },
        {
          id: 'p-s3only',
          name: 'S3Only',
          document: doc({ Effect: 'Allow', Action: ['s3:*', 'sts:*'], Resource: '*' }),
          targets,
        },
      ],
    });

  it('an SCP on the account must allow, even when identity allows', () => {
    const s = scpSnapshot([{ targetId: ACCOUNT, type: 'ACCOUNT' }]);
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
    const d = decide(s, 'ec2:RunInstances', '*');
    expect(d).toMatchObject({ decision: 'deny', explicitDeny: false });
  });

  it('an SCP attached to another account does not apply', () => {
    const s = scpSnapshot([{ targetId: OTHER, type: 'ACCOUNT' }]);
    expect(decide(s, 'ec2:RunInstances', '*').decision).toBe('allow');
  });

  it('an SCP deny is an explicit deny', () => {
    const s = snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: '*', Resource: '*' })])],
      scps: [
        {
          id: 'p-1',
          name: 'x',
          document: doc(
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Sid: 'NoLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
          ),
          targets: [{ targetId: 'ou-abcd-11111111', type: 'ORGANIZATIONAL_UNIT' }],
        },
      ],
    });
    expect(decide(s, 'organizations:LeaveOrganization', '*')).toMatchObject({
      decision: 'deny',
      explicitDeny: true,
      reasons: [{ policy: 'scp:p-1', statement: 'NoLeave', effect: 'Deny' }],
    });
  });

  it('SCPs grant nothing by themselves', () => {
    const s = scpSnapshot([{ targetId: ACCOUNT, type: 'ACCOUNT' }]);
    const bare = { ...s, users: [user('alice')] };
    expect(decide(bare, 's3:GetObject', object).decision).toBe('deny');
  });
});

describe('evaluate: resource-based policies', () => {
  const bob = `arn:aws:iam::${OTHER}:user/bob`;
  const withBucketPolicy = (statement: unknown, users = [user('alice'), user('bob', [], {}, OTHER)]) =>
    snapshot({ users, resourcePolicies: { [bucket]: { resourceArn: bucket, kind: 's3', document: doc(statement) } } });

  it('same account: a bucket policy naming the user suffices without identity policy', () => {
    const s = withBucketPolicy({
      Sid: 'AliceRead',
      Effect: 'Allow',
      Principal: { AWS: alice },
      Action: 's3:GetObject',
      Resource: `${bucket}/*`,
    });
    const d = decide(s, 's3:GetObject', object);
    expect(d.decision).toBe('allow');
    expect(d.reasons).toEqual([{ policy: `resource-policy:${bucket}`, statement: 'AliceRead', effect: 'Allow' }]);
  });

  it('same account: naming the account root delegates to identity policies', () => {
    const s = withBucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 's3:GetObject',
      Resource: `${bucket}/*`,
    });
    expect(decide(s, 's3:GetObject', object).decision).toBe('deny');
  });

  it('cross account: the resource policy alone is not enough', () => {
    const s = withBucketPolicy({
      Effect: 'Allow',
      Principal: { AWS: bob },
      Action: 's3:GetObject',
      Resource: `${bucket}/*`,
    });
    expect(decide(s, 's3:GetObject', object, bob).decision).toBe('deny');
  });

  it('cross account: identity policy and resource policy together allow', () => {
    const bobWithPolicy = user('bob', [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })], {}, OTHER);
    const s = withBucketPolicy(
      { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:GetObject', Resource: `${bucket}/*` },
      [user('alice'), bobWithPolicy],
    );
    expect(decide(s, 's3:GetObject', object, bob).decision).toBe('allow');
    // Identity allows but the bucket policy names a different account: denied.
    const s2 = withBucketPolicy(
      { Effect: 'Allow', Principal: { AWS: '333333333333' }, Action: 's3:GetObject', Resource: `${bucket}/*` },
      [bobWithPolicy],
    );
    expect(decide(s2, 's3:GetObject', object, bob).decision).toBe('deny');
  });

  it('Principal "*" with a Deny denies everyone', () => {
    const s = snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })])],
      resourcePolicies: {
        [bucket]: {
          resourceArn: bucket,
          kind: 's3',
          document: doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${bucket}/*` }),
        },
      },
    });
    expect(decide(s, 's3:DeleteObject', object).explicitDeny).toBe(true);
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
  });

  it('NotPrincipal with Deny spares only the listed principal', () => {
    const admin = `arn:aws:iam::${ACCOUNT}:user/admin`;
    const everyone = doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const s = snapshot({
      users: [user('alice', [everyone]), user('admin', [everyone])],
      resourcePolicies: {
        [bucket]: {
          resourceArn: bucket,
          kind: 's3',
          document: doc({
            Effect: 'Deny',
            NotPrincipal: { AWS: [admin, ACCOUNT] },
            Action: 's3:*',
            Resource: `${bucket}/*`,
          }),
        },
      },
    });
    expect(decide(s, 's3:GetObject', object, admin).decision).toBe('allow');
    // The account id is listed too, as AWS advises; alice is in that account, so she is spared as well.
    expect(decide(s, 's3:GetObject', object).decision).toBe('allow');
    const strict = snapshot({
      ...s,
      resourcePolicies: {
        [bucket]: {
          resourceArn: bucket,
          kind: 's3',
          document: doc({ Effect: 'Deny', NotPrincipal: { AWS: admin }, Action: 's3:*', Resource: `${bucket}/*` }),
        },
      },
    });
    expect(decide(strict, 's3:GetObject', object).explicitDeny).toBe(true);
    expect(decide(strict, 's3:GetObject', object, admin).decision).toBe('allow');
  });

  it('a role session: a policy naming the role is still bounded by its permissions boundary', () => {
    const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/ec2only`;
    const r = role('app', doc(), [], { permissionsBoundaryArn: boundaryArn });
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/app/s1`;
    const s = snapshot({
      roles: [r],
      policies: [
        {
          arn: boundaryArn,
          name: 'ec2only',
          document: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
          versions: [],
        },
      ],
      resourcePolicies: {
        [bucket]: {
          resourceArn: bucket,
          kind: 's3',
          document: doc(
            {
              Sid: 'Role',
              Effect: 'Allow',
              Principal: { AWS: r.arn },
              Action: 's3:GetObject',
              Resource: `${bucket}/*`,
            },
            {
              Sid: 'Session',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/app/s2` },
              Action: 's3:GetObject',
              Resource: `${bucket}/*`,
            },
          ),
        },
      },
    });
    expect(decide(s, 's3:GetObject', object, session).decision).toBe('deny');
    // Naming the session ARN directly is not limited by the boundary.
    expect(decide(s, 's3:GetObject', object, `arn:aws:sts::${ACCOUNT}:assumed-role/app/s2`).decision).toBe('allow');
  });

  it('a KMS key policy must allow: identity policy alone is not enough', () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const users = [user('alice', [doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' })])];
    const keyPolicy = (principal: string) => ({
      [key]: {
        resourceArn: key,
        kind: 'kms' as const,
        document: doc({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'kms:*', Resource: '*' }),
      },
    });
    expect(
      decide(snapshot({ users, resourcePolicies: keyPolicy(`arn:aws:iam::${OTHER}:root`) }), 'kms:Decrypt', key)
        .decision,
    ).toBe('deny');
    expect(
      decide(snapshot({ users, resourcePolicies: keyPolicy(`arn:aws:iam::${ACCOUNT}:root`) }), 'kms:Decrypt', key)
        .decision,
    ).toBe('allow');
  });

  it('a service principal is allowed by a resource policy naming it', () => {
    const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`;
    const s = snapshot({
      resourcePolicies: {
        [fn]: {
          resourceArn: fn,
          kind: 'lambda',
          document: doc({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
            Resource: fn,
          }),
        },
      },
    });
    expect(decide(s, 'lambda:InvokeFunction', fn, 's3.amazonaws.com').decision).toBe('allow');
    expect(decide(s, 'lambda:InvokeFunction', fn, 'sns.amazonaws.com').decision).toBe('deny');
  });
});

describe('canAssume and whoCan', () => {
  const target = role(
    'target',
    doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }),
  );
  const named = role('named', doc({ Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole' }));
  const service = role(
    'svc',
    doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
  );

  it('trust policy naming the account needs the identity policy too', () => {
    const s = snapshot({ users: [user('alice')], roles: [target] });
    expect(canAssume(s, alice, target.arn).decision).toBe('deny');
    const s2 = snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target.arn })])],
      roles: [target],
    });
    expect(canAssume(s2, alice, target.arn).decision).toBe('allow');
  });

  it('trust policy naming the user directly suffices in the same account', () => {
    const s = snapshot({ users: [user('alice')], roles: [named] });
    expect(canAssume(s, alice, named.arn).decision).toBe('allow');
  });

  it('a trust policy for a service never admits a user, whatever the identity policy', () => {
    const s = snapshot({
      users: [user('alice', [doc({ Effect: 'Allow', Action: 'sts:*', Resource: '*' })])],
      roles: [service],
    });
    expect(canAssume(s, alice, service.arn).decision).toBe('deny');
  });

  it('whoCan lists allowed and conditional principals only', () => {
    const s = snapshot({
      users: [
        user('alice', [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })]),
        user('carol', [
          doc({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          }),
        ]),
        user('dave'),
      ],
      roles: [role('r', doc(), [doc({ Effect: 'Allow', Action: 's3:*', Resource: `${bucket}/*` })])],
    });
    const result = whoCan(s, { action: 's3:GetObject', resource: object });
    expect(result.map((r) => [r.principal.split(':').pop(), r.decision.decision])).toEqual([
      ['user/alice', 'allow'],
      ['user/carol', 'conditional'],
      ['role/r', 'allow'],
    ]);
    expect(result[1]?.decision.conditions).toEqual(['allowed if aws:SourceIp is in 10.0.0.0/8']);
  });
});

describe('evaluate: other principals', () => {
  it('the account root has full access in its own account, but not past an explicit deny', () => {
    const root = `arn:aws:iam::${ACCOUNT}:root`;
    const s = snapshot({
      resourcePolicies: {
        [bucket]: {
          resourceArn: bucket,
          kind: 's3',
          document: doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: bucket }),
        },
      },
    });
    expect(decide(s, 's3:GetObject', object, root).decision).toBe('allow');
    expect(decide(s, 's3:DeleteBucket', bucket, root).explicitDeny).toBe(true);
  });

  it('cross-account role assumption needs the trust policy and the caller’s identity policy', () => {
    const target = role(
      'audit',
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:user/bob` }, Action: 'sts:AssumeRole' }),
    );
    const bob = `arn:aws:iam::${OTHER}:user/bob`;
    const bare = snapshot({ users: [user('bob', [], {}, OTHER)], roles: [target] });
    expect(canAssume(bare, bob, target.arn).decision).toBe('deny');
    const allowed = snapshot({
      users: [user('bob', [doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target.arn })], {}, OTHER)],
      roles: [target],
    });
    expect(canAssume(allowed, bob, target.arn).decision).toBe('allow');
  });

  it('a caller outside the snapshot is conditional on its own (unknown) identity policies', () => {
    const s = snapshot({
      resourcePolicies: {
        [bucket]: {
          resourceArn: bucket,
          kind: 's3',
          document: doc({
            Effect: 'Allow',
            Principal: { AWS: OTHER },
            Action: 's3:GetObject',
            Resource: `${bucket}/*`,
          }),
        },
      },
    });
    const d = decide(s, 's3:GetObject', object, `arn:aws:iam::${OTHER}:user/stranger`);
    expect(d.decision).toBe('conditional');
    expect(d.conditions[0]).toContain('not in the snapshot');
  });

  it('a Federated principal in a trust policy admits that provider', () => {
    const saml = `arn:aws:iam::${ACCOUNT}:saml-provider/okta`;
    const r = role('sso', doc({ Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRoleWithSAML' }));
    const s = snapshot({ roles: [r] });
    const d = evaluate(
      s,
      { principal: saml, action: 'sts:AssumeRoleWithSAML', resource: r.arn },
      { resourcePolicy: { label: 't', document: r.trustPolicy }, resourcePolicyRequired: true },
    );
    // AssumeRoleWithSAML is authorized by the trust policy alone: an identity provider has no identity policies.
    expect(d.decision).toBe('allow');
    expect(canAssume(s, alice, r.arn).decision).toBe('deny');
  });
});
