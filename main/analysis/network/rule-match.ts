import type { PortRange } from './model.js';

/** A packet as rules see it. For ICMP `port` is unused; `icmpType`/`icmpCode` may be given. */
export interface PacketQuery {
  readonly direction: 'ingress' | 'egress';
  /** IANA protocol number. */
  readonly protocol: number;
  /** Destination port (tcp/udp). */
  readonly port: number;
  /** The other end's address: the source for ingress, the destination for egress. */
  readonly remoteIp: string;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

/** True for protocols whose rules carry port ranges. */
export function hasPorts(protocol: number): boolean {
  return protocol === 6 || protocol === 17;
}

/** True for ICMP and ICMPv6, whose rules carry type/code instead of ports. */
export function isIcmp(protocol: number): boolean {
  return protocol === 1 || protocol === 58;
}

/** True when a rule's protocol (-1 = all) covers the packet's. */
export function protocolMatches(ruleProtocol: number, protocol: number): boolean {
  return ruleProtocol === -1 || ruleProtocol === protocol;
}

/** True when an inclusive range (null = all ports) holds the port. */
export function portInRange(range: PortRange | null, port: number): boolean {
  return range === null || (port >= range.from && port <= range.to);
}

/** True when an ICMP type/code pair (-1 = any) covers the packet's; a packet with unknown type/code matches any. */
export function icmpMatches(rule: { type: number; code: number } | null, query: PacketQuery): boolean {
  if (rule === null) return true;
  const typeOk = rule.type === -1 || query.icmpType === undefined || rule.type === query.icmpType;
  const codeOk = rule.code === -1 || query.icmpCode === undefined || rule.code === query.icmpCode;
  return typeOk && codeOk;
}

/** "tcp/443", "tcp/1024-65535", "udp/all", "icmp", "all" for messages. */
export function describeTraffic(protocol: number, range: PortRange | null, name: (n: number) => string): string {
  if (protocol === -1) return 'all traffic';
  const proto = name(protocol);
  if (!hasPorts(protocol)) return proto;
  if (range === null || (range.from === 0 && range.to === 65535)) return `${proto}/all ports`;
  return range.from === range.to ? `${proto}/${range.from}` : `${proto}/${range.from}-${range.to}`;
}
