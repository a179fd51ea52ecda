import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canAssume } from '../../../../main/analysis/iam/assume.js';
import { findEscalationPaths, isAdminEquivalent } from '../../../../main/analysis/iam/escalation.js';
import { parseAuthorizationDetails } from '../../../../main/ingest/sources/iam/authorization-details.js';

// cloudsplaining's example account: users named after the privilege-escalation technique they hold
// (privescN-…), false negatives (fnN-…) and false positives (fpN-…). Each expectation below was
// checked by reading the user's policies, e.g.
//   jq '.UserDetailList[] | select(.UserName=="fn4-exploitableNotAction-user")' examples_files_example.json
//   jq '.Policies[] | select(.PolicyName=="fn4-exploitableNotAction") | .PolicyVersionList[0].Document' …
const EVIDENCE = path.resolve(
  import.meta.dirname,
  '../../../../../shared/evidence/salesforce-cloudsplaining/examples_files_example.json',
);
const snapshot = parseAuthorizationDetails(JSON.parse(readFileSync(EVIDENCE, 'utf8')));
// The file mixes two accounts: 41 users and 3 groups in 200611803367, 3 users (obama, biden,
// userwithlotsofpermissions) and 2 groups (admin, biden) in 012345678901 — IAM actions never cross
// accounts, so only same-account users and groups are reachable.
//   jq '[.UserDetailList[] | select(.Arn | contains("200611803367"))] | length' → 41
const A = '200611803367';
const B = '012345678901';
const userArn = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const roleArn = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const summary = (name: string) =>
  findEscalationPaths(snapshot, userArn(name)).map((p) => `${p.actions.join('+')} -> ${p.target.split('/').pop()}`);

