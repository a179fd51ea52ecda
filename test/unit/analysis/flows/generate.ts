import type { FlowRecord } from '../../../../main/ingest/sources/vpcflow/flow-record.js';

const BLANK: FlowRecord = {
  version: 2, accountId: '123456789012', eni: 'eni-web', srcIp: null, dstIp: null, srcPort: null, dstPort: null,
  protocol: 6, packets: 10, bytes: 1000, start: 0, end: 0, action: 'ACCEPT', logStatus: 'OK', vpcId: null,
  subnetId: null, instanceId: null, tcpFlags: null, type: null, pktSrcIp: null, pktDstIp: null, region: null,
  azId: null, flowDirection: null, trafficPath: null, pktSrcService: null, pktDstService: null, tgwId: null,
  tgwAttachmentId: null, ecsClusterArn: null, ecsTaskId: null, rejectReason: null, extra: {},
};

/** A flow record: src:srcPort → dst:dstPort at `at` ms (one-minute window), other fields defaulted. */
export function flow(src: string, srcPort: number, dst: string, dstPort: number, at: number, overrides: Partial<FlowRecord> = {}): FlowRecord {
  return { ...BLANK, srcIp: src, srcPort, dstIp: dst, dstPort, start: at, end: at + 60_000, ...overrides };
}

/** A deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` records sorted by start time: clients 10.0.x.y talking to 200 servers on 443, request
 * and reply, one every 10 ms, with new client ports all the time (so old conversations go idle).
 */
export function* busyStream(count: number, seed = 7): Generator<FlowRecord> {
  const next = random(seed);
  for (let i = 0; i < count; i += 2) {
    const at = 1_700_000_000_000 + i * 10;
    const client = `10.0.${Math.floor(next() * 200)}.${Math.floor(next() * 250) + 1}`;
    const server = `198.51.100.${Math.floor(next() * 200)}`;
    const port = 1024 + Math.floor(next() * 64000);
    const eni = `eni-${Math.floor(next() * 50)}`;
    yield flow(client, port, server, 443, at, { eni });
    yield flow(server, 443, client, port, at + 5, { eni });
  }
}
