/**
 * Containment artifacts for review: policies and AWS CLI commands built from the case's compromised
 * principals, keys and resources. Pure. Cairn never runs them; every id that came from evidence is
 * checked against AWS's id grammar before it goes into a command, and refused otherwise.
 */

/** What to contain (every list may be empty). */
export interface ContainmentInput {
  /** IAM user and role ARNs (assumed-role ARNs are turned into their role's ARN by the caller). */
  principals: readonly string[];
  /** Root ARNs (`arn:aws:iam::ACCOUNT:root`) seen acting: IAM policies cannot contain root, so these become notes. */
  rootPrincipals?: readonly string[] | undefined;
  /** Long-term access keys with the user they belong to (null: the key of the caller, e.g. root). */
  accessKeys: readonly { accessKeyId: string; userName: string | null }[];
  enis: readonly string[];
  securityGroups: readonly string[];
  vpcs: readonly string[];
  buckets: readonly string[];
  kmsKeys: readonly string[];
  instances: readonly string[];
  volumes: readonly string[];
  /** Only this CIDR may reach the management port of quarantined interfaces; null: no ingress at all. */
  managementCidr: string | null;
  managementPort: number;
  /** The one role left able to use contained buckets. */
  breakGlassRole: string | null;
  /** Sessions issued before this instant (ISO 8601 UTC) are revoked. */
  revokeBefore: string;
}

/** One IAM policy grammar document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS: string[] };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A command argument: literal text, or a shell variable set by an earlier command. */
export type CommandArg = string | { shellVar: string };

/** One AWS CLI invocation (argv[0] is `aws`); `assign` captures its output in a shell variable. */
export interface ContainmentCommand {
  step: string;
  description: string;
  argv: CommandArg[];
  assign?: string;
}

export interface ContainmentPlan {
  policies: { name: string; purpose: string; document: PolicyDocument }[];
  commands: ContainmentCommand[];
  /** Values that did not pass validation (never put into a command), with why. */
  refused: { value: string; reason: string }[];
  notes: string[];
}

export const ID_PATTERNS = {
  accessKeyId: /^AKIA[0-9A-Z]{16}$/,
  temporaryKeyId: /^ASIA[0-9A-Z]{16}$/,
  securityGroup: /^sg-[0-9a-f]{8,17}$/,
  eni: /^eni-[0-9a-f]{8,17}$/,
  vpc: /^vpc-[0-9a-f]{8,17}$/,
  instance: /^i-[0-9a-f]{8,17}$/,
  volume: /^vol-[0-9a-f]{8,17}$/,
  userName: /^[\w+=,.@-]{1,64}$/,
  iamPrincipalArn: /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/,
  bucket: /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  kmsKey: /^(?:arn:aws(?:-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:key\/)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  cidr: /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(?:3[0-2]|[12]?\d)$/,
  isoTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/,
} as const;

export const DENY_ALL_POLICY_NAME = 'CairnContainmentDenyAll';
export const REVOKE_SESSIONS_POLICY_NAME = 'AWSRevokeOlderSessions';

/** The explicit deny-all policy attached to compromised users and roles. */
export function denyAllPolicy(): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Sid: 'CairnContainmentDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }] };
}

/** What the IAM console's "Revoke active sessions" attaches: deny to tokens issued before `before`. */
export function revokeSessionsPolicy(before: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AWSRevokeOlderSessions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': before } } },
    ],
  };
}

/** A bucket policy denying every principal but the break-glass role. */
export function bucketLockdownPolicy(bucket: string, breakGlassRole: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CairnContainmentDenyAllButBreakGlass',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': breakGlassRole } },
      },
    ],
  };
}

