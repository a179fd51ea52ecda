import type { FlowRecord } from '../../ingest/sources/vpcflow/flow-record.js';

/** A port scan: one source probing many ports on one target (vertical) or one port on many targets (horizontal). */
export interface Scan {
  readonly source: string;
  readonly kind: 'vertical' | 'horizontal';
  /** The target (vertical) or the targets, sorted (horizontal). */
  readonly targets: string[];
  readonly distinctPorts: number;
  /** Probe records accepted / rejected. */
  readonly accepted: number;
  readonly rejected: number;
  /** Milliseconds since epoch UTC. */
  readonly first: number;
  readonly last: number;
}

/** Thresholds and the idle gap that ends a scan. */
export interface ScanOptions {
  /** Distinct destination ports on one target that make a vertical scan (default 100). */
  readonly verticalPorts?: number;
  /** Distinct targets on one port that make a horizontal scan (default 20). */
  readonly horizontalTargets?: number;
  /** A source idle towards a target (or port) longer than this, in ms, ends that scan (default 1 hour). */
  readonly windowMs?: number;
}

/** A streaming scan detector over records sorted by start time. */
export interface ScanDetector {
  /** Adds one record; returns scans that ended (went idle). */
  push(record: FlowRecord): Scan[];
  /** Ends every open aggregate and returns the scans among them. */
  finish(): Scan[];
  /** Aggregates currently held (for memory checks). */
  readonly openCount: number;
}

interface Aggregate {
  readonly source: string;
  readonly set: Set<string | number>;
  readonly fixed: string | number;
  accepted: number;
  rejected: number;
  first: number;
  last: number;
}

const HOUR = 60 * 60 * 1000;

/** Where the ephemeral (client) port ranges of Linux (32768–60999) and Windows (49152–65535) begin. */
const EPHEMERAL_PORTS = 32_768;

/**
 * A record from a service port to a client port: a reply, not a probe. Well-known ports answering
 * unprivileged ones, and registered ports (a database on 5432, a proxy on 8080) answering ephemeral
 * ones: a busy server's replies to many client ports are not a scan.
 */
function isPlainlyReply(srcPort: number, dstPort: number): boolean {
  return (srcPort < 1024 && dstPort >= 1024) || (srcPort < EPHEMERAL_PORTS && dstPort >= EPHEMERAL_PORTS);
}

/**
 * Creates a scan detector. A record counts as a probe unless it is plainly a reply (see
 * isPlainlyReply).
 * Memory is bounded by the (source, target) and (source, port) pairs active within the window.
 */
export function createScanDetector(options: ScanOptions = {}): ScanDetector {
  const verticalPorts = options.verticalPorts ?? 100;
  const horizontalTargets = options.horizontalTargets ?? 20;
  const windowMs = options.windowMs ?? HOUR;
  const vertical = new Map<string, Aggregate>();
  const horizontal = new Map<string, Aggregate>();
  let lastSweep = -Infinity;

  function toScan(kind: 'vertical' | 'horizontal', agg: Aggregate): Scan | null {
    const threshold = kind === 'vertical' ? verticalPorts : horizontalTargets;
    if (agg.set.size < threshold) return null;
    return {
      source: agg.source,
      kind,
      targets: kind === 'vertical' ? [String(agg.fixed)] : [...agg.set].map(String).sort(),
      distinctPorts: kind === 'vertical' ? agg.set.size : 1,
      accepted: agg.accepted,
      rejected: agg.rejected,
      first: agg.first,
      last: agg.last,
    };
  }

  function flush(now: number, out: Scan[]): void {
    for (const [kind, map] of [['vertical', vertical], ['horizontal', horizontal]] as const)
      for (const [key, agg] of map)
        if (now - agg.last > windowMs) {
          map.delete(key);
          const scan = toScan(kind, agg);
          if (scan !== null) out.push(scan);
        }
    lastSweep = now;
  }

  function add(map: Map<string, Aggregate>, kind: 'vertical' | 'horizontal', key: string, record: FlowRecord, source: string, fixed: string | number, member: string | number, time: number, out: Scan[]): void {
    let agg = map.get(key);
    if (agg !== undefined && time - agg.last > windowMs) {
      map.delete(key);
      const scan = toScan(kind, agg);
      if (scan !== null) out.push(scan);
      agg = undefined;
    }
    if (agg === undefined) {
      agg = { source, set: new Set(), fixed, accepted: 0, rejected: 0, first: time, last: time };
      map.set(key, agg);
    }
    agg.set.add(member);
    if (record.action === 'ACCEPT') agg.accepted += 1;
    else if (record.action === 'REJECT') agg.rejected += 1;
    agg.first = Math.min(agg.first, time);
    agg.last = Math.max(agg.last, record.end ?? time);
  }

  return {
    push(record) {
      const out: Scan[] = [];
      const { srcIp, dstIp, dstPort } = record;
      if (srcIp === null || dstIp === null || dstPort === null) return out;
      const srcPort = record.srcPort ?? 0;
      if (isPlainlyReply(srcPort, dstPort)) return out;
      const time = record.start ?? record.end ?? 0;
      if (time - lastSweep >= windowMs / 4) flush(time, out);
      add(vertical, 'vertical', `${srcIp}|${dstIp}`, record, srcIp, dstIp, dstPort, time, out);
      add(horizontal, 'horizontal', `${srcIp}|${dstPort}`, record, srcIp, dstPort, dstIp, time, out);
      return out;
    },
    finish() {
      const out: Scan[] = [];
      flush(Infinity, out);
      return out;
    },
    get openCount() {
      return vertical.size + horizontal.size;
    },
  };
}

/** All scans in records sorted by start time (see createScanDetector), in the order they ended. */
export function detectScans(records: Iterable<FlowRecord>, options: ScanOptions = {}): Scan[] {
  const detector = createScanDetector(options);
  const out: Scan[] = [];
  for (const record of records) out.push(...detector.push(record));
  out.push(...detector.finish());
  return out;
}
