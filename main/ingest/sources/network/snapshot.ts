import type { Eni, Instance, Nacl, NetworkSnapshotPart, Peering, PrefixList, RouteTable, SecurityGroup, Subnet, Vpc } from '../../../analysis/network/model.js';
import { get, isObject, objects, str, type Json } from './fields.js';
import { readEni, readInstance, readNacl, readPeering, readPrefixList, readRouteTable, readSecurityGroup, readSubnet, readVpc } from './resources.js';

/** Options for documents that do not name what they describe. */
export interface SnapshotOptions {
  /** The prefix list a get-managed-prefix-list-entries output belongs to (the output does not say). */
  readonly prefixListId?: string;
}

class Collector {
  readonly securityGroups: SecurityGroup[] = [];
  readonly nacls: Nacl[] = [];
  readonly enis: Eni[] = [];
  readonly instances: Instance[] = [];
  readonly subnets: Subnet[] = [];
  readonly routeTables: RouteTable[] = [];
  readonly peerings: Peering[] = [];
  readonly vpcs: Vpc[] = [];
  readonly prefixLists: PrefixList[] = [];
  readonly notes: string[] = [];

  add<T>(list: T[], what: string, items: Json[], read: (item: Json) => T | null): void {
    items.forEach((item, index) => {
      const value = read(item);
      if (value === null) this.notes.push(`${what} #${index + 1} has no id: skipped`);
      else list.push(value);
    });
  }

  addInstance(item: Json, where: string): void {
    const read = readInstance(item);
    if (read === null) {
      this.notes.push(`${where} has no InstanceId: skipped`);
      return;
    }
    this.instances.push(read.instance);
    this.enis.push(...read.enis);
  }

  part(): NetworkSnapshotPart {
    return { ...this };
  }
}

// AWS Config resource types → the describe-* reader of their `configuration`.
const CONFIG_TYPES = new Set([
  'AWS::EC2::SecurityGroup', 'AWS::EC2::NetworkAcl', 'AWS::EC2::NetworkInterface', 'AWS::EC2::Instance',
  'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::VPCPeeringConnection', 'AWS::EC2::VPC',
  'AWS::EC2::PrefixList',
]);

/**
 * Reads the network resources out of one JSON document: AWS CLI output of describe-security-groups,
 * -network-acls, -network-interfaces, -instances, -subnets, -route-tables, -vpc-peering-connections,
 * -vpcs, -managed-prefix-lists / -prefix-lists, get-managed-prefix-list-entries; AWS Config
 * configuration items of those types (one, an array, a ConfigSnapshot, a change notification); and
 * Panther's resource shape (AWS.EC2.SecurityGroup / NetworkACL / Instance / VPC). Anything else
 * yields an empty part whose `notes` say why.
 */
export function parseNetworkSnapshot(doc: unknown, options: SnapshotOptions = {}): NetworkSnapshotPart {
  const out = new Collector();
  if (Array.isArray(doc)) {
    doc.forEach((item, index) => {
      if (isObject(item) && typeof item.resourceType === 'string') readConfigItem(item, out);
      else out.notes.push(`array item #${index + 1} is not an AWS Config configuration item: skipped`);
    });
    return out.part();
  }
  if (!isObject(doc)) {
    out.notes.push('the document is not a JSON object or array');
    return out.part();
  }
  const before = out.notes.length;
  let recognized = false;
  const take = <T>(key: string, what: string, reader: (item: Json) => T | null, list: T[]): void => {
    if (!Array.isArray(doc[key])) return;
    recognized = true;
    out.add(list, what, objects(doc, key), reader);
  };
  take('SecurityGroups', 'security group', readSecurityGroup, out.securityGroups);
  take('NetworkAcls', 'network ACL', readNacl, out.nacls);
  take('NetworkInterfaces', 'network interface', (item) => readEni(item), out.enis);
  take('Subnets', 'subnet', readSubnet, out.subnets);
  take('RouteTables', 'route table', readRouteTable, out.routeTables);
  take('VpcPeeringConnections', 'peering connection', readPeering, out.peerings);
  take('Vpcs', 'VPC', readVpc, out.vpcs);
  take('PrefixLists', 'prefix list', readPrefixList, out.prefixLists);
  if (Array.isArray(doc.Reservations)) {
    recognized = true;
    objects(doc, 'Reservations').forEach((reservation, r) =>
      objects(reservation, 'Instances').forEach((instance, i) => out.addInstance(instance, `reservation #${r + 1} instance #${i + 1}`)),
    );
  }
  if (Array.isArray(doc.Entries) && !('NetworkAclId' in doc)) {
    recognized = true;
    const cidrs = objects(doc, 'Entries').map((entry) => str(entry, 'Cidr')).filter((c): c is string => c !== null);
    if (options.prefixListId === undefined) out.notes.push('prefix list entries without a prefix list id (pass prefixListId): skipped');
    else out.prefixLists.push({ id: options.prefixListId, name: null, cidrs });
  }
  if (recognized) return out.part();
  if (typeof doc.resourceType === 'string') readConfigItem(doc, out);
  else if (Array.isArray(doc.configurationItems)) objects(doc, 'configurationItems').forEach((item) => readConfigItem(item, out));
  else if (isObject(doc.configurationItem)) readConfigItem(doc.configurationItem, out);
  else if (typeof doc.ResourceType === 'string') readPantherResource(doc, str(doc, 'ResourceType'), out);
  // A Panther policy-test line: {"resource_type": "AWS.EC2.SecurityGroup", "resource": {…}}.
  else if (isObject(doc.resource) && (typeof doc.resource_type === 'string' || typeof doc.resource.ResourceType === 'string'))
    readPantherResource(doc.resource, str(doc.resource, 'ResourceType') ?? str(doc, 'resource_type'), out);
  else out.notes.push('not a recognized network document (describe-* output, AWS Config item, Panther resource)');
  if (out.notes.length === before && isEmpty(out)) out.notes.push('the document holds no network resources');
  return out.part();
}