/** A key policy statement (to merge into the key's policy) denying kms:Decrypt to the principals. */
export function kmsDenyDecryptStatement(principals: readonly string[]): PolicyStatement {
  return { Sid: 'CairnContainmentDenyDecrypt', Effect: 'Deny', Principal: { AWS: [...principals] }, Action: 'kms:Decrypt', Resource: '*' };
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Builds the plan. Deterministic: inputs are de-duplicated and sorted. */
export function buildContainment(input: ContainmentInput): ContainmentPlan {
  const refused: ContainmentPlan['refused'] = [];
  const notes: string[] = [];
  const accept = (values: readonly string[], pattern: RegExp, what: string): string[] =>
    sortedUnique(values).filter((value) => {
      if (pattern.test(value)) return true;
      refused.push({ value, reason: `not a valid ${what}` });
      return false;
    });
  const policies: ContainmentPlan['policies'] = [];
  const commands: ContainmentCommand[] = [];
  const json = (document: unknown) => JSON.stringify(document);

  const principals = accept(input.principals, ID_PATTERNS.iamPrincipalArn, 'IAM user or role ARN');
  for (const root of sortedUnique(input.rootPrincipals ?? [])) {
    const account = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):root$/.exec(root)?.[1];
    if (account === undefined) refused.push({ value: root, reason: 'not a root ARN' });
    else notes.push(`the root user of account ${account} acted: no policy can contain root; reset its password, delete its access keys, enforce MFA (console)`);
  }
  const revokeBefore = ID_PATTERNS.isoTime.test(input.revokeBefore) ? input.revokeBefore : null;
  if (revokeBefore === null) refused.push({ value: input.revokeBefore, reason: 'not an ISO 8601 UTC time' });
  if (principals.length > 0) {
    policies.push({ name: DENY_ALL_POLICY_NAME, purpose: 'Inline policy that denies every action to the compromised users and roles', document: denyAllPolicy() });
    if (revokeBefore !== null && principals.some((arn) => arn.includes(':role/'))) {
      policies.push({
        name: REVOKE_SESSIONS_POLICY_NAME,
        purpose: `Denies every action to role sessions issued before ${revokeBefore}`,
        document: revokeSessionsPolicy(revokeBefore),
      });
    }
  }
  for (const arn of principals) {
    const [kind, ...path] = (arn.split(':')[5] ?? '').split('/');
    const name = path[path.length - 1] ?? '';
    if (kind === 'user') {
      commands.push({
        step: 'identity',
        description: `Deny everything to user ${name}`,
        argv: ['aws', 'iam', 'put-user-policy', '--user-name', name, '--policy-name', DENY_ALL_POLICY_NAME, '--policy-document', json(denyAllPolicy())],
      });
    } else {
      commands.push({
        step: 'identity',
        description: `Deny everything to role ${name}`,
        argv: ['aws', 'iam', 'put-role-policy', '--role-name', name, '--policy-name', DENY_ALL_POLICY_NAME, '--policy-document', json(denyAllPolicy())],
      });
      if (revokeBefore !== null) {
        commands.push({
          step: 'identity',
          description: `Revoke sessions of role ${name} issued before ${revokeBefore}`,
          argv: ['aws', 'iam', 'put-role-policy', '--role-name', name, '--policy-name', REVOKE_SESSIONS_POLICY_NAME, '--policy-document', json(revokeSessionsPolicy(revokeBefore))],
        });
      }
    }
  }

  const seenKeys = new Set<string>();
  for (const key of [...input.accessKeys].sort((a, b) => (a.accessKeyId < b.accessKeyId ? -1 : a.accessKeyId > b.accessKeyId ? 1 : 0))) {
    if (seenKeys.has(key.accessKeyId)) continue;
    seenKeys.add(key.accessKeyId);
    if (ID_PATTERNS.temporaryKeyId.test(key.accessKeyId)) {
      notes.push(`${key.accessKeyId} is a temporary (STS) key: it cannot be deactivated; revoke the sessions of the role that issued it`);
      continue;
    }
    if (!ID_PATTERNS.accessKeyId.test(key.accessKeyId)) {
      refused.push({ value: key.accessKeyId, reason: 'not a valid long-term access key id (AKIA…)' });
      continue;
    }
    const argv: CommandArg[] = ['aws', 'iam', 'update-access-key', '--access-key-id', key.accessKeyId, '--status', 'Inactive'];
    if (key.userName !== null) {
      if (!ID_PATTERNS.userName.test(key.userName)) {
        refused.push({ value: key.userName, reason: 'not a valid IAM user name' });
        continue;
      }
      argv.push('--user-name', key.userName);
    } else notes.push(`${key.accessKeyId}: no IAM user known (root or unknown owner): run as that account's root or delete the key in the console`);
    commands.push({ step: 'identity', description: `Deactivate access key ${key.accessKeyId}`, argv });
  }

  const enis = accept(input.enis, ID_PATTERNS.eni, 'network interface id');
  const vpcs = accept(input.vpcs, ID_PATTERNS.vpc, 'VPC id');
  const groups = accept(input.securityGroups, ID_PATTERNS.securityGroup, 'security group id');
  if (groups.length > 0) {
    commands.push({
      step: 'network',
      description: 'Record the current rules of the affected security groups before changing anything',
      argv: ['aws', 'ec2', 'describe-security-groups', '--group-ids', ...groups, '--output', 'json'],
    });
  }
  const cidr = input.managementCidr === null ? null : ID_PATTERNS.cidr.test(input.managementCidr) ? input.managementCidr : null;
  if (input.managementCidr !== null && cidr === null) refused.push({ value: input.managementCidr, reason: 'not an IPv4 CIDR' });
  const port = Number.isInteger(input.managementPort) && input.managementPort > 0 && input.managementPort < 65536 ? input.managementPort : 22;
  if (enis.length > 0) {
    let vpc: CommandArg;
    if (vpcs.length === 1 && vpcs[0] !== undefined) vpc = vpcs[0];
    else {
      if (vpcs.length > 1) notes.push(`several VPCs (${vpcs.join(', ')}): the quarantine group is created in the first interface's VPC; repeat per VPC`);
      commands.push({
        step: 'network',
        description: `Find the VPC of ${enis[0]}`,
        argv: ['aws', 'ec2', 'describe-network-interfaces', '--network-interface-ids', enis[0] as string, '--query', 'NetworkInterfaces[0].VpcId', '--output', 'text'],
        assign: 'VPC_ID',
      });
      vpc = { shellVar: 'VPC_ID' };
    }
    commands.push(
      {
        step: 'network',
        description: 'Create the quarantine security group',
        argv: ['aws', 'ec2', 'create-security-group', '--group-name', 'cairn-quarantine', '--description', 'Cairn containment: quarantine (no egress)', '--vpc-id', vpc, '--query', 'GroupId', '--output', 'text'],
        assign: 'SG_ID',
      },
      {
        step: 'network',
        description: 'Remove the default allow-all egress rule',
        argv: ['aws', 'ec2', 'revoke-security-group-egress', '--group-id', { shellVar: 'SG_ID' }, '--ip-permissions', '[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]'],
      },
    );
    if (cidr !== null) {
      commands.push({
        step: 'network',
        description: `Allow only ${cidr} to the management port ${port}`,
        argv: ['aws', 'ec2', 'authorize-security-group-ingress', '--group-id', { shellVar: 'SG_ID' }, '--protocol', 'tcp', '--port', String(port), '--cidr', cidr],
      });
    } else notes.push('no --management-cidr: the quarantine group allows no ingress at all');
    for (const eni of enis) {
      commands.push({
        step: 'network',
        description: `Swap ${eni} onto the quarantine group only`,
        argv: ['aws', 'ec2', 'modify-network-interface-attribute', '--network-interface-id', eni, '--groups', { shellVar: 'SG_ID' }],
      });
    }
    notes.push('security groups do not cut tracked connections already open: the deny-all network ACL below does');
    commands.push(
      {
        step: 'network',
        description: 'Create a deny-all network ACL (associate it with the affected subnets after review)',
        argv: ['aws', 'ec2', 'create-network-acl', '--vpc-id', vpc, '--query', 'NetworkAcl.NetworkAclId', '--output', 'text'],
        assign: 'NACL_ID',
      },
      {
        step: 'network',
        description: 'Deny all inbound traffic',
        argv: ['aws', 'ec2', 'create-network-acl-entry', '--network-acl-id', { shellVar: 'NACL_ID' }, '--ingress', '--rule-number', '1', '--protocol', '-1', '--cidr-block', '0.0.0.0/0', '--rule-action', 'deny'],
      },
      {
        step: 'network',
        description: 'Deny all outbound traffic',
        argv: ['aws', 'ec2', 'create-network-acl-entry', '--network-acl-id', { shellVar: 'NACL_ID' }, '--egress', '--rule-number', '1', '--protocol', '-1', '--cidr-block', '0.0.0.0/0', '--rule-action', 'deny'],
      },
    );
  }

  const buckets = accept(input.buckets, ID_PATTERNS.bucket, 'S3 bucket name');
  const breakGlass = input.breakGlassRole === null ? null : ID_PATTERNS.iamPrincipalArn.test(input.breakGlassRole) && input.breakGlassRole.includes(':role/') ? input.breakGlassRole : null;
  if (input.breakGlassRole !== null && breakGlass === null) refused.push({ value: input.breakGlassRole, reason: 'not a valid IAM role ARN' });
  if (buckets.length > 0 && breakGlass === null) {
    notes.push(`touched buckets (${buckets.join(', ')}): give --break-glass-role ARN to generate their lock-down policies (a deny-all without one locks everyone out)`);
  }
  if (breakGlass !== null) {
    for (const bucket of buckets) {
      const document = bucketLockdownPolicy(bucket, breakGlass);
      policies.push({ name: `bucket-policy-${bucket}`, purpose: `Bucket ${bucket}: deny everyone but ${breakGlass}`, document });
      commands.push({
        step: 'data',
        description: `Lock down bucket ${bucket} (replaces its bucket policy: save the current one first)`,
        argv: ['aws', 's3api', 'put-bucket-policy', '--bucket', bucket, '--policy', json(document)],
      });
    }
  }

  const keys = accept(input.kmsKeys, ID_PATTERNS.kmsKey, 'KMS key id or ARN');
  if (keys.length > 0 && principals.length > 0) {
    policies.push({
      name: 'kms-deny-decrypt-statement',
      purpose: 'Statement to merge into each affected key policy (put-key-policy replaces the whole policy)',
      document: { Version: '2012-10-17', Statement: [kmsDenyDecryptStatement(principals)] },
    });
    for (const key of keys) {
      commands.push({
        step: 'data',
        description: `Save the key policy of ${key} (merge the deny statement, then aws kms put-key-policy)`,
        argv: ['aws', 'kms', 'get-key-policy', '--key-id', key, '--policy-name', 'default', '--output', 'text'],
      });
    }
  }

  const volumes = accept(input.volumes, ID_PATTERNS.volume, 'EBS volume id');
  const instances = accept(input.instances, ID_PATTERNS.instance, 'EC2 instance id');
  for (const volume of volumes) {
    commands.push({
      step: 'forensics',
      description: `Snapshot ${volume} for forensics`,
      argv: ['aws', 'ec2', 'create-snapshot', '--volume-id', volume, '--description', 'Cairn containment: forensic copy'],
    });
  }
  if (instances.length > 0 && volumes.length === 0) {
    commands.push({
      step: 'forensics',
      description: 'List the EBS volumes of the affected instances, then snapshot each (aws ec2 create-snapshot --volume-id …)',
      argv: ['aws', 'ec2', 'describe-instances', '--instance-ids', ...instances, '--query', 'Reservations[].Instances[].BlockDeviceMappings[].Ebs.VolumeId', '--output', 'text'],
    });
  }
  return { policies, commands, refused, notes };
}

