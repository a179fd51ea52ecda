const NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'hopopt'], [1, 'icmp'], [2, 'igmp'], [4, 'ipip'], [6, 'tcp'], [17, 'udp'], [41, 'ipv6'],
  [47, 'gre'], [50, 'esp'], [51, 'ah'], [58, 'icmpv6'], [89, 'ospf'], [132, 'sctp'],
]);

/** The usual lowercase name of an IANA protocol number ("tcp" for 6), or "proto-<n>" when it has none here. */
export function protocolName(protocol: number): string {
  return NAMES.get(protocol) ?? `proto-${protocol}`;
}

/**
 * The IANA number for a protocol as written in AWS rules ("tcp", "6", "-1" for all → -1), or null
 * when unreadable. Security groups use names or numbers; NACLs use numbers.
 */
export function protocolNumber(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const text = value.trim().toLowerCase();
  if (text === '-1' || text === 'all') return -1;
  if (/^\d{1,3}$/.test(text)) return Number(text);
  for (const [number, name] of NAMES) if (name === text) return number;
  if (text === 'icmp6' || text === 'ipv6-icmp') return 58;
  return null;
}
