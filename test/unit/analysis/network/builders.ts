import type { Eni, Nacl, NaclEntry, NetworkSnapshot, SecurityGroup, SgPermission } from '../../../../main/analysis/network/model.js';
import { mergeNetworkSnapshots, emptySnapshotPart } from '../../../../main/analysis/network/model.js';

/** A NACL entry with defaults: allow all traffic from/to anywhere. */
export function entry(ruleNumber: number, egress: boolean, overrides: Partial<NaclEntry> = {}): NaclEntry {
  return { ruleNumber, egress, action: 'allow', protocol: -1, cidr: '0.0.0.0/0', portRange: null, icmp: null, ...overrides };
}

/** A NACL with the default deny entries AWS lists last. */
export function nacl(id: string, subnetIds: string[], entries: NaclEntry[]): Nacl {
  return {
    id, vpcId: 'vpc-1', isDefault: false, subnetIds,
    entries: [...entries, entry(32767, true, { action: 'deny' }), entry(32767, false, { action: 'deny' })],
  };
}

/** A permission with defaults: tcp, no sources. */
export function permission(overrides: Partial<SgPermission>): SgPermission {
  return { protocol: 6, fromPort: null, toPort: null, cidrs: [], groupIds: [], prefixListIds: [], ...overrides };
}

/** A security group allowing all egress unless told otherwise. */
export function group(id: string, ingress: SgPermission[], egress: SgPermission[] = [permission({ protocol: -1, cidrs: ['0.0.0.0/0', '::/0'] })]): SecurityGroup {
  return { id, name: id, vpcId: 'vpc-1', ingress, egress };
}

/** An ENI in a subnet with groups. */
export function eni(id: string, subnetId: string, ips: string[], groupIds: string[]): Eni {
  return { id, subnetId, vpcId: 'vpc-1', instanceId: null, privateIps: ips, publicIps: [], groupIds };
}

/** A snapshot of the given resources. */
export function snapshotOf(resources: { nacls?: Nacl[]; groups?: SecurityGroup[]; enis?: Eni[] }): NetworkSnapshot {
  return mergeNetworkSnapshots([{ ...emptySnapshotPart(), nacls: resources.nacls ?? [], securityGroups: resources.groups ?? [], enis: resources.enis ?? [] }]);
}
