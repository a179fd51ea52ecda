import type { FlowRecord } from '../../ingest/sources/vpcflow/flow-record.js';
import { cidrContains, isPrivateAddress } from '../network/cidr.js';
import { firstIsServer } from './client-server.js';

/** A remote address and the traffic exchanged with it in one direction (egress: sent to it). Times in ms since epoch UTC. */
export interface Talker {
  readonly address: string;
  readonly direction: 'egress' | 'ingress';
  readonly bytes: number;
  readonly packets: number;
  readonly records: number;
  /** Service ports of the conversations (sorted, at most 64 kept). */
  readonly ports: number[];
  /** DNS names the address answered for, when given. */
  readonly names: string[];
  readonly enis: string[];
  readonly first: number;
  readonly last: number;
}

/** Options for ranking talkers. */
export interface TalkerOptions {
  readonly limit: number;
  /** Local ranges (the VPC CIDRs); default: private address ranges. */
  readonly localCidrs?: readonly string[];
  /** DNS names by address (from Resolver query log answers). */
  readonly names?: ReadonlyMap<string, readonly string[]>;
  /** Most (address, direction) pairs tracked; beyond it the smaller half is dropped, so totals become lower bounds. Default 200 000. */
  readonly maxTracked?: number;
}

interface Tally {
  bytes: number;
  packets: number;
  records: number;
  readonly ports: Set<number>;
  readonly enis: Set<string>;
  first: number;
  last: number;
}

const MAX_PORTS = 64;
const MAX_ENIS = 64;

/** A streaming top-talkers aggregate. */
export interface TalkerAggregator {
  push(record: FlowRecord): void;
  /** The top `limit` talkers by bytes. */
  result(): Talker[];
}

/** Creates an aggregate of remote addresses by bytes. Records where both or neither side is local are ignored. */
export function createTalkerAggregator(options: TalkerOptions): TalkerAggregator {
  const maxTracked = options.maxTracked ?? 200_000;
  const tallies = new Map<string, Tally>();
  const isLocal = (ip: string): boolean =>
    options.localCidrs === undefined ? isPrivateAddress(ip) : options.localCidrs.some((cidr) => cidrContains(cidr, ip));

  function prune(): void {
    const sorted = [...tallies.entries()].sort((a, b) => a[1].bytes - b[1].bytes);
    for (const [key] of sorted.slice(0, Math.floor(sorted.length / 2))) tallies.delete(key);
  }

  return {
    push(record) {
      const { srcIp, dstIp } = record;
      if (srcIp === null || dstIp === null) return;
      const srcLocal = isLocal(srcIp);
      const dstLocal = isLocal(dstIp);
      if (srcLocal === dstLocal) return;
      const remote = srcLocal ? dstIp : srcIp;
      const direction = srcLocal ? 'egress' : 'ingress';
      const key = `${direction}|${remote}`;
      let tally = tallies.get(key);
      if (tally === undefined) {
        if (tallies.size >= maxTracked) prune();
        tally = { bytes: 0, packets: 0, records: 0, ports: new Set(), enis: new Set(), first: Infinity, last: -Infinity };
        tallies.set(key, tally);
      }
      tally.bytes += record.bytes ?? 0;
      tally.packets += record.packets ?? 0;
      tally.records += 1;
      const srcPort = record.srcPort ?? 0;
      const dstPort = record.dstPort ?? 0;
      const port = firstIsServer(srcPort, dstPort) === true ? srcPort : dstPort;
      if (tally.ports.size < MAX_PORTS) tally.ports.add(port);
      if (record.eni !== null && tally.enis.size < MAX_ENIS) tally.enis.add(record.eni);
      const start = record.start ?? record.end;
      if (start !== null) tally.first = Math.min(tally.first, start);
      const end = record.end ?? record.start;
      if (end !== null) tally.last = Math.max(tally.last, end);
    },
    result() {
      return [...tallies.entries()]
        .sort((a, b) => b[1].bytes - a[1].bytes || (a[0] < b[0] ? -1 : 1))
        .slice(0, options.limit)
        .map(([key, tally]) => {
          const [direction, address] = splitKey(key);
          return {
            address,
            direction,
            bytes: tally.bytes,
            packets: tally.packets,
            records: tally.records,
            ports: [...tally.ports].sort((a, b) => a - b),
            names: [...(options.names?.get(address) ?? [])],
            enis: [...tally.enis].sort(),
            first: Number.isFinite(tally.first) ? tally.first : 0,
            last: Number.isFinite(tally.last) ? tally.last : 0,
          };
        });
    },
  };
}

function splitKey(key: string): ['egress' | 'ingress', string] {
  const bar = key.indexOf('|');
  return [key.slice(0, bar) === 'egress' ? 'egress' : 'ingress', key.slice(bar + 1)];
}

/** Remote addresses ranked by bytes exchanged with the local ENIs. */
export function topTalkers(records: Iterable<FlowRecord>, options: TalkerOptions): Talker[] {
  const aggregator = createTalkerAggregator(options);
  for (const record of records) aggregator.push(record);
  return aggregator.result();
}
