import { createFlowLineReader } from '../vpcflow/line-reader.js';
import { isFlowLineError } from '../vpcflow/flow-record.js';

/** A sniffed network evidence format and how sure the sniffer is (0..1). */
export interface SniffResult {
  readonly format: string;
  readonly confidence: number;
}

const DESCRIBE_KEYS: ReadonlyMap<string, string> = new Map([
  ['SecurityGroups', 'ec2-describe-security-groups'],
  ['NetworkAcls', 'ec2-describe-network-acls'],
  ['NetworkInterfaces', 'ec2-describe-network-interfaces'],
  ['Reservations', 'ec2-describe-instances'],
  ['Subnets', 'ec2-describe-subnets'],
  ['RouteTables', 'ec2-describe-route-tables'],
  ['VpcPeeringConnections', 'ec2-describe-vpc-peering-connections'],
  ['Vpcs', 'ec2-describe-vpcs'],
]);
// The first key of a describe-* output (a NextToken may come first in paginated raw API output).
const DESCRIBE_START = /^\s*\{\s*(?:"NextToken"\s*:\s*"[^"]*"\s*,\s*)?"([A-Za-z]+)"\s*:\s*\[/;
const CONFIG_NETWORK_TYPE = /"resourceType"\s*:\s*"AWS::EC2::(?:SecurityGroup|NetworkAcl|NetworkInterface|Instance|Subnet|RouteTable|VPCPeeringConnection|VPC)"/;
const PUBLIC_DNS_LINE = /^\d+\.\d+ \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z \S+ \S+ \S+ [A-Z0-9]+ (?:UDP|TCP) \S+ \S+ \S+$/;
const MAX_LINES = 20;

/**
 * Recognizes flow logs, Route 53 query logs, EC2 describe-* output and AWS Config network items
 * from the first ≤64 KiB of decompressed text (which may end mid-line or mid-document).
 * Null for anything else, CloudTrail, IAM authorization details, S3 access and ALB logs included.
 */
export function sniffNetworkEvidence(head: string): SniffResult | null {
  const text = head.startsWith('\uFEFF') ? head.slice(1) : head;
  if (/^\s*\{\s*"Records"\s*:\s*\[/.test(text) || /"eventVersion"\s*:/.test(text.slice(0, 4096))) return null;
  const describe = DESCRIBE_START.exec(text);
  if (describe !== null) {
    const format = DESCRIBE_KEYS.get(describe[1] ?? '');
    if (format === 'ec2-describe-instances' && !/"Instances"\s*:/.test(text)) return null;
    if (format !== undefined) return { format, confidence: 0.95 };
  }
  if (CONFIG_NETWORK_TYPE.test(text) && /"configuration(?:Item(?:CaptureTime|Status)|StateId)?"\s*:/.test(text))
    return { format: 'config-network-items', confidence: 0.9 };
  return sniffLines(text);
}

function sniffLines(text: string): SniffResult | null {
  const lines = completeLines(text).filter((line) => line.trim() !== '').slice(0, MAX_LINES);
  if (lines.length === 0) return null;
  const first = lines[0]!.trim();
  if (first.startsWith('{')) return sniffJsonLine(first);
  if (lines.every((line) => PUBLIC_DNS_LINE.test(line.trim()))) return { format: 'route53', confidence: 0.9 };
  return sniffFlowLines(lines);
}

// A cut-off last line is ignored unless it is the only one.
function completeLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && !text.endsWith('\n')) lines.pop();
  return lines;
}

function sniffJsonLine(line: string): SniffResult | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  if (typeof record.query_name === 'string' && ('query_timestamp' in record || 'srcaddr' in record))
    return { format: 'route53resolver', confidence: 0.95 };
  if (typeof record.message === 'string') {
    const inner = sniffFlowLines([record.message]);
    if (inner !== null) return { format: 'vpcflow-cloudwatch', confidence: inner.confidence };
  }
  return null;
}

function sniffFlowLines(lines: readonly string[]): SniffResult | null {
  const reader = createFlowLineReader();
  let records = 0;
  let tgw = false;
  for (const [index, line] of lines.entries()) {
    const tokens = line.trim().split(/\s+/);
    const result = reader.read(line, index + 1);
    if (result === null) {
      if (tokens.includes('tgw-id') || tokens.includes('resource-type')) tgw = true;
      continue;
    }
    if (isFlowLineError(result)) return null;
    records += 1;
    if (tokens.length === 36 && (tokens[3] ?? '').startsWith('tgw-')) tgw = true;
    if ('tgwId' in result && result.tgwId !== null) tgw = true;
  }
  if (records === 0) return null;
  return { format: tgw ? 'tgwflow' : 'vpcflow', confidence: records >= 3 ? 0.95 : 0.8 };
}
