import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_DIR } from '../../ingest/test-helpers.js';
import { parseNetworkSnapshot, parseNetworkSnapshotText } from '../../../../main/ingest/sources/network/snapshot.js';
import { evaluateNacl } from '../../../../main/analysis/network/nacl.js';
import { evaluateSecurityGroups } from '../../../../main/analysis/network/security-groups.js';
import { cidrContains, isPrivateAddress } from '../../../../main/analysis/network/cidr.js';
import { entry, group, nacl, permission } from './builders.js';

describe('cidrContains', () => {
  it('handles IPv4, IPv6, bare addresses and keeps families apart', () => {
    expect(cidrContains('10.0.0.0/8', '10.255.1.2')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(cidrContains('2001:db8::/32', '2001:db8:1234::1')).toBe(true);
    expect(cidrContains('0.0.0.0/0', '2001:db8::1')).toBe(false);
    expect(cidrContains('::/0', '192.0.2.1')).toBe(false);
    expect(cidrContains('192.0.2.7', '192.0.2.7')).toBe(true);
    expect(cidrContains('not-a-cidr', '192.0.2.7')).toBe(false);
    expect(isPrivateAddress('172.31.77.31')).toBe(true);
    expect(isPrivateAddress('92.55.146.245')).toBe(false);
  });
});

describe('evaluateNacl', () => {
  const acl = nacl('acl-1', ['subnet-1'], [
    entry(200, false, { protocol: 6, portRange: { from: 22, to: 22 } }),
    entry(100, false, { protocol: 6, portRange: { from: 22, to: 22 }, cidr: '198.51.100.0/24', action: 'deny' }),
    entry(300, false, { protocol: 6, portRange: { from: 1024, to: 65535 } }),
    entry(100, true, { protocol: 6, portRange: { from: 0, to: 1023 } }),
    entry(110, false, { protocol: 1, icmp: { type: 8, code: -1 } }),
    entry(120, false, { protocol: 6, portRange: { from: 443, to: 443 }, cidr: '2001:db8::/32' }),
  ]);

  it('takes rules in ascending number, first match wins (order in the listing does not matter)', () => {
    const denied = evaluateNacl(acl, { direction: 'ingress', protocol: 6, port: 22, remoteIp: '198.51.100.9' });
    expect(denied.allowed).toBe(false);
    expect(denied.rule).toEqual({ naclId: 'acl-1', ruleNumber: 100, action: 'deny', cidr: '198.51.100.0/24', protocol: 6, portRange: { from: 22, to: 22 } });
    expect(denied.text).toBe('NACL acl-1 rule 100 (ingress) denies tcp/22 from 198.51.100.0/24');
    const allowed = evaluateNacl(acl, { direction: 'ingress', protocol: 6, port: 22, remoteIp: '203.0.113.5' });
    expect([allowed.allowed, allowed.rule.ruleNumber]).toEqual([true, 200]);
  });

  it('ends in the default deny', () => {
    const result = evaluateNacl(acl, { direction: 'ingress', protocol: 17, port: 53, remoteIp: '203.0.113.5' });
    expect(result.allowed).toBe(false);
    expect(result.rule.ruleNumber).toBe(32767);
    const empty = evaluateNacl({ ...acl, entries: [] }, { direction: 'egress', protocol: 6, port: 80, remoteIp: '2001:db8::1' });
    expect(empty.rule).toMatchObject({ ruleNumber: 32767, action: 'deny', cidr: '::/0' });
    expect(empty.text).toMatch(/no rule matched tcp\/80 to 2001:db8::1/);
  });

  it('is stateless: a reply to an allowed request is evaluated on its own and can be denied', () => {
    // request in on 22 allowed by rule 200; the reply leaves to the client's ephemeral port,
    // but egress only allows 0-1023
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 6, port: 22, remoteIp: '203.0.113.5' }).allowed).toBe(true);
    const reply = evaluateNacl(acl, { direction: 'egress', protocol: 6, port: 50123, remoteIp: '203.0.113.5' });
    expect(reply.allowed).toBe(false);
    expect(reply.rule.ruleNumber).toBe(32767);
    expect(reply.text).toMatch(/^NACL acl-1 rule \* \(32767\) \(egress\) denies all traffic to 0\.0\.0\.0\/0/);
  });

  it('matches ICMP type/code and IPv6 CIDRs', () => {
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 1, port: 0, remoteIp: '203.0.113.5', icmpType: 8, icmpCode: 0 }).rule.ruleNumber).toBe(110);
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 1, port: 0, remoteIp: '203.0.113.5', icmpType: 3, icmpCode: 4 }).allowed).toBe(false);
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 6, port: 443, remoteIp: '2001:db8::5' }).rule.ruleNumber).toBe(120);
    // The IPv4 rule 300 does not cover IPv6 traffic.
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 6, port: 8443, remoteIp: '2001:db8::5' }).allowed).toBe(false);
  });
});

