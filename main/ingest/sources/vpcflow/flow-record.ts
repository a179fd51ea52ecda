/** One VPC or Transit Gateway flow log record. Times are integer milliseconds since epoch UTC; a `-` or absent field is null. */
export interface FlowRecord {
  readonly version: number | null;
  readonly accountId: string | null;
  readonly eni: string | null;
  readonly srcIp: string | null;
  readonly dstIp: string | null;
  readonly srcPort: number | null;
  readonly dstPort: number | null;
  /** IANA protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6). */
  readonly protocol: number | null;
  readonly packets: number | null;
  readonly bytes: number | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly action: 'ACCEPT' | 'REJECT' | null;
  readonly logStatus: string | null;
  readonly vpcId: string | null;
  readonly subnetId: string | null;
  readonly instanceId: string | null;
  readonly tcpFlags: number | null;
  readonly type: string | null;
  readonly pktSrcIp: string | null;
  readonly pktDstIp: string | null;
  readonly region: string | null;
  readonly azId: string | null;
  readonly flowDirection: string | null;
  readonly trafficPath: number | null;
  readonly pktSrcService: string | null;
  readonly pktDstService: string | null;
  readonly tgwId: string | null;
  readonly tgwAttachmentId: string | null;
  readonly ecsClusterArn: string | null;
  readonly ecsTaskId: string | null;
  readonly rejectReason: string | null;
  /** Fields with no column above (sublocation, other ecs-*, tgw-src-*, packets-lost-*, unknown custom fields), by field name. */
  readonly extra: Record<string, string>;
}

/** A NODATA / SKIPDATA row: the capture window had no traffic or records were dropped; not an error. */
export interface FlowSkip {
  readonly skip: 'NODATA' | 'SKIPDATA';
  readonly line: number;
  readonly accountId: string | null;
  readonly eni: string | null;
  readonly start: number | null;
  readonly end: number | null;
}

/** A line that is not a readable flow record, with its 1-based line number and the problem. */
export interface FlowLineError {
  readonly line: number;
  readonly error: string;
}

/** What the line reader makes of one line (null: a header or blank line). */
export type FlowLineResult = FlowRecord | FlowSkip | FlowLineError | null;

/** True when the reader's result is a NODATA/SKIPDATA row. */
export function isFlowSkip(result: FlowLineResult): result is FlowSkip {
  return result !== null && 'skip' in result;
}

/** True when the reader's result is an error. */
export function isFlowLineError(result: FlowLineResult): result is FlowLineError {
  return result !== null && 'error' in result;
}

/** True when the reader's result is a flow record. */
export function isFlowRecord(result: FlowLineResult): result is FlowRecord {
  return result !== null && !('skip' in result) && !('error' in result);
}
