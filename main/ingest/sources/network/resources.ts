import type { Eni, Instance, Nacl, NaclEntry, Peering, PrefixList, Route, RouteTable, SecurityGroup, SgPermission, Subnet, Vpc } from '../../../analysis/network/model.js';
import { protocolNumber } from '../vpcflow/protocol.js';
import { bool, child, get, int, nameTag, objects, str, strings, type Json } from './fields.js';

// One reader per resource type, over the describe-* item shape (PascalCase or camelCase).
// A reader returns null when the item lacks its id: that item is skipped with a note.

/** A security group from a describe-security-groups item or its Config `configuration`. */
export function readSecurityGroup(item: Json): SecurityGroup | null {
  const id = str(item, 'GroupId');
  if (id === null) return null;
  return {
    id,
    name: str(item, 'GroupName'),
    vpcId: str(item, 'VpcId'),
    ingress: objects(item, 'IpPermissions').map(readPermission),
    egress: objects(item, 'IpPermissionsEgress').map(readPermission),
  };
}

function readPermission(item: Json): SgPermission {
  const protocolText = str(item, 'IpProtocol') ?? '-1';
  return {
    protocol: protocolNumber(protocolText) ?? -1,
    fromPort: int(item, 'FromPort'),
    toPort: int(item, 'ToPort'),
    cidrs: [
      ...strings(item, 'IpRanges', ['CidrIp']),
      ...strings(item, 'Ipv4Ranges', ['CidrIp']),
      ...strings(item, 'Ipv6Ranges', ['CidrIpv6']),
    ].filter((cidr, index, all) => all.indexOf(cidr) === index),
    groupIds: strings(item, 'UserIdGroupPairs', ['GroupId']),
    prefixListIds: strings(item, 'PrefixListIds', ['PrefixListId']),
  };
}

/** A network ACL from a describe-network-acls item or its Config `configuration`. */
export function readNacl(item: Json): Nacl | null {
  const id = str(item, 'NetworkAclId');
  if (id === null) return null;
  const entries: NaclEntry[] = [];
  for (const entry of objects(item, 'Entries')) {
    const ruleNumber = int(entry, 'RuleNumber');
    const cidr = str(entry, 'CidrBlock') ?? str(entry, 'Ipv6CidrBlock');
    const protocol = protocolNumber(str(entry, 'Protocol') ?? '-1');
    const action = str(entry, 'RuleAction')?.toLowerCase();
    if (ruleNumber === null || cidr === null || protocol === null || (action !== 'allow' && action !== 'deny')) continue;
    const ports = child(entry, 'PortRange');
    const icmp = child(entry, 'IcmpTypeCode');
    const from = ports === null ? null : int(ports, 'From');
    const to = ports === null ? null : int(ports, 'To');
    entries.push({
      ruleNumber,
      egress: bool(entry, 'Egress'),
      action,
      protocol,
      cidr,
      portRange: from === null || to === null ? null : { from, to },
      icmp: icmp === null ? null : { type: int(icmp, 'Type') ?? -1, code: int(icmp, 'Code') ?? -1 },
    });
  }
  return {
    id,
    vpcId: str(item, 'VpcId'),
    isDefault: bool(item, 'IsDefault'),
    subnetIds: objects(item, 'Associations').map((a) => str(a, 'SubnetId')).filter((s): s is string => s !== null),
    entries,
  };
}

/** A network interface from describe-network-interfaces, or one listed inside an instance. */
export function readEni(item: Json, owner?: { instanceId: string; subnetId: string | null; vpcId: string | null }): Eni | null {
  const id = str(item, 'NetworkInterfaceId');
  if (id === null) return null;
  const privateIps = new Set<string>();
  const publicIps = new Set<string>();
  const primary = str(item, 'PrivateIpAddress');
  if (primary !== null) privateIps.add(primary);
  const association = child(item, 'Association');
  const publicIp = association === null ? null : str(association, 'PublicIp');
  if (publicIp !== null) publicIps.add(publicIp);
  for (const address of objects(item, 'PrivateIpAddresses')) {
    const ip = str(address, 'PrivateIpAddress');
    if (ip !== null) privateIps.add(ip);
    const inner = child(address, 'Association');
    const innerPublic = inner === null ? null : str(inner, 'PublicIp');
    if (innerPublic !== null) publicIps.add(innerPublic);
  }
  for (const ip of strings(item, 'Ipv6Addresses', ['Ipv6Address'])) privateIps.add(ip);
  const attachment = child(item, 'Attachment');
  return {
    id,
    subnetId: str(item, 'SubnetId') ?? owner?.subnetId ?? null,
    vpcId: str(item, 'VpcId') ?? owner?.vpcId ?? null,
    instanceId: (attachment === null ? null : str(attachment, 'InstanceId')) ?? owner?.instanceId ?? null,
    privateIps: [...privateIps],
    publicIps: [...publicIps],
    groupIds: strings(item, 'Groups', ['GroupId']),
  };
}

