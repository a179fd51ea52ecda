import { protocolName } from '../../ingest/sources/vpcflow/protocol.js';
import { evaluateNacl } from './nacl.js';
import type { Eni, Nacl, NetworkSnapshot, PrefixList, SecurityGroup } from './model.js';
import { evaluateSecurityGroups } from './security-groups.js';

/** What one end of a flow (one layer stack) decided. `layer` is the deciding layer when denied, 'none' when allowed, 'unknown' when not in the snapshot. */
export interface LayerDecision {
  /** null when this end could not be evaluated. */
  readonly allowed: boolean | null;
  readonly layer: 'nacl' | 'sg' | 'none' | 'unknown';
  readonly naclId: string | null;
  readonly ruleNumber: number | null;
  readonly direction: 'ingress' | 'egress';
  readonly groupIds: readonly string[];
  readonly text: string;
}

/** A hypothetical flow: src → dst. `eni` pins the ENI that logged it (either end). */
export interface FlowQuery {
  readonly eni?: string;
  readonly src: string;
  readonly dst: string;
  readonly srcPort?: number;
  readonly dstPort: number;
  /** IANA protocol number. */
  readonly protocol: number;
  /** True when the packet answers an allowed request: security groups are stateful and let it through, NACLs are not. */
  readonly reply?: boolean;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

/** Both ends' decisions. `allowed` is false only when a layer found in the snapshot denies the flow. */
export interface FlowExplanation {
  readonly allowed: boolean;
  /** At the destination: the packet entering dst's subnet and ENI. */
  readonly ingress: LayerDecision;
  /** At the source: the packet leaving src's ENI and subnet. */
  readonly egress: LayerDecision;
  readonly text: string;
}

interface Endpoint {
  readonly eni: Eni;
  readonly groups: SecurityGroup[];
  readonly missingGroups: string[];
  readonly nacl: Nacl | null;
  readonly prefixLists: ReadonlyMap<string, PrefixList>;
}

const addressIndexes = new WeakMap<NetworkSnapshot, Map<string, Eni>>();

/** The ENI that owns an address (private, IPv6 or public), or null. The index is built once per snapshot: do not add ENIs after the first call. */
export function findEniByAddress(snapshot: NetworkSnapshot, address: string): Eni | null {
  let index = addressIndexes.get(snapshot);
  if (index === undefined || index.size === 0) {
    index = new Map();
    for (const eni of snapshot.enis.values()) for (const ip of [...eni.privateIps, ...eni.publicIps]) index.set(ip.toLowerCase(), eni);
    addressIndexes.set(snapshot, index);
  }
  return index.get(address.toLowerCase()) ?? null;
}

/** The NACL that governs a subnet: its explicit association, else the VPC's default NACL. */
export function naclForSubnet(snapshot: NetworkSnapshot, subnetId: string | null, vpcId: string | null): Nacl | null {
  if (subnetId !== null) for (const nacl of snapshot.nacls.values()) if (nacl.subnetIds.includes(subnetId)) return nacl;
  const vpc = vpcId ?? (subnetId === null ? null : snapshot.subnets.get(subnetId)?.vpcId ?? null);
  if (vpc !== null) for (const nacl of snapshot.nacls.values()) if (nacl.isDefault && nacl.vpcId === vpc) return nacl;
  return null;
}

/**
 * Explains whether a flow passes: at the source end, the ENI's security groups (egress) then its
 * subnet's NACL (egress); at the destination end, the subnet's NACL (ingress) then the groups
 * (ingress). Ends not in the snapshot are 'unknown'. Traffic between two ENIs of one subnet does
 * not cross a NACL. The text names the deciding rule.
 */
export function explainFlow(snapshot: NetworkSnapshot, query: FlowQuery): FlowExplanation {
  const pinned = query.eni === undefined ? undefined : snapshot.enis.get(query.eni);
  const srcEni = pinned !== undefined && owns(pinned, query.src) ? pinned : findEniByAddress(snapshot, query.src);
  const dstEni = pinned !== undefined && owns(pinned, query.dst) ? pinned : findEniByAddress(snapshot, query.dst);
  const src = srcEni === null ? null : endpoint(snapshot, srcEni);
  const dst = dstEni === null ? null : endpoint(snapshot, dstEni);
  const sameSubnet = srcEni !== null && dstEni !== null && srcEni.subnetId !== null && srcEni.subnetId === dstEni.subnetId;
  const egress = decideEnd(src, 'egress', query, query.dst, [], sameSubnet);
  const ingress = decideEnd(dst, 'ingress', query, query.src, src?.groups.map((g) => g.id) ?? srcEni?.groupIds ?? [], sameSubnet);
  const allowed = egress.allowed !== false && ingress.allowed !== false;
  const flow = `${protocolName(query.protocol)} ${query.src}${query.srcPort === undefined ? '' : `:${query.srcPort}`} → ${query.dst}:${query.dstPort}`;
  const denied = [egress, ingress].filter((d) => d.allowed === false).map((d) => d.text);
  const text = allowed ? `${flow} is allowed: ${egress.text}; ${ingress.text}` : `${flow} is denied: ${denied.join('; ')}`;
  return { allowed, ingress, egress, text };
}

function owns(eni: Eni, address: string): boolean {
  const lower = address.toLowerCase();
  return [...eni.privateIps, ...eni.publicIps].some((ip) => ip.toLowerCase() === lower);
}

function endpoint(snapshot: NetworkSnapshot, eni: Eni): Endpoint {
  const instance = eni.instanceId === null ? undefined : snapshot.instances.get(eni.instanceId);
  const groupIds = eni.groupIds.length > 0 ? eni.groupIds : instance?.groupIds ?? [];
  const groups: SecurityGroup[] = [];
  const missingGroups: string[] = [];
  for (const id of groupIds) {
    const group = snapshot.securityGroups.get(id);
    if (group === undefined) missingGroups.push(id);
    else groups.push(group);
  }
  const subnetId = eni.subnetId ?? instance?.subnetId ?? null;
  return { eni, groups, missingGroups, nacl: naclForSubnet(snapshot, subnetId, eni.vpcId ?? instance?.vpcId ?? null), prefixLists: snapshot.prefixLists };
}

function decideEnd(
  end: Endpoint | null,
  direction: 'ingress' | 'egress',
  query: FlowQuery,
  remoteIp: string,
  remoteGroupIds: readonly string[],
  sameSubnet: boolean,
): LayerDecision {
  const address = direction === 'egress' ? query.src : query.dst;
  if (end === null)
    return { allowed: null, layer: 'unknown', naclId: null, ruleNumber: null, direction, groupIds: [], text: `${address} is not an ENI in the snapshot` };
  const groupIds = end.eni.groupIds;
  const packet = { direction, protocol: query.protocol, port: query.dstPort, remoteIp, icmpType: query.icmpType, icmpCode: query.icmpCode };
  const parts: string[] = [];
  let naclId: string | null = null;
  let ruleNumber: number | null = null;

  const checkNacl = (): LayerDecision | null => {
    if (sameSubnet) {
      parts.push('no NACL between ENIs of one subnet');
      return null;
    }
    if (end.nacl === null) {
      parts.push(`no NACL for ${end.eni.subnetId ?? 'its subnet'} in the snapshot`);
      return null;
    }
    const decision = evaluateNacl(end.nacl, packet);
    naclId = end.nacl.id;
    ruleNumber = decision.rule.ruleNumber;
    if (!decision.allowed) return { allowed: false, layer: 'nacl', naclId, ruleNumber, direction, groupIds, text: decision.text };
    parts.push(decision.text);
    return null;
  };
  const checkGroups = (): LayerDecision | null => {
    if (query.reply === true) {
      parts.push('security groups are stateful and allow the reply');
      return null;
    }
    if (end.groups.length === 0 && end.missingGroups.length > 0) {
      parts.push(`security groups ${end.missingGroups.join(', ')} are not in the snapshot`);
      return null;
    }
    const decision = evaluateSecurityGroups(end.groups, { ...packet, remoteGroupIds, prefixLists: end.prefixLists });
    if (!decision.allowed && decision.unresolvedPrefixLists.length === 0 && end.missingGroups.length === 0)
      return { allowed: false, layer: 'sg', naclId: null, ruleNumber: null, direction, groupIds: decision.groupIds, text: decision.text };
    parts.push(decision.text);
    return null;
  };

  const denied = direction === 'egress' ? checkGroups() ?? checkNacl() : checkNacl() ?? checkGroups();
  if (denied !== null) return denied;
  return { allowed: true, layer: 'none', naclId, ruleNumber, direction, groupIds, text: parts.join('; ') };
}
