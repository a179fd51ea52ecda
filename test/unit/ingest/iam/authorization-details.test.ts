import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../main/analysis/iam/evaluate.js';
import { parseAuthorizationDetails } from '../../../../main/ingest/sources/iam/authorization-details.js';
import { IamParseError } from '../../../../main/ingest/sources/iam/parse-error.js';
import { normalizePolicyDocument } from '../../../../main/ingest/sources/iam/policy-document.js';
import { evidenceJson } from './evidence.js';

// Counts: jq -c '[(.UserDetailList|length),(.GroupDetailList|length),(.RoleDetailList|length),(.Policies|length)]' <file>
const SAMPLES: [string, number, number, number, number][] = [
  ['salesforce-cloudsplaining/examples_files_example.json', 44, 5, 78, 84],
  ['salesforce-cloudsplaining/test_files_example-authz-details.json', 3, 2, 3, 32],
  ['salesforce-cloudsplaining/test_files_example_authz_details_for_overrides_complete.json', 1, 1, 2, 3],
  ['salesforce-cloudsplaining/test_files_example_authz_v2.json', 1, 1, 2, 2],
  ['duo-labs-cloudmapper/account-data/demo/us-east-1/iam-get-account-authorization-details.json', 2, 1, 4, 2],
  ['aws-cli-examples/iam__get-account-authorization-details__example1.json', 3, 3, 1, 3],
];

describe('parseAuthorizationDetails on every sample', () => {
  for (const [file, users, groups, roles, policies] of SAMPLES)
    it(`${file}: ${users} users, ${groups} groups, ${roles} roles, ${policies} policies`, () => {
      const s = parseAuthorizationDetails(evidenceJson(file));
      expect([s.users.length, s.groups.length, s.roles.length, s.policies.length]).toEqual([
        users,
        groups,
        roles,
        policies,
      ]);
      for (const p of s.policies) expect(p.versions.filter((v) => v.isDefault).length).toBeLessThanOrEqual(1);
    });
});

