import { describe, expect, it } from 'vitest';
import { createScanDetector, detectScans } from '../../../../main/analysis/flows/scans.js';
import type { FlowRecord } from '../../../../main/ingest/sources/vpcflow/flow-record.js';
import { busyStream, flow, random } from './generate.js';

const T = 1_700_000_000_000;
const SCANNER = '203.0.113.66';
const TARGET = '10.0.1.10';

/** A sweep of ports 1..1000 on TARGET, every 7th port accepted (with the target's reply), the rest rejected. */
function sweep(): FlowRecord[] {
  const records: FlowRecord[] = [];
  for (let port = 1; port <= 1000; port += 1) {
    const accepted = port % 7 === 0;
    records.push(flow(SCANNER, 40000 + (port % 3), TARGET, port, T + port * 100, { action: accepted ? 'ACCEPT' : 'REJECT' }));
    if (accepted) records.push(flow(TARGET, port, SCANNER, 40000 + (port % 3), T + port * 100 + 1));
  }
  return records;
}

describe('detectScans', () => {
  it('a 1,000-port sweep is one vertical scan with exact counts', () => {
    const scans = detectScans(sweep());
    expect(scans).toHaveLength(1);
    // floor(1000 / 7) = 142 accepted probes, 858 rejected; replies from the target are not probes
    expect(scans[0]).toEqual({
      source: SCANNER, kind: 'vertical', targets: [TARGET], distinctPorts: 1000, accepted: 142, rejected: 858,
      first: T + 100, last: T + 1000 * 100 + 60_000,
    });
  });

  it('one port on 30 targets is a horizontal scan; 19 targets is not', () => {
    const records = Array.from({ length: 30 }, (_, i) => flow(SCANNER, 51000, `10.0.2.${i + 1}`, 22, T + i * 1000, { action: i < 25 ? 'REJECT' : 'ACCEPT' }));
    const [scan] = detectScans(records);
    expect(scan).toMatchObject({ source: SCANNER, kind: 'horizontal', distinctPorts: 1, accepted: 5, rejected: 25 });
    expect(scan!.targets).toHaveLength(30);
    expect(scan!.targets[0]).toBe('10.0.2.1');
    expect(detectScans(records.slice(0, 19))).toEqual([]);
  });

  it('thresholds are configurable and a long pause ends a scan', () => {
    const records = Array.from({ length: 10 }, (_, i) => flow(SCANNER, 51000, TARGET, 8000 + i, T + i));
    expect(detectScans(records, { verticalPorts: 10 })).toHaveLength(1);
    expect(detectScans(records, { verticalPorts: 11 })).toEqual([]);
    const paused = [...records.slice(0, 5), ...records.slice(5).map((r) => ({ ...r, start: r.start! + 2 * 3_600_000, end: r.end! + 2 * 3_600_000 }))];
    expect(detectScans(paused, { verticalPorts: 10 })).toEqual([]);
  });

  it('a busy server answering many client ports is not a scan', () => {
    const next = random(3);
    const records = Array.from({ length: 500 }, (_, i) => flow(TARGET, 443, '192.0.2.9', 1024 + Math.floor(next() * 60000), T + i));
    expect(detectScans(records)).toEqual([]);
  });

  it('a database answering on 5432 to many ephemeral client ports is not a scan; a sweep of high ports still is', () => {
    const next = random(5);
    const replies = Array.from({ length: 300 }, (_, i) => flow('10.0.2.5', 5432, TARGET, 32768 + Math.floor(next() * 28000), T + i));
    expect(detectScans(replies)).toEqual([]);
    // From an ephemeral source port, probes of ports 40000–40199 are probes.
    const high = Array.from({ length: 200 }, (_, i) => flow(SCANNER, 51000, TARGET, 40000 + i, T + i, { action: 'REJECT' }));
    expect(detectScans(high)).toEqual([expect.objectContaining({ source: SCANNER, kind: 'vertical', distinctPorts: 200, rejected: 200 })]);
  });

  it('1M records keep the aggregates bounded by the window', () => {
    const detector = createScanDetector({ windowMs: 60_000 });
    let maxOpen = 0;
    let found = 0;
    const before = process.memoryUsage().heapUsed;
    for (const record of busyStream(1_000_000, 11)) {
      found += detector.push(record).length;
      maxOpen = Math.max(maxOpen, detector.openCount);
    }
    const during = process.memoryUsage().heapUsed;
    found += detector.finish().length;
    // Clients hit random servers on 443: a client reaching ≥ 20 servers within a minute is rare but
    // possible; what matters is that the aggregates stay bounded, not 1M entries.
    expect(found).toBeLessThan(50);
    expect(maxOpen).toBeLessThan(40_000);
    expect(during - before).toBeLessThan(150 * 1024 * 1024);
  });
});
