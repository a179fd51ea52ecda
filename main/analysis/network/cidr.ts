import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The address as ipaddr sees it, IPv4-mapped IPv6 turned into IPv4; null when it is not an address. */
export function parseAddress(text: string): Address | null {
  if (!ipaddr.isValid(text)) return null;
  return ipaddr.process(text);
}

// Rules and local ranges repeat across millions of checks; parse each CIDR text once.
const parsedCidrs = new Map<string, [Address, number] | null>();
const CIDR_CACHE_LIMIT = 10_000;

function parseRange(cidr: string): [Address, number] | null {
  const cached = parsedCidrs.get(cidr);
  if (cached !== undefined) return cached;
  let range: [Address, number] | null = null;
  try {
    if (cidr.includes('/')) range = ipaddr.parseCIDR(cidr);
    else {
      const network = ipaddr.parse(cidr);
      range = [network, network.kind() === 'ipv4' ? 32 : 128];
    }
  } catch {
    range = null;
  }
  if (parsedCidrs.size >= CIDR_CACHE_LIMIT) parsedCidrs.clear();
  parsedCidrs.set(cidr, range);
  return range;
}

/** True when `address` lies in `cidr` (same family; a bare address counts as /32 or /128). False for unreadable input. */
export function cidrContains(cidr: string, address: string): boolean {
  const ip = parseAddress(address);
  const range = parseRange(cidr);
  if (ip === null || range === null) return false;
  const [network, bits] = range;
  // Families are disjoint: an IPv4 rule never matches IPv6 traffic (AWS keeps separate rules).
  if (network.kind() !== ip.kind()) return false;
  return ip.kind() === 'ipv4'
    ? (ip as ipaddr.IPv4).match(network as ipaddr.IPv4, bits)
    : (ip as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
}

/** "ipv4" or "ipv6" for an address, null when unreadable. */
export function addressFamily(address: string): 'ipv4' | 'ipv6' | null {
  return parseAddress(address)?.kind() ?? null;
}

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', 'fc00::/7', 'fe80::/10'];

/** True for RFC 1918, carrier-grade NAT, link-local and IPv6 unique-local/link-local addresses. */
export function isPrivateAddress(address: string): boolean {
  const ip = parseAddress(address);
  if (ip === null) return false;
  // Parse the address once and test it against each range (this runs per flow record).
  for (const cidr of PRIVATE_RANGES) {
    const range = parseRange(cidr);
    if (range === null || range[0].kind() !== ip.kind()) continue;
    const inside = ip.kind() === 'ipv4'
      ? (ip as ipaddr.IPv4).match(range[0] as ipaddr.IPv4, range[1])
      : (ip as ipaddr.IPv6).match(range[0] as ipaddr.IPv6, range[1]);
    if (inside) return true;
  }
  return false;
}
