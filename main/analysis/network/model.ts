// The network snapshot: the parts of a VPC's configuration that decide whether a packet passes.
// Field names are ours (camelCase, normalized); the parsers map AWS CLI, AWS Config and Panther
// shapes onto them. Protocols are IANA numbers, -1 meaning "all".

/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** One NACL entry. `cidr` is an IPv4 or IPv6 CIDR; `icmp` type/code -1 means any. */
export interface NaclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action: 'allow' | 'deny';
  readonly protocol: number;
  readonly cidr: string;
  readonly portRange: PortRange | null;
  readonly icmp: { readonly type: number; readonly code: number } | null;
}

/** A network ACL and the subnets associated with it. */
export interface Nacl {
  readonly id: string;
  readonly vpcId: string | null;
  readonly isDefault: boolean;
  readonly subnetIds: readonly string[];
  readonly entries: readonly NaclEntry[];
}

/** One security-group permission (an IpPermissions item). For ICMP, fromPort is the type and toPort the code (-1 any). */
export interface SgPermission {
  readonly protocol: number;
  readonly fromPort: number | null;
  readonly toPort: number | null;
  /** IPv4 and IPv6 CIDRs. */
  readonly cidrs: readonly string[];
  /** Referenced security groups (UserIdGroupPairs). */
  readonly groupIds: readonly string[];
  readonly prefixListIds: readonly string[];
}

/** A security group. */
export interface SecurityGroup {
  readonly id: string;
  readonly name: string | null;
  readonly vpcId: string | null;
  readonly ingress: readonly SgPermission[];
  readonly egress: readonly SgPermission[];
}

/** A network interface with its addresses and groups. */
export interface Eni {
  readonly id: string;
  readonly subnetId: string | null;
  readonly vpcId: string | null;
  readonly instanceId: string | null;
  /** Private IPv4 and IPv6 addresses. */
  readonly privateIps: readonly string[];
  readonly publicIps: readonly string[];
  readonly groupIds: readonly string[];
}

/** An EC2 instance. */
export interface Instance {
  readonly id: string;
  readonly subnetId: string | null;
  readonly vpcId: string | null;
  readonly privateIps: readonly string[];
  readonly publicIps: readonly string[];
  readonly groupIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly name: string | null;
}

/** A subnet with its IPv4 and IPv6 CIDRs. */
export interface Subnet {
  readonly id: string;
  readonly vpcId: string | null;
  readonly cidrs: readonly string[];
  readonly availabilityZone: string | null;
}

/** A route. `target` is the gateway / NAT / peering / ENI id, "local" for the VPC route. */
export interface Route {
  readonly destination: string;
  readonly target: string | null;
  readonly state: string | null;
}

/** A route table. `main` when it is the VPC's main table (for subnets without an explicit association). */
export interface RouteTable {
  readonly id: string;
  readonly vpcId: string | null;
  readonly main: boolean;
  readonly subnetIds: readonly string[];
  readonly routes: readonly Route[];
}

/** A VPC peering connection. */
export interface Peering {
  readonly id: string;
  readonly status: string | null;
  readonly requesterVpcId: string | null;
  readonly accepterVpcId: string | null;
  readonly requesterCidrs: readonly string[];
  readonly accepterCidrs: readonly string[];
}

/** A VPC with its CIDRs. */
export interface Vpc {
  readonly id: string;
  readonly cidrs: readonly string[];
}

/** A managed prefix list with its entries when known. */
export interface PrefixList {
  readonly id: string;
  readonly name: string | null;
  readonly cidrs: readonly string[];
}

/** What one parsed document contributes; `notes` says what was skipped and why. */
export interface NetworkSnapshotPart {
  readonly securityGroups: readonly SecurityGroup[];
  readonly nacls: readonly Nacl[];
  readonly enis: readonly Eni[];
  readonly instances: readonly Instance[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly peerings: readonly Peering[];
  readonly vpcs: readonly Vpc[];
  readonly prefixLists: readonly PrefixList[];
  readonly notes: readonly string[];
}

/** The merged network configuration, by resource id. */
export interface NetworkSnapshot {
  readonly securityGroups: Map<string, SecurityGroup>;
  readonly nacls: Map<string, Nacl>;
  readonly enis: Map<string, Eni>;
  readonly instances: Map<string, Instance>;
  readonly subnets: Map<string, Subnet>;
  readonly routeTables: Map<string, RouteTable>;
  readonly peerings: Map<string, Peering>;
  readonly vpcs: Map<string, Vpc>;
  readonly prefixLists: Map<string, PrefixList>;
}

/** A part with nothing in it. */
export function emptySnapshotPart(notes: readonly string[] = []): NetworkSnapshotPart {
  return { securityGroups: [], nacls: [], enis: [], instances: [], subnets: [], routeTables: [], peerings: [], vpcs: [], prefixLists: [], notes };
}

/**
 * Merges parts into one snapshot. A later part replaces an earlier one's resource with the same id,
 * except that ENIs and prefix lists are combined field by field: describe-instances knows an ENI's
 * groups, describe-network-interfaces its public IPs, and get-managed-prefix-list-entries the
 * entries of a list that describe-managed-prefix-lists only names.
 */
export function mergeNetworkSnapshots(parts: Iterable<NetworkSnapshotPart>): NetworkSnapshot {
  const snapshot: NetworkSnapshot = {
    securityGroups: new Map(), nacls: new Map(), enis: new Map(), instances: new Map(), subnets: new Map(),
    routeTables: new Map(), peerings: new Map(), vpcs: new Map(), prefixLists: new Map(),
  };
  for (const part of parts) {
    for (const item of part.securityGroups) snapshot.securityGroups.set(item.id, item);
    for (const item of part.nacls) snapshot.nacls.set(item.id, item);
    for (const item of part.instances) snapshot.instances.set(item.id, item);
    for (const item of part.subnets) snapshot.subnets.set(item.id, item);
    for (const item of part.routeTables) snapshot.routeTables.set(item.id, item);
    for (const item of part.peerings) snapshot.peerings.set(item.id, item);
    for (const item of part.vpcs) snapshot.vpcs.set(item.id, item);
    for (const item of part.enis) {
      const old = snapshot.enis.get(item.id);
      snapshot.enis.set(item.id, old === undefined ? item : {
        id: item.id,
        subnetId: item.subnetId ?? old.subnetId,
        vpcId: item.vpcId ?? old.vpcId,
        instanceId: item.instanceId ?? old.instanceId,
        privateIps: union(old.privateIps, item.privateIps),
        publicIps: union(old.publicIps, item.publicIps),
        groupIds: item.groupIds.length > 0 ? item.groupIds : old.groupIds,
      });
    }
    for (const item of part.prefixLists) {
      const old = snapshot.prefixLists.get(item.id);
      snapshot.prefixLists.set(item.id, old === undefined ? item : { id: item.id, name: item.name ?? old.name, cidrs: union(old.cidrs, item.cidrs) });
    }
  }
  return snapshot;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
