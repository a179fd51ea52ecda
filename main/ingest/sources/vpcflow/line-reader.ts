import { isIP } from 'node:net';
import { KNOWN_FIELDS, TGW_FIELDS, VPC_ORDERS_BY_COUNT } from './field-orders.js';
import type { FlowLineResult, FlowRecord } from './flow-record.js';

/** Reads flow log lines one at a time; remembers the last header line so custom field orders work. */
export interface FlowLineReader {
  /** Parses one line (without its newline); null for a header or blank line. `lineNumber` is 1-based. */
  read(line: string, lineNumber: number): FlowLineResult;
}

// Fields copied into named FlowRecord properties; everything else lands in `extra`.
const NAMED: ReadonlySet<string> = new Set([
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets',
  'bytes', 'start', 'end', 'action', 'log-status', 'vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type',
  'pkt-srcaddr', 'pkt-dstaddr', 'region', 'az-id', 'flow-direction', 'traffic-path', 'pkt-src-aws-service',
  'pkt-dst-aws-service', 'tgw-id', 'tgw-attachment-id', 'ecs-cluster-arn', 'ecs-task-id', 'reject-reason',
]);
const NUMERIC = ['version', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'tcp-flags', 'traffic-path'];
const ADDRESSES = ['srcaddr', 'dstaddr', 'pkt-srcaddr', 'pkt-dstaddr'];
// Flow lines are short; a longer "line" is not a flow record and is not worth splitting.
const MAX_LINE = 16 * 1024;

class ReadError extends Error {}

/** Creates a reader for one file (one flow log stream): header state does not carry across files. */
export function createFlowLineReader(): FlowLineReader {
  let header: readonly string[] | null = null;

  function readText(text: string, lineNumber: number, depth: number): FlowLineResult {
    const trimmed = text.trim();
    if (trimmed === '') return null;
    if (trimmed.length > MAX_LINE) return { line: lineNumber, error: `line is ${trimmed.length} characters, too long for a flow record` };
    if (trimmed.startsWith('{')) {
      if (depth > 0) return { line: lineNumber, error: 'a JSON-wrapped message holds another JSON object' };
      return readWrapped(trimmed, lineNumber);
    }
    const tokens = trimmed.split(/\s+/);
    if (isHeader(tokens)) {
      header = tokens;
      return null;
    }
    const fields = header ?? defaultOrder(tokens);
    if (fields === null)
      return {
        line: lineNumber,
        error: `found ${tokens.length} fields: not a documented default order (14, 21, 25, 29, 39, 40 VPC fields or 36 Transit Gateway fields) and no header line names a custom order`,
      };
    if (fields.length !== tokens.length)
      return { line: lineNumber, error: `the header names ${fields.length} fields but the line has ${tokens.length}` };
    try {
      return toRecord(fields, tokens, lineNumber);
    } catch (error) {
      if (error instanceof ReadError) return { line: lineNumber, error: error.message };
      throw error;
    }
  }

  function readWrapped(text: string, lineNumber: number): FlowLineResult {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { line: lineNumber, error: 'the line starts with { but is not valid JSON' };
    }
    const message = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).message : undefined;
    if (typeof message !== 'string') return { line: lineNumber, error: 'JSON line has no string "message" field holding a flow record' };
    return readText(message, lineNumber, 1);
  }

  return { read: (line, lineNumber) => readText(line, lineNumber, 0) };
}

// A header names fields: lowercase words with dashes, mostly ones we know. Unknown names (fields
// AWS adds later) are kept and land in `extra`.
function isHeader(tokens: readonly string[]): boolean {
  if (tokens.length === 0 || !tokens.every((token) => /^[a-z][a-z0-9-]*$/.test(token))) return false;
  const known = tokens.filter((token) => KNOWN_FIELDS.has(token)).length;
  return known * 2 >= tokens.length;
}

function defaultOrder(tokens: readonly string[]): readonly string[] | null {
  if (tokens.length === TGW_FIELDS.length && (tokens[3] ?? '').startsWith('tgw-')) return TGW_FIELDS;
  return VPC_ORDERS_BY_COUNT.get(tokens.length) ?? null;
}

function toRecord(fields: readonly string[], tokens: readonly string[], lineNumber: number): FlowLineResult {
  const values = new Map<string, string>();
  const extra: Record<string, string> = {};
  fields.forEach((name, index) => {
    const value = tokens[index] ?? '-';
    if (value === '-') return;
    values.set(name, value);
    if (!NAMED.has(name)) extra[name] = value;
  });
  const text = (name: string): string | null => values.get(name) ?? null;
  for (const name of NUMERIC) {
    const value = values.get(name);
    if (value !== undefined && !/^\d{1,15}$/.test(value)) throw new ReadError(`${name} is not a number: ${JSON.stringify(value)}`);
  }
  for (const name of ADDRESSES) {
    const value = values.get(name);
    // node:net's check is native (ipaddr.js's showed in profiles at a million records).
    if (value !== undefined && isIP(value) === 0) throw new ReadError(`${name} is not an IP address: ${JSON.stringify(value)}`);
  }
  const number = (name: string): number | null => {
    const value = values.get(name);
    return value === undefined ? null : Number(value);
  };
  const seconds = (name: string): number | null => {
    const value = number(name);
    return value === null ? null : value * 1000;
  };
  const action = text('action');
  if (action !== null && action !== 'ACCEPT' && action !== 'REJECT')
    throw new ReadError(`action is neither ACCEPT nor REJECT: ${JSON.stringify(action)}`);
  const logStatus = text('log-status');
  const srcIp = text('srcaddr');
  const dstIp = text('dstaddr');
  if ((logStatus === 'NODATA' || logStatus === 'SKIPDATA') && srcIp === null && dstIp === null)
    return {
      skip: logStatus,
      line: lineNumber,
      accountId: text('account-id'),
      eni: text('interface-id'),
      start: seconds('start'),
      end: seconds('end'),
    };
  const record: FlowRecord = {
    version: number('version'),
    accountId: text('account-id'),
    eni: text('interface-id'),
    srcIp,
    dstIp,
    srcPort: number('srcport'),
    dstPort: number('dstport'),
    protocol: number('protocol'),
    packets: number('packets'),
    bytes: number('bytes'),
    start: seconds('start'),
    end: seconds('end'),
    action,
    logStatus,
    vpcId: text('vpc-id'),
    subnetId: text('subnet-id'),
    instanceId: text('instance-id'),
    tcpFlags: number('tcp-flags'),
    type: text('type'),
    pktSrcIp: text('pkt-srcaddr'),
    pktDstIp: text('pkt-dstaddr'),
    region: text('region'),
    azId: text('az-id'),
    flowDirection: text('flow-direction'),
    trafficPath: number('traffic-path'),
    pktSrcService: text('pkt-src-aws-service'),
    pktDstService: text('pkt-dst-aws-service'),
    tgwId: text('tgw-id'),
    tgwAttachmentId: text('tgw-attachment-id'),
    ecsClusterArn: text('ecs-cluster-arn'),
    ecsTaskId: text('ecs-task-id'),
    rejectReason: text('reject-reason'),
    extra,
  };
  return record;
}
