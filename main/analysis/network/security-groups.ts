import { protocolName } from '../../ingest/sources/vpcflow/protocol.js';
import { cidrContains } from './cidr.js';
import type { PrefixList, SecurityGroup, SgPermission } from './model.js';
import { describeTraffic, hasPorts, isIcmp, type PacketQuery } from './rule-match.js';

/** A packet for security-group evaluation; `remoteGroupIds` are the groups of the other end's ENI when known. */
export interface SgQuery extends PacketQuery {
  readonly remoteGroupIds?: readonly string[];
  /** Prefix lists by id, to resolve rules that name one. */
  readonly prefixLists?: ReadonlyMap<string, PrefixList>;
}

/** The security-group rule that allowed a packet. `source` is the matching CIDR, group id or prefix list id. */
export interface SgRule {
  readonly groupId: string;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: number;
  readonly fromPort: number | null;
  readonly toPort: number | null;
  readonly source: string;
}

/** The verdict of a set of security groups on one packet. */
export interface SgDecision {
  readonly allowed: boolean;
  /** The groups evaluated (all of the ENI's groups). */
  readonly groupIds: readonly string[];
  readonly rule?: SgRule;
  /** Unresolvable prefix lists that might have allowed the packet (the verdict is then uncertain). */
  readonly unresolvedPrefixLists: readonly string[];
  readonly text: string;
}

/**
 * Evaluates security groups for one packet: allow-only rules, the union across all groups of the
 * ENI, any one matching rule allows. Stateful: a reply to an allowed request is allowed without a
 * rule, so callers evaluate only the request direction.
 */
export function evaluateSecurityGroups(groups: readonly SecurityGroup[], query: SgQuery): SgDecision {
  const groupIds = groups.map((group) => group.id);
  const unresolved = new Set<string>();
  for (const group of groups) {
    for (const permission of query.direction === 'ingress' ? group.ingress : group.egress) {
      if (!permissionCoversTraffic(permission, query)) continue;
      const source = matchingSource(permission, query, unresolved);
      if (source === null) continue;
      const rule: SgRule = { groupId: group.id, direction: query.direction, protocol: permission.protocol, fromPort: permission.fromPort, toPort: permission.toPort, source };
      const preposition = query.direction === 'ingress' ? 'from' : 'to';
      return {
        allowed: true,
        groupIds,
        rule,
        unresolvedPrefixLists: [],
        text: `security group ${group.id} allows ${describePermission(permission)} ${preposition} ${source} (${query.direction})`,
      };
    }
  }
  const preposition = query.direction === 'ingress' ? 'from' : 'to';
  const traffic = describeTraffic(query.protocol, hasPorts(query.protocol) ? { from: query.port, to: query.port } : null, protocolName);
  const on = groupIds.length === 0 ? 'the ENI has no security groups' : `on ${groupIds.join(', ')}`;
  const maybe = unresolved.size === 0 ? '' : ` unless prefix list ${[...unresolved].join(', ')} (entries not in the snapshot) holds it`;
  return {
    allowed: false,
    groupIds,
    unresolvedPrefixLists: [...unresolved],
    text: `no security-group rule allows ${traffic} ${preposition} ${query.remoteIp} (${query.direction}) ${on}${maybe}`,
  };
}

function permissionCoversTraffic(permission: SgPermission, query: PacketQuery): boolean {
  if (permission.protocol === -1) return true;
  if (permission.protocol !== query.protocol) return false;
  if (hasPorts(query.protocol)) {
    // A tcp/udp rule with no ports (or -1) covers all ports.
    if (permission.fromPort === null || permission.fromPort === -1) return true;
    const to = permission.toPort === null || permission.toPort === -1 ? 65535 : permission.toPort;
    return query.port >= permission.fromPort && query.port <= to;
  }
  if (isIcmp(query.protocol)) {
    // For ICMP, FromPort is the type and ToPort the code; -1 means any.
    const type = permission.fromPort ?? -1;
    const code = permission.toPort ?? -1;
    return (type === -1 || query.icmpType === undefined || type === query.icmpType) && (code === -1 || query.icmpCode === undefined || code === query.icmpCode);
  }
  return true;
}

function matchingSource(permission: SgPermission, query: SgQuery, unresolved: Set<string>): string | null {
  for (const cidr of permission.cidrs) if (cidrContains(cidr, query.remoteIp)) return cidr;
  const remoteGroups = query.remoteGroupIds ?? [];
  for (const groupId of permission.groupIds) if (remoteGroups.includes(groupId)) return groupId;
  for (const listId of permission.prefixListIds) {
    const list = query.prefixLists?.get(listId);
    if (list === undefined || list.cidrs.length === 0) {
      unresolved.add(listId);
      continue;
    }
    if (list.cidrs.some((cidr) => cidrContains(cidr, query.remoteIp))) return listId;
  }
  return null;
}

function describePermission(permission: SgPermission): string {
  if (isIcmp(permission.protocol)) return protocolName(permission.protocol);
  const range = permission.fromPort === null || permission.fromPort === -1 ? null : { from: permission.fromPort, to: permission.toPort ?? permission.fromPort };
  return describeTraffic(permission.protocol, range, protocolName);
}
