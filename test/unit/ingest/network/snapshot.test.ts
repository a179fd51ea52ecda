import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_DIR } from '../test-helpers.js';
import { mergeNetworkSnapshots, type NetworkSnapshotPart } from '../../../../main/analysis/network/model.js';
import { parseNetworkSnapshot, parseNetworkSnapshotText } from '../../../../main/ingest/sources/network/snapshot.js';

function part(relativePath: string): NetworkSnapshotPart {
  const result = parseNetworkSnapshotText(readFileSync(path.join(EVIDENCE_DIR, relativePath), 'utf8'));
  if ('error' in result) throw new Error(result.error);
  return result;
}

const DEMO = 'duo-labs-cloudmapper/account-data/demo/us-east-1';
const RDK = 'aws-config-rdk/example_ci';

describe('cloudmapper demo describe-* output', () => {
  it('reads 8 security groups with 9 inbound permissions and 7 group references', () => {
    // jq '.SecurityGroups|length' → 8; jq '[.SecurityGroups[].IpPermissions|length]|add' → 9
    // jq -c '[.SecurityGroups[]|.IpPermissions[]|.UserIdGroupPairs[].GroupId]' → 7 ids
    const { securityGroups, notes } = part(`${DEMO}/ec2-describe-security-groups.json`);
    expect(notes).toEqual([]);
    expect(securityGroups).toHaveLength(8);
    expect(securityGroups.reduce((n, g) => n + g.ingress.length, 0)).toBe(9);
    expect(securityGroups.flatMap((g) => g.ingress.flatMap((p) => p.groupIds))).toHaveLength(7);
    const publicGroup = securityGroups.find((g) => g.id === 'sg-00000008');
    expect(publicGroup).toMatchObject({ name: 'Public', vpcId: 'vpc-12345678' });
    expect(publicGroup!.ingress).toEqual([
      { protocol: 6, fromPort: 22, toPort: 22, cidrs: [], groupIds: ['sg-00000002'], prefixListIds: [] },
      { protocol: 6, fromPort: 443, toPort: 443, cidrs: ['0.0.0.0/0'], groupIds: [], prefixListIds: [] },
    ]);
    expect(publicGroup!.egress).toEqual([{ protocol: -1, fromPort: null, toPort: null, cidrs: ['0.0.0.0/0'], groupIds: [], prefixListIds: [] }]);
  });

  it('reads instances with their ENIs, subnets, the VPC, the ENI listing and an empty peering list', () => {
    // jq '[.Reservations[].Instances[]]|length' → 3; all three list eni-00000000 (demo data reuses the id)
    const instances = part(`${DEMO}/ec2-describe-instances.json`);
    expect(instances.instances.map((i) => [i.id, i.subnetId, i.groupIds, i.privateIps[0]])).toEqual([
      ['i-00000000000000000', 'subnet-00000001', ['sg-00000002'], '10.0.0.1'],
      ['i-00000000000000001', 'subnet-00000003', ['sg-00000004'], '10.0.2.1'],
      ['i-00000000000000002', 'subnet-00000004', ['sg-00000004'], '10.0.3.1'],
    ]);
    expect(instances.enis).toHaveLength(3);
    expect(instances.enis[0]).toMatchObject({ id: 'eni-00000000', instanceId: 'i-00000000000000000', subnetId: 'subnet-00000001' });
    // jq -c '[.Subnets[]|{SubnetId,CidrBlock}]' → 4 subnets 10.0.0-3.0/24
    expect(part(`${DEMO}/ec2-describe-subnets.json`).subnets.map((s) => s.cidrs[0])).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
    expect(part(`${DEMO}/ec2-describe-vpcs.json`).vpcs).toEqual([{ id: 'vpc-12345678', cidrs: ['10.0.0.0/16'] }]);
    const enis = part(`${DEMO}/ec2-describe-network-interfaces.json`).enis;
    expect(enis).toHaveLength(1);
    expect(enis[0]).toMatchObject({ id: 'eni-00000001', subnetId: 'subnet-00000001', privateIps: ['172.31.48.168'], publicIps: ['3.80.3.41'], groupIds: ['sg-00000008'] });
    const peerings = part(`${DEMO}/ec2-describe-vpc-peering-connections.json`);
    expect(peerings.peerings).toEqual([]);
    expect(peerings.notes).toEqual([]);
  });

  it('merges the parts into one snapshot', () => {
    const files = ['security-groups', 'instances', 'subnets', 'vpcs', 'network-interfaces'].map((name) => part(`${DEMO}/ec2-describe-${name}.json`));
    const snapshot = mergeNetworkSnapshots(files);
    expect(snapshot.securityGroups.size).toBe(8);
    expect(snapshot.instances.size).toBe(3);
    // eni-00000000 (×3, merged: addresses unioned) + eni-00000001
    expect(snapshot.enis.size).toBe(2);
    expect(snapshot.enis.get('eni-00000000')!.privateIps).toEqual(expect.arrayContaining(['10.0.0.1', '10.0.2.1', '10.0.3.1']));
  });
});

