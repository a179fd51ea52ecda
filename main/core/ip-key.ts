import ipaddr from 'ipaddr.js';

/**
 * Addresses as 16 bytes that sort like the addresses (IPv4 as IPv4-mapped IPv6), so that a CIDR
 * block is one BLOB range in SQLite: `key BETWEEN first AND last`.
 */

/** The key of an address written as text, or null when it is not an IPv4/IPv6 address. */
export function ipKey(text: string): Buffer | null {
  const v4 = ipv4Key(text);
  if (v4 !== undefined) return v4;
  const address = parseAddress(text);
  return address ? Buffer.from(toIpv6(address).toByteArray()) : null;
}

/**
 * Dotted-quad IPv4 straight to its IPv4-mapped key (the common case, a million times per flow log;
 * ipaddr.js's general parser showed in profiles). undefined when the text is not dotted-quad at all.
 */
function ipv4Key(text: string): Buffer | null | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const key = Buffer.alloc(16);
  key[10] = 0xff;
  key[11] = 0xff;
  for (let i = 0; i < 4; i++) {
    const part = parts[i] as string;
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return null;
    const value = Number(part);
    if (value > 255) return null;
    key[12 + i] = value;
  }
  return key;
}

/** The first and last keys of a CIDR block (`10.0.0.0/16`, `2001:db8::/32`), or null when it is not one. */
export function cidrKeyRange(text: string): { first: Buffer; last: Buffer } | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const address = parseAddress(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const width = address.kind() === 'ipv4' ? 32 : 128;
  if (bits > width) return null;
  const bytes = toIpv6(address).toByteArray();
  const prefix = bits + (128 - width);
  const first = bytes.slice();
  const last = bytes.slice();
  for (let bit = prefix; bit < 128; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    first[byte] = (first[byte] ?? 0) & ~mask;
    last[byte] = (last[byte] ?? 0) | mask;
  }
  return { first: Buffer.from(first), last: Buffer.from(last) };
}

/** Whether text looks like a CIDR block (for telling `ip:10.0.0.0/8` from a text value). */
export function isCidr(text: string): boolean {
  return cidrKeyRange(text) !== null;
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const trimmed = text.trim();
  // Only plain dotted-quad IPv4: ipaddr.js also reads "10.1" and octal/hex parts, which evidence never means.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed)) {
    return ipaddr.IPv4.isValidFourPartDecimal(trimmed) ? ipaddr.IPv4.parse(trimmed) : null;
  }
  if (trimmed.includes(':') && ipaddr.IPv6.isValid(trimmed.replace(/^\[|\]$/g, '').replace(/%.*$/, ''))) {
    return ipaddr.IPv6.parse(trimmed.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  }
  return null;
}

function toIpv6(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv6 {
  return address.kind() === 'ipv4' ? (address as ipaddr.IPv4).toIPv4MappedAddress() : (address as ipaddr.IPv6);
}
