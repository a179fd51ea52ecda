import { protocolName } from '../../ingest/sources/vpcflow/protocol.js';
import { addressFamily, cidrContains } from './cidr.js';
import type { Nacl, PortRange } from './model.js';
import { describeTraffic, hasPorts, icmpMatches, isIcmp, portInRange, protocolMatches, type PacketQuery } from './rule-match.js';

/** The NACL rule that decided a packet. ruleNumber 32767 (32768 for IPv6 as AWS lists it) is the default "*" rule. */
export interface NaclRule {
  readonly naclId: string;
  readonly ruleNumber: number;
  readonly action: 'allow' | 'deny';
  readonly cidr: string;
  /** IANA protocol number, -1 for all. */
  readonly protocol: number;
  readonly portRange: PortRange | null;
}

/** A NACL's verdict on one packet. */
export interface NaclDecision {
  readonly allowed: boolean;
  readonly rule: NaclRule;
  /** E.g. "NACL acl-1 rule 100 (egress) denies tcp/1024-65535 to 0.0.0.0/0". */
  readonly text: string;
}

/** The implicit last rule ("*") when the listing does not show it. */
export const DEFAULT_RULE_NUMBER = 32767;

/**
 * Evaluates a stateless network ACL for one packet in one direction: entries of that direction in
 * ascending rule number, the first whose CIDR, protocol and port (or ICMP type/code) match decides;
 * none matching means the default deny. A reply is a separate packet and is evaluated on its own.
 */
export function evaluateNacl(nacl: Nacl, query: PacketQuery): NaclDecision {
  const egress = query.direction === 'egress';
  const entries = nacl.entries.filter((entry) => entry.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const entry of entries) {
    if (!protocolMatches(entry.protocol, query.protocol)) continue;
    if (!cidrContains(entry.cidr, query.remoteIp)) continue;
    // A rule for a specific protocol carries ports (tcp/udp) or type/code (icmp); "all" carries neither.
    if (entry.protocol !== -1 && hasPorts(query.protocol) && !portInRange(entry.portRange, query.port)) continue;
    if (entry.protocol !== -1 && isIcmp(query.protocol) && !icmpMatches(entry.icmp, query)) continue;
    const rule: NaclRule = { naclId: nacl.id, ruleNumber: entry.ruleNumber, action: entry.action, cidr: entry.cidr, protocol: entry.protocol, portRange: entry.portRange };
    return { allowed: entry.action === 'allow', rule, text: describeNaclRule(rule, query.direction) };
  }
  const rule: NaclRule = {
    naclId: nacl.id,
    ruleNumber: DEFAULT_RULE_NUMBER,
    action: 'deny',
    cidr: addressFamily(query.remoteIp) === 'ipv6' ? '::/0' : '0.0.0.0/0',
    protocol: -1,
    portRange: null,
  };
  return { allowed: false, rule, text: `${describeNaclRule(rule, query.direction)} (no rule matched ${describeTraffic(query.protocol, point(query), protocolName)} ${query.direction === 'egress' ? 'to' : 'from'} ${query.remoteIp})` };
}

function point(query: PacketQuery): PortRange | null {
  return hasPorts(query.protocol) ? { from: query.port, to: query.port } : null;
}

/** "NACL acl-1 rule 100 (egress) denies tcp/1024-65535 to 0.0.0.0/0"; the default rule reads "rule * (32767)". */
export function describeNaclRule(rule: NaclRule, direction: 'ingress' | 'egress'): string {
  const number = rule.ruleNumber >= DEFAULT_RULE_NUMBER ? `* (${rule.ruleNumber})` : String(rule.ruleNumber);
  const verb = rule.action === 'allow' ? 'allows' : 'denies';
  const preposition = direction === 'egress' ? 'to' : 'from';
  return `NACL ${rule.naclId} rule ${number} (${direction}) ${verb} ${describeTraffic(rule.protocol, rule.portRange, protocolName)} ${preposition} ${rule.cidr}`;
}
