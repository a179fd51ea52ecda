import { isIP } from 'node:net';
import type { FieldValue } from '../core/source-descriptor.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { iterateSourceRows, type SourceRow } from '../store/queries/source-rows.js';
import { latestResourceStates } from '../store/queries/resource-states.js';
import { SOURCES } from '../ingest/sources/index.js';
import type { FlowRecord } from '../ingest/sources/vpcflow/flow-record.js';
import { protocolNumber } from '../ingest/sources/vpcflow/protocol.js';
import { parseNetworkSnapshot } from '../ingest/sources/network/snapshot.js';
import { mergeNetworkSnapshots, type NetworkSnapshot, type NetworkSnapshotPart } from '../analysis/network/model.js';
import { explainFlow, type FlowExplanation } from '../analysis/network/explain.js';
import { pairConversations } from '../analysis/flows/pair.js';
import type { Conversation, Verdict } from '../analysis/flows/conversation.js';
import { detectScans, type Scan } from '../analysis/flows/scans.js';
import { topTalkers, type Talker } from '../analysis/flows/talkers.js';
import { filterFor } from './read-queries.js';

/**
 * Flow-log analyses over a case: streams the stored VPC flow records back into FlowRecords and
 * runs the pairing, scan and talker engines; explains flows against the newest network snapshot.
 * Times are milliseconds since the epoch, UTC, as the engines give them.
 */

/** Resource-state kinds that hold network configuration (ingest's NETWORK_SNAPSHOT_FORMATS ids). */
export const NETWORK_SNAPSHOT_KINDS = [
  'ec2-describe-vpcs',
  'ec2-describe-subnets',
  'ec2-describe-route-tables',
  'ec2-describe-vpc-peering-connections',
  'ec2-describe-security-groups',
  'ec2-describe-network-acls',
  'ec2-describe-instances',
  'ec2-describe-network-interfaces',
  'config-network-items',
] as const;

export const VERDICTS: readonly Verdict[] = ['ok', 'return-blocked', 'inbound-blocked', 'outbound-blocked', 'one-way'];

