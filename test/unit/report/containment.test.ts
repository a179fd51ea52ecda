import { describe, expect, it } from 'vitest';
import {
  buildContainment,
  containmentScript,
  shellLine,
  shellQuote,
  type ContainmentInput,
  type PolicyDocument,
} from '../../../main/report/containment.js';

const BASE: ContainmentInput = {
  principals: [],
  accessKeys: [],
  enis: [],
  securityGroups: [],
  vpcs: [],
  buckets: [],
  kmsKeys: [],
  instances: [],
  volumes: [],
  managementCidr: null,
  managementPort: 22,
  breakGlassRole: null,
  revokeBefore: '2026-01-02T03:04:05.000Z',
};

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const FULL: ContainmentInput = {
  ...BASE,
  principals: ['arn:aws:iam::111122223333:user/ci-deploy', 'arn:aws:iam::111122223333:role/app/WebRole', 'arn:aws:iam::111122223333:user/ci-deploy'],
  rootPrincipals: ['arn:aws:iam::111122223333:root'],
  accessKeys: [
    { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'ci-deploy' },
    { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', userName: null },
  ],
  enis: ['eni-0b13344793d4fde67'],
  securityGroups: ['sg-0123456789abcdef0'],
  vpcs: ['vpc-0a1b2c3d4e5f60718'],
  buckets: ['acme-exports'],
  kmsKeys: [KEY],
  instances: ['i-0317f6c6b66ae9c40'],
  managementCidr: '198.51.100.7/32',
  breakGlassRole: 'arn:aws:iam::111122223333:role/BreakGlass',
};

/** IAM policy grammar: Version, and every statement with Effect, Action and Resource (and Sid). */
function expectValidPolicy(document: PolicyDocument): void {
  const parsed = JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  expect(Object.keys(parsed).sort()).toEqual(['Statement', 'Version']);
  expect(parsed.Version).toBe('2012-10-17');
  expect(Array.isArray(parsed.Statement)).toBe(true);
  for (const statement of parsed.Statement as Record<string, unknown>[]) {
    expect(['Allow', 'Deny']).toContain(statement.Effect);
    expect(statement.Action === '*' || typeof statement.Action === 'string' || Array.isArray(statement.Action)).toBe(true);
    expect(statement.Resource !== undefined).toBe(true);
    expect(typeof statement.Sid).toBe('string');
    expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/); // IAM Sids: alphanumerics only
    for (const key of Object.keys(statement)) expect(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']).toContain(key);
  }
}

/** The argv as the shell would split the line (single quotes and "$VAR" only, which is all shellLine emits). */
function shellSplit(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      current += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (char === '\\') {
      current += line[i + 1];
      i += 1;
      inWord = true;
    } else if (char === '"') {
      const end = line.indexOf('"', i + 1);
      current += `<${line.slice(i + 1, end)}>`;
      i = end;
      inWord = true;
    } else if (char === ' ') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

describe('containment artifacts', () => {
  it('the deny-all policy is exactly the documented one', () => {
    const plan = buildContainment(FULL);
    const denyAll = plan.policies.find((policy) => policy.name === 'CairnContainmentDenyAll');
    expect(JSON.stringify(denyAll?.document)).toBe('{"Version":"2012-10-17","Statement":[{"Sid":"CairnContainmentDenyAll","Effect":"Deny","Action":"*","Resource":"*"}]}');
  });

  it('every policy is valid IAM policy grammar', () => {
    const plan = buildContainment(FULL);
    expect(plan.policies.map((policy) => policy.name)).toEqual([
      'CairnContainmentDenyAll',
      'AWSRevokeOlderSessions',
      'bucket-policy-acme-exports',
      'kms-deny-decrypt-statement',
    ]);
    for (const policy of plan.policies) expectValidPolicy(policy.document);
    const revoke = plan.policies[1]?.document.Statement[0];
    expect(revoke?.Condition).toEqual({ DateLessThan: { 'aws:TokenIssueTime': '2026-01-02T03:04:05.000Z' } });
    const bucket = plan.policies[2]?.document.Statement[0];
    expect(bucket).toMatchObject({ Principal: '*', Resource: ['arn:aws:s3:::acme-exports', 'arn:aws:s3:::acme-exports/*'], Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/BreakGlass' } } });
    expect(plan.policies[3]?.document.Statement[0]).toMatchObject({ Effect: 'Deny', Action: 'kms:Decrypt', Principal: { AWS: ['arn:aws:iam::111122223333:role/app/WebRole', 'arn:aws:iam::111122223333:user/ci-deploy'] } });
  });

  it('commands are AWS CLI argument vectors in a fixed order', () => {
    const plan = buildContainment(FULL);
    const verbs = plan.commands.map((command) => command.argv.slice(0, 3).join(' '));
    expect(verbs).toEqual([
      'aws iam put-role-policy',
      'aws iam put-role-policy',
      'aws iam put-user-policy',
      'aws iam update-access-key',
      'aws ec2 describe-security-groups',
      'aws ec2 create-security-group',
      'aws ec2 revoke-security-group-egress',
      'aws ec2 authorize-security-group-ingress',
      'aws ec2 modify-network-interface-attribute',
      'aws ec2 create-network-acl',
      'aws ec2 create-network-acl-entry',
      'aws ec2 create-network-acl-entry',
      'aws s3api put-bucket-policy',
      'aws kms get-key-policy',
      'aws ec2 describe-instances',
    ]);
    expect(plan.commands[0]?.argv).toEqual([
      'aws', 'iam', 'put-role-policy', '--role-name', 'WebRole', '--policy-name', 'CairnContainmentDenyAll',
      '--policy-document', '{"Version":"2012-10-17","Statement":[{"Sid":"CairnContainmentDenyAll","Effect":"Deny","Action":"*","Resource":"*"}]}',
    ]);
    expect(plan.commands[4]?.argv).toEqual(['aws', 'ec2', 'describe-security-groups', '--group-ids', 'sg-0123456789abcdef0', '--output', 'json']);
    expect(plan.commands[3]?.argv).toEqual(['aws', 'iam', 'update-access-key', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--status', 'Inactive', '--user-name', 'ci-deploy']);
    expect(plan.commands[5]).toMatchObject({ assign: 'SG_ID' });
    expect(plan.commands[7]?.argv).toEqual(['aws', 'ec2', 'authorize-security-group-ingress', '--group-id', { shellVar: 'SG_ID' }, '--protocol', 'tcp', '--port', '22', '--cidr', '198.51.100.7/32']);
    expect(plan.commands[8]?.argv).toEqual(['aws', 'ec2', 'modify-network-interface-attribute', '--network-interface-id', 'eni-0b13344793d4fde67', '--groups', { shellVar: 'SG_ID' }]);
    expect(plan.commands[14]?.argv).toEqual([
      'aws', 'ec2', 'describe-instances', '--instance-ids', 'i-0317f6c6b66ae9c40', '--query', 'Reservations[].Instances[].BlockDeviceMappings[].Ebs.VolumeId', '--output', 'text',
    ]);
    // JSON arguments parse back to the policies.
    for (const command of plan.commands) {
      const at = command.argv.findIndex((arg) => arg === '--policy-document' || arg === '--policy');
      if (at !== -1) JSON.parse(command.argv[at + 1] as string);
    }
    expect(plan.notes.some((note) => note.includes('ASIAIOSFODNN7EXAMPLE is a temporary'))).toBe(true);
    expect(plan.notes.some((note) => note.includes('root user of account 111122223333'))).toBe(true);
  });

  it('known volumes are snapshotted directly; no management CIDR means no ingress rule', () => {
    const plan = buildContainment({ ...FULL, volumes: ['vol-0123456789abcdef0'], managementCidr: null, vpcs: [] });
    expect(plan.commands.some((command) => command.argv[2] === 'authorize-security-group-ingress')).toBe(false);
    expect(plan.commands.find((command) => command.argv[2] === 'create-snapshot')?.argv).toEqual([
      'aws', 'ec2', 'create-snapshot', '--volume-id', 'vol-0123456789abcdef0', '--description', 'Cairn containment: forensic copy',
    ]);
    expect(plan.commands.some((command) => command.argv[2] === 'describe-instances')).toBe(false);
    // Without a VPC the interface's VPC is looked up first.
    expect(plan.commands.find((command) => command.assign === 'VPC_ID')?.argv.slice(0, 5)).toEqual(['aws', 'ec2', 'describe-network-interfaces', '--network-interface-ids', 'eni-0b13344793d4fde67']);
    expect(plan.notes).toContain('no --management-cidr: the quarantine group allows no ingress at all');
  });

  it('evidence-derived ids that do not match AWS id patterns are refused, never put in a command', () => {
    const hostile = "x'; rm -rf / #";
    const plan = buildContainment({
      ...BASE,
      principals: [`arn:aws:iam::111122223333:user/${hostile}`, 'arn:aws:sts::111122223333:assumed-role/R/s'],
      accessKeys: [{ accessKeyId: `AKIA${hostile}`, userName: null }, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: '$(reboot)' }],
      enis: ['eni-$(id)'],
      securityGroups: ['sg-1; reboot'],
      buckets: ['Bad_Bucket'],
      kmsKeys: ['alias/x'],
      instances: ['i-zz'],
      volumes: ['vol-;'],
      managementCidr: '0.0.0.0/0; reboot',
      breakGlassRole: 'arn:aws:iam::111122223333:user/notarole',
    });
    expect(plan.commands).toEqual([]);
    expect(plan.refused.map((item) => item.value).sort()).toEqual(
      [
        '$(reboot)',
        '0.0.0.0/0; reboot',
        `AKIA${hostile}`,
        'Bad_Bucket',
        'alias/x',
        'arn:aws:iam::111122223333:user/notarole',
        `arn:aws:iam::111122223333:user/${hostile}`,
        'arn:aws:sts::111122223333:assumed-role/R/s',
        'eni-$(id)',
        'sg-1; reboot',
        'i-zz',
        'vol-;',
      ].sort(),
    );
    const script = containmentScript(plan, { caseId: 'c', generatedAt: 'now' });
    for (const line of script.split('\n')) if (!line.startsWith('#')) expect(line).not.toContain('rm -rf');
  });

  it('shell quoting round-trips every argument', () => {
    expect(shellQuote('plain-arg_1.2/3:4')).toBe('plain-arg_1.2/3:4');
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$(id) `x` "y"')).toBe("'$(id) `x` \"y\"'");
    for (const command of buildContainment(FULL).commands) {
      const line = shellLine(command);
      const words = shellSplit(command.assign ? line.slice(command.assign.length + 3, -1) : line);
      expect(words).toEqual(command.argv.map((arg) => (typeof arg === 'string' ? arg : `<$${arg.shellVar}>`)));
    }
  });

  it('the script is for review: bash, strict mode, header, deterministic', () => {
    const script = containmentScript(buildContainment(FULL), { caseId: 'case-1', generatedAt: '2026-01-02T03:04:05.000Z' });
    const lines = script.split('\n');
    expect(lines[0]).toBe('#!/usr/bin/env bash');
    expect(script).toContain('GENERATED FOR REVIEW. Cairn never runs these commands.');
    expect(lines).toContain('set -euo pipefail');
    expect(script).toContain('SG_ID=$(aws ec2 create-security-group --group-name cairn-quarantine');
    expect(script).toContain('--groups "$SG_ID"');
    expect(containmentScript(buildContainment({ ...FULL, principals: [...FULL.principals].reverse() }), { caseId: 'case-1', generatedAt: '2026-01-02T03:04:05.000Z' })).toBe(script);
  });
});
