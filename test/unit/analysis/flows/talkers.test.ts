import { describe, expect, it } from 'vitest';
import { topTalkers } from '../../../../main/analysis/flows/talkers.js';
import { readFlowFile } from '../../ingest/vpcflow/read-lines.js';
import { flow } from './generate.js';

const T = 1_700_000_000_000;

describe('topTalkers', () => {
  it('ranks remote addresses by bytes per direction, with service ports, ENIs and names', () => {
    const records = [
      flow('10.0.1.10', 50000, '198.51.100.7', 443, T, { bytes: 5_000_000, packets: 4000 }),
      flow('198.51.100.7', 443, '10.0.1.10', 50000, T + 1, { bytes: 20_000, packets: 300 }),
      flow('10.0.1.11', 50001, '198.51.100.7', 443, T + 2, { bytes: 1_000_000, packets: 800, eni: 'eni-b' }),
      flow('203.0.113.5', 51000, '10.0.1.10', 22, T + 3, { bytes: 3_000, packets: 20 }),
      flow('10.0.1.10', 40000, '10.0.2.20', 5432, T + 4, { bytes: 9_999_999 }),
    ];
    const talkers = topTalkers(records, { limit: 2, names: new Map([['198.51.100.7', ['files.example.net']]]) });
    expect(talkers).toEqual([
      { address: '198.51.100.7', direction: 'egress', bytes: 6_000_000, packets: 4800, records: 2, ports: [443], names: ['files.example.net'], enis: ['eni-b', 'eni-web'], first: T, last: T + 2 + 60_000 },
      { address: '198.51.100.7', direction: 'ingress', bytes: 20_000, packets: 300, records: 1, ports: [443], names: ['files.example.net'], enis: ['eni-web'], first: T + 1, last: T + 1 + 60_000 },
    ]);
  });

  it('uses localCidrs when given', () => {
    const records = [flow('100.64.0.5', 50000, '10.9.0.1', 443, T, { bytes: 10 })];
    expect(topTalkers(records, { limit: 5 })).toEqual([]);
    expect(topTalkers(records, { limit: 5, localCidrs: ['100.64.0.0/10'] }).map((t) => [t.address, t.direction])).toEqual([['10.9.0.1', 'egress']]);
  });

  it('finds the exfiltration in the compromised-root-creds scenario', () => {
    // awk '$5=="92.55.146.245" {s+=$10} END {print s}' DERIVED_vpcflow_v2.log → 7119 + 1048576 + 1048576 = 2104271 bytes to the attacker
    const { records } = readFlowFile('panther-analysis/scenario_compromised-root-creds/DERIVED_vpcflow_v2.log');
    // awk '$4=="52.216.229.53" {s+=$10} END {print s}' → 3048576 bytes in from S3 (the larger talker)
    const [first, second] = topTalkers(records, { limit: 2 });
    expect(first).toMatchObject({ address: '52.216.229.53', direction: 'ingress', bytes: 3048576, records: 1, ports: [443] });
    expect(second).toMatchObject({ address: '92.55.146.245', direction: 'egress', bytes: 2104271, records: 3, ports: [22], enis: ['eni-0b13344793d4fde67'] });
  });
});