/** One shell word, single-quoted unless it is plainly safe. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function shellArg(arg: CommandArg): string {
  return typeof arg === 'string' ? shellQuote(arg) : `"$${arg.shellVar}"`;
}

/** A command as one shell line. */
export function shellLine(command: ContainmentCommand): string {
  const line = command.argv.map(shellArg).join(' ');
  return command.assign ? `${command.assign}=$(${line})` : line;
}

/** The plan as a reviewable bash script (never run by Cairn). */
export function containmentScript(plan: ContainmentPlan, header: { caseId: string; generatedAt: string }): string {
  const comment = (text: string) => `# ${text.replace(/[\r\n]+/g, ' ')}`;
  const lines = [
    '#!/usr/bin/env bash',
    comment(`Containment commands generated by Cairn for case ${header.caseId} at ${header.generatedAt}.`),
    comment('GENERATED FOR REVIEW. Cairn never runs these commands. Read every line, check the ids against'),
    comment('the live account, and run the steps you decide on, one by one, with the right credentials.'),
    'set -euo pipefail',
    '',
  ];
  for (const note of plan.notes) lines.push(comment(`note: ${note}`));
  for (const item of plan.refused) lines.push(comment(`refused: ${JSON.stringify(item.value)} (${item.reason})`));
  if (plan.commands.length === 0) lines.push(comment('nothing to contain: no compromised principals, keys or resources were identified'));
  let step = '';
  for (const command of plan.commands) {
    if (command.step !== step) {
      step = command.step;
      lines.push('', comment(`--- ${step} ---`));
    }
    lines.push(comment(command.description), shellLine(command));
  }
  return `${lines.join('\n')}\n`;
}
