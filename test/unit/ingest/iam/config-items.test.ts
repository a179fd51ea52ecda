import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../main/analysis/iam/evaluate.js';
import { mergeSnapshots } from '../../../../main/analysis/iam/model.js';
import { parseConfigIamItems } from '../../../../main/ingest/sources/iam/config-items.js';
import { IamParseError } from '../../../../main/ingest/sources/iam/parse-error.js';
import { EVIDENCE_DIR, evidenceJson, evidenceText } from './evidence.js';

const CI = 'aws-config-rdk/example_ci';

describe('parseConfigIamItems on the AWS Config samples', () => {
  it('AWS_IAM_User.json: user with its group, inline policy (document wrapped in an array) and attachments', () => {
    const s = parseConfigIamItems(evidenceText(`${CI}/AWS_IAM_User.json`));
    // jq -c '.configuration | {groupList, a: [.attachedManagedPolicies[].policyArn], i: (.userPolicyList|length)}' AWS_IAM_User.json
    expect(s.users.map((u) => [u.arn, u.groups, u.attachedPolicyArns.length, u.inlinePolicies.length])).toEqual([
      ['arn:aws:iam::112233445566:user/johndoe', ['MyTestGroup'], 3, 1],
    ]);
    expect(s.users[0]?.inlinePolicies[0]?.document.statements[0]?.action).toEqual(['codedeploy:*']);
    // jq -r .accountId
    expect(s.accountId).toBe('112233445566');
  });

  it('AWS_IAM_Group / Role / Policy', () => {
    const g = parseConfigIamItems(evidenceJson(`${CI}/AWS_IAM_Group.json`));
    expect(g.groups.map((x) => [x.name, x.attachedPolicyArns])).toEqual([
      ['MyTestGroup', ['arn:aws:iam::aws:policy/AdministratorAccess']],
    ]);
    const r = parseConfigIamItems(evidenceJson(`${CI}/AWS_IAM_Role.json`));
    expect(r.roles.map((x) => [x.arn, x.trustPolicy.statements[0]?.principal])).toEqual([
      ['arn:aws:iam::264683526309:role/service-role/config-role-ezcrc2', { Service: ['config.amazonaws.com'] }],
    ]);
    const p = parseConfigIamItems(evidenceJson(`${CI}/AWS_IAM_Policy.json`));
    // jq -c '.configuration.policyVersionList[0].document' → [ {Statement: elasticloadbalancing:Describe*} ]
    expect(p.policies.map((x) => [x.arn, x.defaultVersionId, x.document.statements[0]?.action])).toEqual([
      ['arn:aws:iam::264683526309:policy/ELB-policy', 'v1', ['elasticloadbalancing:Describe*']],
    ]);
  });

  it('items of several files combine into a working snapshot', () => {
    const s = mergeSnapshots(
      ...['AWS_IAM_User.json', 'AWS_IAM_Group.json', 'AWS_IAM_Policy.json'].map((f) =>
        parseConfigIamItems(evidenceJson(`${CI}/${f}`)),
      ),
    );
    // johndoe has AdministratorAccess attached directly.
    expect(
      evaluate(s, { principal: 'arn:aws:iam::112233445566:user/johndoe', action: 'iam:CreateUser', resource: '*' })
        .decision,
    ).toBe('allow');
  });

  it('accepts arrays, ConfigSnapshot and change-notification envelopes', () => {
    const user = evidenceJson(`${CI}/AWS_IAM_User.json`);
    const role = evidenceJson(`${CI}/AWS_IAM_Role.json`);
    expect(parseConfigIamItems([user, role]).roles).toHaveLength(1);
    const snap = parseConfigIamItems({ fileVersion: '1.0', configSnapshotId: 'x', configurationItems: [user, role] });
    expect([snap.users.length, snap.roles.length]).toEqual([1, 1]);
    expect(
      parseConfigIamItems({ messageType: 'ConfigurationItemChangeNotification', configurationItem: role }).roles,
    ).toHaveLength(1);
    expect(parseConfigIamItems([{ ...(role as object), configurationItemStatus: 'ResourceDeleted' }]).roles).toEqual(
      [],
    );
  });

  it('every non-IAM sample parses to an empty snapshot, and the two invalid JSON files are refused clearly', () => {
    // ls example_ci | wc -l → 80; python3 -c 'json.load(...)' fails on exactly these two.
    const files = readdirSync(path.join(EVIDENCE_DIR, CI)).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(80);
    const refused: string[] = [];
    for (const f of files) {
      try {
        const s = parseConfigIamItems(evidenceText(`${CI}/${f}`));
        const count = s.users.length + s.groups.length + s.roles.length + s.policies.length;
        expect(count, f).toBe(f.startsWith('AWS_IAM_') ? 1 : 0);
      } catch (error) {
        expect(error).toBeInstanceOf(IamParseError);
        expect((error as Error).message).toMatch(/^the AWS Config file is not valid JSON \(/);
        refused.push(f);
      }
    }
    expect(refused.sort()).toEqual(['AWS_EC2_NetworkInterface.json', 'AWS_SSM_ManagedInstanceInventory_Linux.json']);
  });

  it('refuses a document that is not a configuration item', () => {
    expect(() => parseConfigIamItems({ hello: 'world' })).toThrow(/not an AWS Config configuration item/);
    const e = (() => {
      try {
        parseConfigIamItems([
          {
            resourceType: 'AWS::IAM::Role',
            configuration: { roleName: 'r', arn: 'arn:aws:iam::1:role/r', assumeRolePolicyDocument: 42 },
          },
        ]);
      } catch (error) {
        return error as IamParseError;
      }
      return undefined;
    })();
    expect(e?.locator).toBe('[0].configuration.assumeRolePolicyDocument');
  });
});