/** An instance and the ENIs it lists, from a describe-instances item or its Config `configuration`. */
export function readInstance(item: Json): { instance: Instance; enis: Eni[] } | null {
  const id = str(item, 'InstanceId');
  if (id === null) return null;
  const subnetId = str(item, 'SubnetId');
  const vpcId = str(item, 'VpcId');
  const enis = objects(item, 'NetworkInterfaces')
    .map((eni) => readEni(eni, { instanceId: id, subnetId, vpcId }))
    .filter((eni): eni is Eni => eni !== null);
  const privateIps = new Set<string>();
  const publicIps = new Set<string>();
  const primary = str(item, 'PrivateIpAddress');
  if (primary !== null) privateIps.add(primary);
  const publicIp = str(item, 'PublicIpAddress');
  if (publicIp !== null) publicIps.add(publicIp);
  for (const eni of enis) {
    eni.privateIps.forEach((ip) => privateIps.add(ip));
    eni.publicIps.forEach((ip) => publicIps.add(ip));
  }
  return {
    instance: {
      id,
      subnetId,
      vpcId,
      privateIps: [...privateIps],
      publicIps: [...publicIps],
      groupIds: strings(item, 'SecurityGroups', ['GroupId']),
      eniIds: enis.map((eni) => eni.id),
      name: nameTag(item),
    },
    enis,
  };
}

/** A subnet from describe-subnets or its Config `configuration`. */
export function readSubnet(item: Json): Subnet | null {
  const id = str(item, 'SubnetId');
  if (id === null) return null;
  const cidrs = [str(item, 'CidrBlock'), ...strings(item, 'Ipv6CidrBlockAssociationSet', ['Ipv6CidrBlock'])];
  return { id, vpcId: str(item, 'VpcId'), cidrs: cidrs.filter((c): c is string => c !== null), availabilityZone: str(item, 'AvailabilityZone') };
}

const ROUTE_TARGETS = [
  'GatewayId', 'NatGatewayId', 'VpcPeeringConnectionId', 'TransitGatewayId', 'NetworkInterfaceId', 'InstanceId',
  'EgressOnlyInternetGatewayId', 'LocalGatewayId', 'CarrierGatewayId', 'CoreNetworkArn', 'VpcEndpointId',
];

/** A route table from describe-route-tables or its Config `configuration`. */
export function readRouteTable(item: Json): RouteTable | null {
  const id = str(item, 'RouteTableId');
  if (id === null) return null;
  const associations = objects(item, 'Associations');
  const routes: Route[] = [];
  for (const route of objects(item, 'Routes')) {
    const destination = str(route, 'DestinationCidrBlock') ?? str(route, 'DestinationIpv6CidrBlock') ?? str(route, 'DestinationPrefixListId');
    if (destination === null) continue;
    let target: string | null = null;
    for (const key of ROUTE_TARGETS) target ??= str(route, key);
    routes.push({ destination, target, state: str(route, 'State') });
  }
  return {
    id,
    vpcId: str(item, 'VpcId'),
    main: associations.some((a) => bool(a, 'Main')),
    subnetIds: associations.map((a) => str(a, 'SubnetId')).filter((s): s is string => s !== null),
    routes,
  };
}

/** A VPC peering connection from describe-vpc-peering-connections or its Config `configuration`. */
export function readPeering(item: Json): Peering | null {
  const id = str(item, 'VpcPeeringConnectionId');
  if (id === null) return null;
  const requester = child(item, 'RequesterVpcInfo');
  const accepter = child(item, 'AccepterVpcInfo');
  const status = child(item, 'Status');
  return {
    id,
    status: status === null ? str(item, 'Status') : str(status, 'Code'),
    requesterVpcId: requester === null ? null : str(requester, 'VpcId'),
    accepterVpcId: accepter === null ? null : str(accepter, 'VpcId'),
    requesterCidrs: requester === null ? [] : vpcInfoCidrs(requester),
    accepterCidrs: accepter === null ? [] : vpcInfoCidrs(accepter),
  };
}

function vpcInfoCidrs(info: Json): string[] {
  const all = [str(info, 'CidrBlock'), ...strings(info, 'CidrBlockSet', ['CidrBlock']), ...strings(info, 'Ipv6CidrBlockSet', ['Ipv6CidrBlock'])];
  return [...new Set(all.filter((c): c is string => c !== null))];
}

/** A VPC from describe-vpcs or its Config `configuration`. */
export function readVpc(item: Json): Vpc | null {
  const id = str(item, 'VpcId');
  if (id === null) return null;
  const all = [str(item, 'CidrBlock'), ...strings(item, 'CidrBlockAssociationSet', ['CidrBlock']), ...strings(item, 'Ipv6CidrBlockAssociationSet', ['Ipv6CidrBlock'])];
  return { id, cidrs: [...new Set(all.filter((c): c is string => c !== null))] };
}

/** A prefix list from describe-managed-prefix-lists / describe-prefix-lists (the latter lists its CIDRs). */
export function readPrefixList(item: Json): PrefixList | null {
  const id = str(item, 'PrefixListId');
  if (id === null) return null;
  const cidrs = get(item, 'Cidrs');
  return {
    id,
    name: str(item, 'PrefixListName'),
    cidrs: Array.isArray(cidrs) ? cidrs.filter((c): c is string => typeof c === 'string') : [],
  };
}