describe('evaluateSecurityGroups', () => {
  const web = group('sg-web', [
    permission({ fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0', '::/0'] }),
    permission({ fromPort: 22, toPort: 22, groupIds: ['sg-bastion'] }),
    permission({ fromPort: 5432, toPort: 5432, prefixListIds: ['pl-office'] }),
    permission({ protocol: 1, fromPort: 8, toPort: -1, cidrs: ['10.0.0.0/8'] }),
  ], []);
  const db = group('sg-db', [permission({ fromPort: 3306, toPort: 3306, cidrs: ['10.0.1.0/24'] })], []);

  it('is the union of rules across groups', () => {
    const decision = evaluateSecurityGroups([web, db], { direction: 'ingress', protocol: 6, port: 3306, remoteIp: '10.0.1.7' });
    expect(decision).toMatchObject({ allowed: true, groupIds: ['sg-web', 'sg-db'], rule: { groupId: 'sg-db', source: '10.0.1.0/24', fromPort: 3306 } });
    expect(decision.text).toBe('security group sg-db allows tcp/3306 from 10.0.1.0/24 (ingress)');
  });

  it('allows nothing without a rule (allow-only), naming the port and the groups', () => {
    const decision = evaluateSecurityGroups([web, db], { direction: 'ingress', protocol: 6, port: 3306, remoteIp: '192.0.2.200' });
    expect(decision.allowed).toBe(false);
    expect(decision.text).toBe('no security-group rule allows tcp/3306 from 192.0.2.200 (ingress) on sg-web, sg-db');
    // no egress rules at all
    expect(evaluateSecurityGroups([web], { direction: 'egress', protocol: 6, port: 443, remoteIp: '192.0.2.1' }).allowed).toBe(false);
  });

  it('matches security-group references only when the remote ENI is in the group', () => {
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 6, port: 22, remoteIp: '10.0.9.9', remoteGroupIds: ['sg-bastion'] })).toMatchObject({ allowed: true, rule: { source: 'sg-bastion' } });
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 6, port: 22, remoteIp: '10.0.9.9', remoteGroupIds: ['sg-other'] }).allowed).toBe(false);
  });

  it('resolves prefix lists when their entries are known, and says when they are not', () => {
    const prefixLists = new Map([['pl-office', { id: 'pl-office', name: 'office', cidrs: ['198.51.100.0/24'] }]]);
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 6, port: 5432, remoteIp: '198.51.100.4', prefixLists }).rule?.source).toBe('pl-office');
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 6, port: 5432, remoteIp: '203.0.113.4', prefixLists }).allowed).toBe(false);
    const unknown = evaluateSecurityGroups([web], { direction: 'ingress', protocol: 6, port: 5432, remoteIp: '198.51.100.4' });
    expect(unknown).toMatchObject({ allowed: false, unresolvedPrefixLists: ['pl-office'] });
    expect(unknown.text).toMatch(/unless prefix list pl-office/);
  });

  it('handles IPv6 ranges and ICMP type (FromPort) with any code (ToPort -1)', () => {
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 6, port: 443, remoteIp: '2001:db8::77' }).rule?.source).toBe('::/0');
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 1, port: 0, remoteIp: '10.1.1.1', icmpType: 8, icmpCode: 0 }).allowed).toBe(true);
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 1, port: 0, remoteIp: '10.1.1.1', icmpType: 13, icmpCode: 0 }).allowed).toBe(false);
    expect(evaluateSecurityGroups([web], { direction: 'ingress', protocol: 58, port: 0, remoteIp: '2001:db8::1', icmpType: 128 }).allowed).toBe(false);
  });
});

describe('evaluateNacl on parsed evidence', () => {
  it('aws-cli describe-network-acls: IPv6 traffic takes rule 101, IPv4 rule 100 (jq -c .NetworkAcls[1].Entries[])', () => {
    const part = parseNetworkSnapshotText(readFileSync(path.join(EVIDENCE_DIR, 'aws-cli-examples/ec2__describe-network-acls__example1.json'), 'utf8'));
    if ('error' in part) throw new Error(part.error);
    const acl = part.nacls[1]!;
    expect(evaluateNacl(acl, { direction: 'egress', protocol: 6, port: 443, remoteIp: '2001:db8::1' }).rule).toMatchObject({ ruleNumber: 101, action: 'allow', cidr: '::/0' });
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 17, port: 53, remoteIp: '192.0.2.1' }).rule).toMatchObject({ ruleNumber: 100, action: 'allow' });
  });

  it('Panther NACL: a protocol -1 entry ignores its port range (AWS applies all ports)', () => {
    // first line: rule 99 ingress allow -1 from 8.8.8.8/32 with PortRange 22-22
    const line = readFileSync(path.join(EVIDENCE_DIR, 'panther-analysis/policy_tests_resources/AWS_EC2_NetworkACL.jsonl'), 'utf8').split('\n')[0]!;
    const acl = parseNetworkSnapshot(JSON.parse(line) as unknown).nacls[0]!;
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 6, port: 3389, remoteIp: '8.8.8.8' }).rule.ruleNumber).toBe(99);
    expect(evaluateNacl(acl, { direction: 'ingress', protocol: 6, port: 3389, remoteIp: '8.8.4.4' }).allowed).toBe(false);
  });
});