describe('aws-cli documentation examples', () => {
  it('describe-network-acls: 2 NACLs, 4 and 8 entries, IPv6 default rule 32768', () => {
    // jq -c '[.NetworkAcls[].Entries|length]' → [4,8]
    const { nacls } = part('aws-cli-examples/ec2__describe-network-acls__example1.json');
    expect(nacls.map((n) => [n.id, n.entries.length, n.subnetIds, n.isDefault])).toEqual([
      ['acl-0ea1f54ca7EXAMPLE', 4, ['subnet-0931fc2fa5EXAMPLE'], true],
      ['acl-0e2a78e4e2EXAMPLE', 8, [], true], // jq '.NetworkAcls[].IsDefault' → true, true
    ]);
    expect(nacls[1]!.entries.find((e) => e.ruleNumber === 32768)).toEqual({ ruleNumber: 32768, egress: true, action: 'deny', protocol: -1, cidr: '::/0', portRange: null, icmp: null });
  });

  it('describe-route-tables: 3 tables, 2 main, the blackhole NAT route', () => {
    // jq -c '[.RouteTables[]|{RouteTableId, n:(.Routes|length), m:[.Associations[].Main]}]' → 3 tables × 2 routes, mains true,true,false
    const { routeTables } = part('aws-cli-examples/ec2__describe-route-tables__example1.json');
    expect(routeTables.map((t) => [t.id, t.routes.length, t.main, t.subnetIds])).toEqual([
      ['rtb-09ba434c1bEXAMPLE', 2, true, []],
      ['rtb-a1eec7de', 2, true, []],
      ['rtb-07a98f76e5EXAMPLE', 2, false, ['subnet-0d3d002af8EXAMPLE']],
    ]);
    expect(routeTables[0]!.routes[1]).toEqual({ destination: '0.0.0.0/0', target: 'nat-06c018cbd8EXAMPLE', state: 'blackhole' });
  });

  it('describe-instances: one instance and its ENI', () => {
    const { instances, enis } = part('aws-cli-examples/ec2__describe-instances__example1.json');
    expect(instances.map((i) => [i.id, i.eniIds])).toEqual([['i-1234567890abcdef0', ['eni-1234567890abcdefg']]]);
    expect(enis[0]!.instanceId).toBe('i-1234567890abcdef0');
  });
});