describe('findEscalationPaths on cloudsplaining example.json', () => {
  it('privesc4: iam:CreateAccessKey on "*" reaches every other user of its account, the admins included', () => {
    const paths = findEscalationPaths(snapshot, userArn('privesc4-CreateAccessKey-user'));
    const keys = paths.filter((p) => p.actions.join() === 'iam:CreateAccessKey');
    // 41 same-account users, all but itself.
    expect(keys).toHaveLength(40);
    expect(keys.some((p) => p.target.includes(B))).toBe(false);
    // privesc-sre-user is admin through privesc-sre-group's privesc-sre-admin-policy (Action "*" on "*").
    expect(keys.find((p) => p.target === userArn('privesc-sre-user'))?.adminReached).toBe(true);
    expect(keys.find((p) => p.target === userArn('fp1-allow-and-deny-user'))?.adminReached).toBe(false);
  });

  it('privesc7 / privesc10: attach or put a policy on itself', () => {
    expect(summary('privesc7-AttachUserPolicy-user')).toEqual([
      'iam:AttachUserPolicy -> privesc7-AttachUserPolicy-user',
    ]);
    expect(summary('privesc10-PutUserPolicy-user')).toEqual(['iam:PutUserPolicy -> privesc10-PutUserPolicy-user']);
  });

  it('privesc1: a new version of its own attached policy', () => {
    const [p] = findEscalationPaths(snapshot, userArn('privesc1-CreateNewPolicyVersion-user'));
    expect(p).toMatchObject({ actions: ['iam:CreatePolicyVersion'], adminReached: true, conditional: false });
  });

  it('privesc13: AddUserToGroup into privesc-sre-group (admin policy) reaches admin', () => {
    const paths = findEscalationPaths(snapshot, userArn('privesc13-AddUserToGroup-user'));
    // 3 same-account groups, the user is in none; the admin group of the other account is out of reach.
    expect(paths.filter((p) => p.actions.join() === 'iam:AddUserToGroup')).toHaveLength(3);
    expect(paths.find((p) => p.description.includes('group privesc-sre-group'))?.adminReached).toBe(true);
    expect(paths.find((p) => p.description.includes('group privesc8-AttachGroupPolicy-group'))?.adminReached).toBe(
      false,
    );
    expect(paths.some((p) => p.description.includes('group admin'))).toBe(false);
  });

  it('PassRole + compute: privesc3 (EC2), privesc15 (Lambda), privesc18 (Glue) reach the high-privilege service role', () => {
    // privesc-high-priv-service-role trusts ec2/lambda/glue/cloudformation…: jq '.RoleDetailList[] | select(.RoleName=="privesc-high-priv-service-role") | .AssumeRolePolicyDocument'
    expect(summary('privesc3-CreateEC2WithExistingInstanceProfile-user')).toEqual([
      'iam:PassRole+ec2:RunInstances -> privesc-high-priv-service-role',
    ]);
    expect(summary('privesc15-PassExistingRoleToNewLambdaThenInvoke-user')).toEqual([
      'iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction -> privesc-high-priv-service-role',
    ]);
    expect(summary('privesc18-PassExistingRoleToNewGlueDevEndpoint-user')).toEqual([
      'iam:PassRole+glue:CreateDevEndpoint -> privesc-high-priv-service-role',
    ]);
  });

  it('fn4: NotAction [iam:Update*, iam:Create*, iam:Attach*] still leaves iam:PutUserPolicy open', () => {
    const paths = findEscalationPaths(snapshot, userArn('fn4-exploitableNotAction-user'));
    expect(paths.some((p) => p.actions.join() === 'iam:PutUserPolicy' && p.adminReached)).toBe(true);
    expect(
      paths.some((p) => p.actions.includes('iam:AttachUserPolicy') || p.actions.includes('iam:CreateAccessKey')),
    ).toBe(false);
  });

  it('fn3 / fp5: CreatePolicyVersion under an aws:TokenIssueTime condition is only conditional', () => {
    const [fn3] = findEscalationPaths(snapshot, userArn('fn3-exploitableConditionConstraint-user'));
    const [fp5] = findEscalationPaths(snapshot, userArn('fp5-nonExploitableConditionConstraint-user'));
    expect(fn3).toMatchObject({ actions: ['iam:CreatePolicyVersion'], conditional: true });
    expect(fp5).toMatchObject({ actions: ['iam:CreatePolicyVersion'], conditional: true });
  });

  it('false positives of naive scanners find no path', () => {
    // fp3 denies iam:*; fp4 may only version arn:aws:iam::aws:policy/fp4-* (AWS-owned, never its own).
    for (const name of [
      'fp1-allow-and-deny-user',
      'fp2-allow-and-deny-multiple-policies-user',
      'fp3-deny-iam-user',
      'fp4-nonExploitableResourceConstraint-user',
      'privesc-AssumeRole-start-user',
    ])
      expect(findEscalationPaths(snapshot, userArn(name))).toEqual([]);
  });

  it('privesc2: SetDefaultPolicyVersion needs an older version, and its policy has only v1', () => {
    // jq '.Policies[] | select(.PolicyName=="privesc2-SetExistingDefaultPolicyVersion") | .PolicyVersionList | length' → 1
    expect(findEscalationPaths(snapshot, userArn('privesc2-SetExistingDefaultPolicyVersion-user'))).toEqual([]);
  });

  it('privesc-sre-user: admin through its group, and can assume the role that trusts it by name', () => {
    expect(isAdminEquivalent(snapshot, userArn('privesc-sre-user'))).toBe(true);
    expect(canAssume(snapshot, userArn('privesc-sre-user'), roleArn('privesc-sre-role')).decision).toBe('allow');
    expect(canAssume(snapshot, userArn('biden'), roleArn('privesc-sre-role')).decision).toBe('deny');
    expect(
      findEscalationPaths(snapshot, userArn('privesc-sre-user')).some(
        (p) => p.target === roleArn('privesc-sre-role') && p.actions.join() === 'sts:AssumeRole',
      ),
    ).toBe(true);
  });

  it('isAdminEquivalent: AdministratorAccess holders yes, partial policies no', () => {
    expect(isAdminEquivalent(snapshot, `arn:aws:iam::${B}:user/obama`)).toBe(true);
    expect(isAdminEquivalent(snapshot, `arn:aws:iam::${B}:user/biden`)).toBe(false);
    expect(isAdminEquivalent(snapshot, userArn('privesc7-AttachUserPolicy-user'))).toBe(false);
  });
});
