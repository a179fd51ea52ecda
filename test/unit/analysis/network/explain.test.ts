import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_DIR } from '../../ingest/test-helpers.js';
import { explainFlow } from '../../../../main/analysis/network/explain.js';
import { mergeNetworkSnapshots, type NetworkSnapshotPart } from '../../../../main/analysis/network/model.js';
import { parseNetworkSnapshotText } from '../../../../main/ingest/sources/network/snapshot.js';
import { eni, entry, group, nacl, permission, snapshotOf } from './builders.js';

// web (10.0.1.10) in subnet-pub whose NACL only lets tcp 0-1023 out; db (10.0.2.20) in subnet-db.
const snapshot = snapshotOf({
  nacls: [
    nacl('acl-pub', ['subnet-pub'], [entry(100, false, { protocol: 6, portRange: { from: 443, to: 443 } }), entry(100, true, { protocol: 6, portRange: { from: 0, to: 1023 } })]),
    nacl('acl-db', ['subnet-db'], [entry(100, false), entry(100, true)]),
  ],
  groups: [
    group('sg-web', [permission({ fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'] })]),
    group('sg-db', [permission({ fromPort: 5432, toPort: 5432, groupIds: ['sg-web'] })]),
  ],
  enis: [eni('eni-web', 'subnet-pub', ['10.0.1.10'], ['sg-web']), eni('eni-db', 'subnet-db', ['10.0.2.20'], ['sg-db'])],
});

describe('explainFlow', () => {
  it('allows an inbound request that NACL rule 100 and sg-web allow', () => {
    const result = explainFlow(snapshot, { src: '192.0.2.50', dst: '10.0.1.10', srcPort: 50000, dstPort: 443, protocol: 6 });
    expect(result.allowed).toBe(true);
    expect(result.egress.layer).toBe('unknown');
    expect(result.ingress).toMatchObject({ allowed: true, layer: 'none', naclId: 'acl-pub', ruleNumber: 100, direction: 'ingress', groupIds: ['sg-web'] });
  });

  it('names the NACL egress default rule that drops the reply (SGs are stateful)', () => {
    const result = explainFlow(snapshot, { eni: 'eni-web', src: '10.0.1.10', dst: '192.0.2.50', srcPort: 443, dstPort: 50000, protocol: 6, reply: true });
    expect(result.allowed).toBe(false);
    expect(result.egress).toMatchObject({ allowed: false, layer: 'nacl', naclId: 'acl-pub', ruleNumber: 32767, direction: 'egress' });
    expect(result.text).toMatch(/NACL acl-pub rule \* \(32767\) \(egress\) denies/);
  });

  it('names the security groups when no rule allows the port', () => {
    const result = explainFlow(snapshot, { src: '192.0.2.200', dst: '10.0.1.10', dstPort: 3306, protocol: 6 });
    // NACL acl-pub has no ingress rule for 3306 either, and NACLs are checked first on the way in.
    expect(result.ingress).toMatchObject({ layer: 'nacl', ruleNumber: 32767 });
    const viaDb = explainFlow(snapshot, { src: '10.0.1.99', dst: '10.0.2.20', dstPort: 3306, protocol: 6 });
    expect(viaDb.ingress).toMatchObject({ allowed: false, layer: 'sg', groupIds: ['sg-db'], naclId: null });
    expect(viaDb.ingress.text).toBe('no security-group rule allows tcp/3306 from 10.0.1.99 (ingress) on sg-db');
  });

  it('uses the source ENI\'s groups for security-group references, at both ends', () => {
    const result = explainFlow(snapshot, { src: '10.0.1.10', dst: '10.0.2.20', srcPort: 40000, dstPort: 5432, protocol: 6 });
    // acl-pub lets only tcp 0-1023 out: 5432 leaves by the default rule; the db end would accept it.
    expect(result.egress).toMatchObject({ allowed: false, layer: 'nacl', naclId: 'acl-pub', ruleNumber: 32767 });
    expect(result.ingress).toMatchObject({ allowed: true, layer: 'none', naclId: 'acl-db' });
    expect(result.ingress.text).toMatch(/security group sg-db allows tcp\/5432 from sg-web/);
  });

  it('skips NACLs between ENIs of one subnet', () => {
    const same = snapshotOf({
      nacls: [nacl('acl-x', ['subnet-x'], [])],
      groups: [group('sg-a', [permission({ protocol: -1, cidrs: ['10.0.0.0/8'] })])],
      enis: [eni('eni-a', 'subnet-x', ['10.0.5.1'], ['sg-a']), eni('eni-b', 'subnet-x', ['10.0.5.2'], ['sg-a'])],
    });
    expect(explainFlow(same, { src: '10.0.5.1', dst: '10.0.5.2', dstPort: 8080, protocol: 6 }).allowed).toBe(true);
  });
});

describe('explainFlow over the cloudmapper demo snapshot', () => {
  const parts = ['security-groups', 'instances', 'subnets', 'network-interfaces'].map((name) => {
    const part = parseNetworkSnapshotText(readFileSync(path.join(EVIDENCE_DIR, 'duo-labs-cloudmapper/account-data/demo/us-east-1', `ec2-describe-${name}.json`), 'utf8'));
    return part as NetworkSnapshotPart;
  });
  const demo = mergeNetworkSnapshots(parts);

  it('eni-00000001 (sg-00000008 "Public") accepts 443 from anywhere and 22 only from sg-00000002 members', () => {
    // jq '.SecurityGroups[]|select(.GroupId=="sg-00000008")|.IpPermissions' → tcp/22 from sg-00000002, tcp/443 from 0.0.0.0/0
    expect(explainFlow(demo, { src: '198.51.100.1', dst: '172.31.48.168', dstPort: 443, protocol: 6 }).ingress).toMatchObject({ allowed: true, layer: 'none' });
    const ssh = explainFlow(demo, { src: '198.51.100.1', dst: '172.31.48.168', dstPort: 22, protocol: 6 });
    expect(ssh.ingress).toMatchObject({ allowed: false, layer: 'sg', groupIds: ['sg-00000008'] });
  });
});
