import type { FlowRecord } from '../../ingest/sources/vpcflow/flow-record.js';
import type { NetworkSnapshot } from '../network/model.js';
import { firstIsServer } from './client-server.js';
import type { Conversation } from './conversation.js';
import { explainConversation } from './explain-conversation.js';
import { EniAddressLearner } from './local-address.js';
import { decideVerdict, directionAction } from './verdict.js';

/** Options for pairing. */
export interface PairOptions {
  /** Largest gap between records of one conversation, in ms (default 10 minutes, the maximum flow log aggregation interval). */
  readonly windowMs?: number;
  /** Evaluate rejected conversations against this snapshot (else the explanation is inferred from the pattern). */
  readonly snapshot?: NetworkSnapshot | null;
  /** Each ENI's own addresses, when known, to tell inbound from outbound. */
  readonly eniAddresses?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A streaming pairer: push records sorted by start time, collect conversations as they go idle. */
export interface ConversationPairer {
  /** Adds one record; returns the conversations that went idle (often none). Records without addresses are ignored. */
  push(record: FlowRecord): Conversation[];
  /** Flushes every open conversation. */
  finish(): Conversation[];
  /** Conversations currently open (for memory checks). */
  readonly openCount: number;
}

const DEFAULT_WINDOW_MS = 10 * 60 * 1000;

interface Open {
  readonly eni: string;
  readonly a: string;
  readonly aPort: number;
  readonly b: string;
  readonly bPort: number;
  readonly protocol: number;
  // Counts of records sent a → b and b → a.
  abAccepted: number;
  abRejected: number;
  baAccepted: number;
  baRejected: number;
  records: number;
  bytes: number;
  first: number;
  last: number;
  // The ENI's own address as flow-direction said, when any record carried it.
  localIsA: boolean | null;
}

/**
 * Creates a pairer. Memory is bounded by the conversations active within one window: every
 * quarter window (in record time) those idle longer than the window are flushed.
 */
export function createConversationPairer(options: PairOptions = {}): ConversationPairer {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const learner = new EniAddressLearner(options.eniAddresses);
  const open = new Map<string, Open>();
  let lastSweep = -Infinity;

  const close = (conv: Open): Conversation => finalize(conv, learner, options.snapshot ?? null);

  function sweep(now: number, out: Conversation[]): void {
    for (const [key, conv] of open) {
      if (now - conv.last > windowMs) {
        open.delete(key);
        out.push(close(conv));
      }
    }
    lastSweep = now;
  }

  return {
    push(record) {
      const out: Conversation[] = [];
      const { srcIp, dstIp } = record;
      if (srcIp === null || dstIp === null) return out;
      const eni = record.eni ?? record.tgwAttachmentId ?? '-';
      const srcPort = record.srcPort ?? 0;
      const dstPort = record.dstPort ?? 0;
      const protocol = record.protocol ?? -1;
      const start = record.start ?? record.end ?? 0;
      const end = Math.max(record.end ?? start, start);
      if (start - lastSweep >= windowMs / 4) sweep(start, out);
      learner.observe(eni, srcIp, dstIp);

      // One key for both directions: the endpoints in a fixed order.
      const srcEnd = `${srcIp}|${srcPort}`;
      const dstEnd = `${dstIp}|${dstPort}`;
      const key = srcEnd < dstEnd ? `${eni}|${protocol}|${srcEnd}|${dstEnd}` : `${eni}|${protocol}|${dstEnd}|${srcEnd}`;
      let conv = open.get(key);
      if (conv !== undefined && start - conv.last > windowMs) {
        open.delete(key);
        out.push(close(conv));
        conv = undefined;
      }
      if (conv === undefined) {
        conv = {
          eni, a: srcIp, aPort: srcPort, b: dstIp, bPort: dstPort, protocol,
          abAccepted: 0, abRejected: 0, baAccepted: 0, baRejected: 0,
          records: 0, bytes: 0, first: start, last: end, localIsA: null,
        };
        open.set(key, conv);
      }
      const fromA = conv.a === srcIp && conv.aPort === srcPort;
      if (record.action === 'ACCEPT') {
        if (fromA) conv.abAccepted += 1;
        else conv.baAccepted += 1;
      } else if (record.action === 'REJECT') {
        if (fromA) conv.abRejected += 1;
        else conv.baRejected += 1;
      }
      if (conv.localIsA === null && (record.flowDirection === 'ingress' || record.flowDirection === 'egress'))
        // ingress: the destination is the ENI's address.
        conv.localIsA = (record.flowDirection === 'ingress') !== fromA;
      conv.records += 1;
      conv.bytes += record.bytes ?? 0;
      conv.first = Math.min(conv.first, start);
      conv.last = Math.max(conv.last, end);
      return out;
    },
    finish() {
      const out = [...open.values()].map(close);
      open.clear();
      return out;
    },
    get openCount() {
      return open.size;
    },
  };
}

/**
 * Pairs request and reply records into conversations (see createConversationPairer). Records must
 * arrive sorted by start time; the result is in flush order.
 */
export function pairConversations(records: Iterable<FlowRecord>, options: PairOptions = {}): Conversation[] {
  const pairer = createConversationPairer(options);
  const out: Conversation[] = [];
  for (const record of records) for (const conv of pairer.push(record)) out.push(conv);
  for (const conv of pairer.finish()) out.push(conv);
  return out;
}

function finalize(conv: Open, learner: EniAddressLearner, snapshot: NetworkSnapshot | null): Conversation {
  const byPorts = firstIsServer(conv.aPort, conv.bPort);
  // Ports undecided: the first record's destination is the server.
  const serverIsA = byPorts ?? false;
  const client = serverIsA ? conv.b : conv.a;
  const server = serverIsA ? conv.a : conv.b;
  const clientPort = serverIsA ? conv.bPort : conv.aPort;
  const serverPort = serverIsA ? conv.aPort : conv.bPort;
  const forward = serverIsA ? directionAction(conv.baAccepted, conv.baRejected) : directionAction(conv.abAccepted, conv.abRejected);
  const reverse = serverIsA ? directionAction(conv.abAccepted, conv.abRejected) : directionAction(conv.baAccepted, conv.baRejected);
  const localIsA = conv.localIsA ?? learner.isLocal(conv.eni, conv.a, conv.b);
  // Nothing tells the ENI's address apart: assume the first record arrived at the ENI.
  const serverIsEni = localIsA === null ? !serverIsA : localIsA === serverIsA;
  const verdict = decideVerdict(forward, reverse, serverIsEni);
  const base = { eni: conv.eni, client, server, serverPort, protocol: conv.protocol, forward, reverse, verdict };
  return {
    ...base,
    records: conv.records,
    bytes: conv.bytes,
    first: conv.first,
    last: conv.last,
    explanation: explainConversation(base, snapshot, { clientPort, serverIsEni }),
  };
}
