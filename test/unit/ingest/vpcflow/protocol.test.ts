import { describe, expect, it } from 'vitest';
import { protocolName, protocolNumber } from '../../../../main/ingest/sources/vpcflow/protocol.js';

describe('protocol names and numbers', () => {
  it('names the common IANA numbers and falls back for the rest', () => {
    expect([6, 17, 1, 58, 47, 50].map(protocolName)).toEqual(['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'esp']);
    expect(protocolName(253)).toBe('proto-253');
  });

  it('reads rule protocols written as names, numbers or -1', () => {
    expect(['tcp', 'UDP', '6', '-1', 'all', 'icmpv6', '58', 'bogus'].map(protocolNumber)).toEqual([6, 17, 6, -1, -1, 58, 58, null]);
  });
});