/** A time range (ms UTC; `from` inclusive, `to` exclusive). */
export interface FlowRange {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

const text = (value: FieldValue | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);
const int = (value: FieldValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A stored vpcflow row back as the engines' FlowRecord (unknown fields null, `extra` empty). */
export function flowRecordFromRow(row: SourceRow): FlowRecord {
  const f = row.fields;
  const protocol = typeof f.protocol === 'string' ? protocolNumber(f.protocol.startsWith('proto-') ? f.protocol.slice(6) : f.protocol) : int(f.protocol);
  const action = f.action === 'ACCEPT' || f.action === 'REJECT' ? f.action : null;
  return {
    version: int(f.flowVersion),
    accountId: text(f.flowAccountId),
    eni: text(f.eni),
    srcIp: text(f.srcIp),
    dstIp: text(f.dstIp),
    srcPort: int(f.srcPort),
    dstPort: int(f.dstPort),
    protocol,
    packets: int(f.packets),
    bytes: int(f.bytes),
    start: row.time,
    end: int(f.end),
    action,
    logStatus: text(f.logStatus),
    vpcId: text(f.vpcId),
    subnetId: text(f.subnetId),
    instanceId: text(f.instanceId),
    tcpFlags: int(f.tcpFlags),
    type: null,
    pktSrcIp: text(f.pktSrcIp),
    pktDstIp: text(f.pktDstIp),
    region: text(f.flowRegion),
    azId: null,
    flowDirection: text(f.flowDirection),
    trafficPath: null,
    pktSrcService: null,
    pktDstService: null,
    tgwId: text(f.tgwId),
    tgwAttachmentId: null,
    ecsClusterArn: null,
    ecsTaskId: null,
    rejectReason: text(f.rejectReason),
    extra: {},
  };
}

/** The case's flow records in start-time order, optionally within a time range. */
export function* caseFlowRecords(db: ReadonlyDb, range: FlowRange = {}): Generator<FlowRecord> {
  const descriptor = SOURCES.get('vpcflow');
  if (!descriptor) return;
  const filter = filterFor(db, { from: range.from, to: range.to }, { perSource: true });
  const part = filter.parts.find((candidate) => candidate.source === descriptor.id);
  if (!part) return;
  for (const row of iterateSourceRows(db, descriptor, part)) yield flowRecordFromRow(row);
}

/** The newest network snapshot documents of the case merged into one snapshot; null when the case has none. */
export function caseNetworkSnapshot(db: ReadonlyDb): { snapshot: NetworkSnapshot | null; notes: string[] } {
  const states = latestResourceStates(db, NETWORK_SNAPSHOT_KINDS);
  if (states.length === 0) return { snapshot: null, notes: [] };
  const parts: NetworkSnapshotPart[] = [];
  const notes: string[] = [];
  // Oldest capture first, so a newer document's resources replace an older one's.
  for (const state of [...states].sort((a, b) => a.capturedAt - b.capturedAt || a.fileId - b.fileId)) {
    try {
      const part = parseNetworkSnapshot(JSON.parse(state.document) as unknown);
      parts.push(part);
      notes.push(...part.notes.map((note) => `${state.kind} ${state.resourceId}: ${note}`));
    } catch (error) {
      notes.push(`${state.kind} ${state.resourceId}: unreadable (${(error as Error).message})`);
    }
  }
  return { snapshot: mergeNetworkSnapshots(parts), notes };
}

/** Each ENI's addresses from the snapshot (tells pairing which end is the ENI). */
function eniAddresses(snapshot: NetworkSnapshot | null): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (snapshot === null) return out;
  for (const eni of snapshot.enis.values()) out.set(eni.id, new Set([...eni.privateIps, ...eni.publicIps]));
  return out;
}

export interface PairRequest extends FlowRange {
  readonly verdict?: Verdict | undefined;
  readonly windowMs?: number | undefined;
}

/** Request/reply conversations (oldest first), explained against the newest network snapshot. */
export function flowPairs(db: ReadonlyDb, request: PairRequest = {}): Conversation[] {
  const { snapshot } = caseNetworkSnapshot(db);
  const conversations = pairConversations(caseFlowRecords(db, request), {
    snapshot,
    eniAddresses: eniAddresses(snapshot),
    ...(request.windowMs !== undefined ? { windowMs: request.windowMs } : {}),
  });
  return conversations
    .filter((conv) => request.verdict === undefined || conv.verdict === request.verdict)
    .sort((a, b) => a.first - b.first || a.last - b.last);
}

/** Port scans (vertical and horizontal), by first probe. */
export function flowScans(db: ReadonlyDb, range: FlowRange = {}): Scan[] {
  return detectScans(caseFlowRecords(db, range)).sort((a, b) => a.first - b.first || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** DNS names by answered address, from the case's Route 53 Resolver query logs. */
export function resolverNames(db: ReadonlyDb, maxNamesPerAddress = 16): Map<string, string[]> {
  const names = new Map<string, Set<string>>();
  const descriptor = SOURCES.get('route53resolver');
  if (!descriptor) return new Map();
  for (const row of iterateSourceRows(db, descriptor)) {
    const query = text(row.fields.query);
    const answers = row.fields.answer;
    if (query === null || !Array.isArray(answers)) continue;
    for (const answer of answers) {
      if (isIP(answer) === 0) continue;
      const address = answer.toLowerCase();
      let set = names.get(address);
      if (set === undefined) {
        set = new Set();
        names.set(address, set);
      }
      if (set.size < maxNamesPerAddress) set.add(query);
    }
  }
  return new Map([...names].map(([address, set]) => [address, [...set].sort()]));
}

export interface TalkerRequest extends FlowRange {
  readonly limit: number;
}

/** Remote addresses ranked by bytes, with the DNS names they answered for. */
export function flowTalkers(db: ReadonlyDb, request: TalkerRequest): Talker[] {
  return topTalkers(caseFlowRecords(db, request), { limit: request.limit, names: resolverNames(db) });
}

export interface ExplainRequest {
  readonly src: string;
  readonly dst: string;
  readonly srcPort?: number | undefined;
  readonly dstPort: number;
  /** IANA protocol number. */
  readonly protocol: number;
}

/** Whether a hypothetical flow passes the newest network snapshot's NACLs and security groups. */
export function explainCaseFlow(db: ReadonlyDb, request: ExplainRequest): { explanation: FlowExplanation; snapshot: boolean } {
  const { snapshot } = caseNetworkSnapshot(db);
  const explanation = explainFlow(snapshot ?? mergeNetworkSnapshots([]), {
    src: request.src,
    dst: request.dst,
    dstPort: request.dstPort,
    protocol: request.protocol,
    ...(request.srcPort !== undefined ? { srcPort: request.srcPort } : {}),
  });
  return { explanation, snapshot: snapshot !== null };
}