describe('AWS Config configuration items (aws-config-rdk example_ci, camelCase)', () => {
  it('reads each network resource type', () => {
    const sg = part(`${RDK}/AWS_EC2_SecurityGroup.json`).securityGroups;
    // Config writes ipRanges as plain strings: ["0.0.0.0/0"]
    expect(sg).toEqual([{
      id: 'sg-1d56fc66', name: 'launch-wizard-7', vpcId: 'vpc-0990dc6d',
      ingress: [{ protocol: 6, fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], groupIds: [], prefixListIds: [] }],
      egress: [{ protocol: -1, fromPort: null, toPort: null, cidrs: ['0.0.0.0/0'], groupIds: [], prefixListIds: [] }],
    }]);
    // jq '.configuration.associations|length' AWS_EC2_NetworkAcl.json → 4; entries → 4
    const nacl = part(`${RDK}/AWS_EC2_NetworkAcl.json`).nacls[0]!;
    expect([nacl.id, nacl.subnetIds.length, nacl.entries.length, nacl.isDefault]).toEqual(['acl-b48fd1d0', 4, 4, true]);
    const instance = part(`${RDK}/AWS_EC2_Instance.json`);
    expect(instance.instances[0]!.id).toBe('i-03402838daac1d611');
    expect(instance.enis[0]).toMatchObject({ id: 'eni-d055cfc4', groupIds: ['sg-fd215482'], subnetId: 'subnet-1aaccc7f', privateIps: expect.arrayContaining(['172.31.74.239']) });
    expect(part(`${RDK}/AWS_EC2_Subnet.json`).subnets).toEqual([{ id: 'subnet-29428871', vpcId: 'vpc-0990dc6d', cidrs: ['172.31.16.0/20'], availabilityZone: 'us-east-1a' }]);
    const rtb = part(`${RDK}/AWS_EC2_RouteTable.json`).routeTables[0]!;
    expect([rtb.id, rtb.main, rtb.routes.map((r) => r.target)]).toEqual(['rtb-50b9b034', true, ['local', 'igw-a5f227c1']]);
    expect(part(`${RDK}/AWS_EC2_VPCPeeringConnection.json`).peerings).toEqual([{
      id: 'pcx-test', status: 'active', requesterVpcId: 'vpc-0916508f3632dad66', accepterVpcId: 'vpc-04beaa07c4832fa62',
      requesterCidrs: ['10.0.1.0/28'], accepterCidrs: ['10.0.0.0/28'],
    }]);
    expect(part(`${RDK}/AWS_EC2_VPC.json`).vpcs[0]!.id).toBe('vpc-0990dc6d');
  });

  it('refuses the invalid-JSON NetworkInterface item with a clear error', () => {
    // jq . AWS_EC2_NetworkInterface.json → "parse error: Unfinished JSON term"
    const result = parseNetworkSnapshotText(readFileSync(path.join(EVIDENCE_DIR, RDK, 'AWS_EC2_NetworkInterface.json'), 'utf8'));
    expect(result).toMatchObject({ error: expect.stringMatching(/^not valid JSON: /) });
  });

  it('skips a non-network item with a note, and reads arrays / ConfigSnapshot envelopes', () => {
    const bucket = part(`${RDK}/AWS_S3_Bucket.json`);
    expect(bucket.notes.join()).toMatch(/not a network resource/);
    const sg = JSON.parse(readFileSync(path.join(EVIDENCE_DIR, RDK, 'AWS_EC2_SecurityGroup.json'), 'utf8')) as unknown;
    const subnet = JSON.parse(readFileSync(path.join(EVIDENCE_DIR, RDK, 'AWS_EC2_Subnet.json'), 'utf8')) as unknown;
    expect(parseNetworkSnapshot([sg, subnet]).securityGroups).toHaveLength(1);
    const envelope = parseNetworkSnapshot({ fileVersion: '1.0', configSnapshotId: 'x', configurationItems: [sg, subnet] });
    expect([envelope.securityGroups.length, envelope.subnets.length]).toEqual([1, 1]);
  });
});

describe('Panther resource snapshots (policy_tests_resources)', () => {
  function lines(file: string): unknown[] {
    return readFileSync(path.join(EVIDENCE_DIR, 'panther-analysis/policy_tests_resources', file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  }

  it('reads the NACL and security-group resources', () => {
    // jq -c '.resource | {GroupId, NetworkAclId}' → 13 of 14 NACL lines have a NetworkAclId, all 28 SG lines a GroupId
    const nacls = lines('AWS_EC2_NetworkACL.jsonl').map((doc) => parseNetworkSnapshot(doc));
    expect(nacls.filter((p) => p.nacls.length === 1)).toHaveLength(13);
    // jq -c '[.resource.Entries|length]' → first line has 2 entries (one with PortRange 22-22)
    expect(nacls[0]!.nacls[0]!.entries[0]).toMatchObject({ ruleNumber: 99, cidr: '8.8.8.8/32', portRange: { from: 22, to: 22 }, icmp: null });
    const groups = lines('AWS_EC2_SecurityGroup.jsonl').map((doc) => parseNetworkSnapshot(doc));
    expect(groups.filter((p) => p.securityGroups.length === 1)).toHaveLength(28);
    expect(groups[0]!.securityGroups[0]!.ingress[0]!.groupIds).toEqual(['sg-def123']);
  });
});

describe('unrecognized documents', () => {
  it('says so in notes', () => {
    expect(parseNetworkSnapshot({ Records: [] }).notes).toEqual(['not a recognized network document (describe-* output, AWS Config item, Panther resource)']);
    expect(parseNetworkSnapshot('x').notes).toEqual(['the document is not a JSON object or array']);
  });

  it('reads prefix lists and their entries', () => {
    const lists = parseNetworkSnapshot({ PrefixLists: [{ PrefixListId: 'pl-1', PrefixListName: 'com.amazonaws.us-east-1.s3', Cidrs: ['52.216.0.0/15'] }] });
    const entries = parseNetworkSnapshot({ Entries: [{ Cidr: '192.0.2.0/24' }] }, { prefixListId: 'pl-2' });
    const merged = mergeNetworkSnapshots([lists, entries, parseNetworkSnapshot({ PrefixLists: [{ PrefixListId: 'pl-2', PrefixListName: 'office' }] })]);
    expect(merged.prefixLists.get('pl-1')!.cidrs).toEqual(['52.216.0.0/15']);
    expect(merged.prefixLists.get('pl-2')).toEqual({ id: 'pl-2', name: 'office', cidrs: ['192.0.2.0/24'] });
  });
});