/** A document's text parsed and read; a clear error when it is not JSON (two AWS Config samples upstream are not). */
export function parseNetworkSnapshotText(text: string, options: SnapshotOptions = {}): NetworkSnapshotPart | { readonly error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return parseNetworkSnapshot(doc, options);
}

function isEmpty(out: Collector): boolean {
  return [out.securityGroups, out.nacls, out.enis, out.instances, out.subnets, out.routeTables, out.peerings, out.vpcs, out.prefixLists]
    .every((list) => list.length === 0);
}

function readConfigItem(item: Json, out: Collector): void {
  const type = str(item, 'resourceType');
  const id = str(item, 'resourceId') ?? '?';
  if (type === null || !CONFIG_TYPES.has(type)) {
    out.notes.push(`Config item ${id} of type ${type ?? 'unknown'} is not a network resource: skipped`);
    return;
  }
  let configuration = get(item, 'configuration');
  // Config history and some deliveries write `configuration` as a JSON string.
  if (typeof configuration === 'string') {
    try {
      configuration = JSON.parse(configuration);
    } catch {
      out.notes.push(`Config item ${id}: configuration is a string that is not JSON: skipped`);
      return;
    }
  }
  if (!isObject(configuration)) {
    out.notes.push(`Config item ${id} (${type}) has no configuration (deleted resource?): skipped`);
    return;
  }
  const where = `Config item ${id}`;
  switch (type) {
    case 'AWS::EC2::SecurityGroup': return out.add(out.securityGroups, where, [configuration], readSecurityGroup);
    case 'AWS::EC2::NetworkAcl': return out.add(out.nacls, where, [configuration], readNacl);
    case 'AWS::EC2::NetworkInterface': return out.add(out.enis, where, [configuration], (c) => readEni(c));
    case 'AWS::EC2::Instance': return out.addInstance(configuration, where);
    case 'AWS::EC2::Subnet': return out.add(out.subnets, where, [configuration], readSubnet);
    case 'AWS::EC2::RouteTable': return out.add(out.routeTables, where, [configuration], readRouteTable);
    case 'AWS::EC2::VPCPeeringConnection': return out.add(out.peerings, where, [configuration], readPeering);
    case 'AWS::EC2::VPC': return out.add(out.vpcs, where, [configuration], readVpc);
    default: return out.add(out.prefixLists, where, [configuration], readPrefixList);
  }
}

function readPantherResource(resource: Json, type: string | null, out: Collector): void {
  const where = `Panther resource ${str(resource, 'ID') ?? '?'}`;
  switch (type) {
    case 'AWS.EC2.SecurityGroup': return out.add(out.securityGroups, where, [resource], readSecurityGroup);
    case 'AWS.EC2.NetworkACL': return out.add(out.nacls, where, [resource], readNacl);
    case 'AWS.EC2.Instance': return out.addInstance(resource, where);
    case 'AWS.EC2.VPC': return out.add(out.vpcs, where, [resource], readVpc);
    default: out.notes.push(`${where} of type ${type ?? 'unknown'} is not a network resource: skipped`);
  }
}