describe('parseAuthorizationDetails details', () => {
  it('aws-cli example: groups, inline Statement given as an object, instance profiles, lone AttachedManagedPolicies object', () => {
    const s = parseAuthorizationDetails(
      evidenceJson('aws-cli-examples/iam__get-account-authorization-details__example1.json'),
    );
    expect(s.accountId).toBe('123456789012');
    // jq -c '[.UserDetailList[] | {n:.UserName, g:.GroupList}]'
    expect(s.users.map((u) => [u.name, u.groups])).toEqual([
      ['Alice', ['Admins']],
      ['Bob', ['Admins']],
      ['Charlie', ['Dev']],
    ]);
    // jq -c '.UserDetailList[1].UserPolicyList' → one Deny statement written as an object, not an array.
    const bob = s.users[1];
    expect(bob?.inlinePolicies[0]?.name).toBe('DenyBillingAndIAMPolicy');
    expect(bob?.inlinePolicies[0]?.document.statements).toEqual([
      { sid: '0', effect: 'Deny', action: ['aws-portal:*', 'iam:*'], resource: ['*'] },
    ]);
    // jq -c '.GroupDetailList[0].AttachedManagedPolicies' → an object in the CLI reference.
    expect(s.groups[0]?.attachedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(s.roles[0]?.instanceProfiles).toEqual(['arn:aws:iam::123456789012:instance-profile/EC2role']);
    // Alice is in Admins (AdministratorAccess); Bob too, but his inline Deny iam:* wins.
    expect(
      evaluate(s, { principal: 'arn:aws:iam::123456789012:user/Alice', action: 'iam:CreateUser', resource: '*' })
        .decision,
    ).toBe('allow');
    expect(
      evaluate(s, { principal: 'arn:aws:iam::123456789012:user/Bob', action: 'iam:CreateUser', resource: '*' })
        .explicitDeny,
    ).toBe(true);
  });

  it('cloudmapper demo: roles with trust policies, inline and attached policies', () => {
    const s = parseAuthorizationDetails(
      evidenceJson('duo-labs-cloudmapper/account-data/demo/us-east-1/iam-get-account-authorization-details.json'),
    );
    // jq -c '[.RoleDetailList[] | {n:.RoleName, a:(.AttachedManagedPolicies|map(.PolicyArn)), i:(.RolePolicyList|length)}]'
    expect(s.roles.map((r) => [r.name, r.attachedPolicyArns.length, r.inlinePolicies.length])).toEqual([
      ['exfiller', 0, 1],
      ['bad_role', 1, 1],
      ['level1', 0, 1],
      ['level3', 0, 1],
    ]);
    expect(s.roles.every((r) => r.trustPolicy.statements.length > 0)).toBe(true);
  });

  it('cloudsplaining example: default version chosen by IsDefaultVersion', () => {
    const s = parseAuthorizationDetails(evidenceJson('salesforce-cloudsplaining/examples_files_example.json'));
    const p = s.policies.find((x) => x.name === 'privesc8-AttachGroupPolicy');
    expect(p?.document.statements[0]?.action).toEqual(['iam:AttachGroupPolicy']);
    // Accounts are taken from the first IAM ARN: jq -r '.UserDetailList[0].Arn'
    expect(s.accountId).toBe('200611803367');
    expect(
      parseAuthorizationDetails(evidenceJson('salesforce-cloudsplaining/examples_files_example.json'), '999999999999')
        .accountId,
    ).toBe('999999999999');
  });

  it('URL-encoded policy documents decode to the same snapshot', () => {
    // Generator: the real API URL-encodes every document; re-encode the cloudmapper sample that way.
    const raw = evidenceJson(
      'duo-labs-cloudmapper/account-data/demo/us-east-1/iam-get-account-authorization-details.json',
    ) as Record<string, unknown[]>;
    const enc = (d: unknown) => encodeURIComponent(JSON.stringify(d));
    const encoded = JSON.parse(JSON.stringify(raw)) as Record<string, Record<string, unknown>[]>;
    for (const r of encoded.RoleDetailList ?? []) {
      r.AssumeRolePolicyDocument = enc(r.AssumeRolePolicyDocument);
      for (const p of (r.RolePolicyList ?? []) as Record<string, unknown>[]) p.PolicyDocument = enc(p.PolicyDocument);
    }
    for (const p of encoded.Policies ?? [])
      for (const v of p.PolicyVersionList as Record<string, unknown>[]) v.Document = enc(v.Document);
    expect(JSON.stringify(encoded)).toContain('%22Statement%22');
    expect(parseAuthorizationDetails(encoded)).toEqual(parseAuthorizationDetails(raw));
  });

  it('decodes "+" as a space and JSON text as is', () => {
    const d = normalizePolicyDocument(
      '%7B%22Statement%22%3A%7B%22Sid%22%3A%22a+b%22%2C%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A*%22%2C%22Resource%22%3A%22*%22%7D%7D',
      'x',
    );
    expect(d.statements[0]?.sid).toBe('a b');
    expect(normalizePolicyDocument('{"Statement":[]}', 'x').statements).toEqual([]);
  });

  it('refuses malformed documents with an IamParseError that locates the problem', () => {
    const bad = {
      RoleDetailList: [
        { Arn: 'arn:aws:iam::1:role/a', RoleName: 'a', AssumeRolePolicyDocument: { Statement: [] } },
        { Arn: 'arn:aws:iam::1:role/b', RoleName: 'b', AssumeRolePolicyDocument: '%7Bnot json' },
      ],
    };
    const error = catchError(() => parseAuthorizationDetails(bad));
    expect(error).toBeInstanceOf(IamParseError);
    expect((error as IamParseError).locator).toBe('RoleDetailList[1].AssumeRolePolicyDocument');
    expect(error?.message).toMatch(/not valid JSON/);

    const badEffect = {
      UserDetailList: [
        {
          Arn: 'arn:aws:iam::1:user/u',
          UserName: 'u',
          UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Maybe' }] } }],
        },
      ],
    };
    expect((catchError(() => parseAuthorizationDetails(badEffect)) as IamParseError).locator).toBe(
      'UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].Effect',
    );

    expect(
      (catchError(() => parseAuthorizationDetails({ UserDetailList: [{ UserName: 'u' }] })) as IamParseError).locator,
    ).toBe('UserDetailList[0].Arn');
    expect(catchError(() => parseAuthorizationDetails({ Records: [] }))?.message).toMatch(
      /not get-account-authorization-details/,
    );
    expect(catchError(() => parseAuthorizationDetails([1, 2]))).toBeInstanceOf(IamParseError);
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
