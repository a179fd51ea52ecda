import type { FieldValue, SourceDescriptor, SourceRecord } from '../../../core/source-descriptor.js';
import type { FlowRecord } from './flow-record.js';
import { protocolName } from './protocol.js';

/** VPC and Transit Gateway flow log records (one row per record; time = the record's start). */
export const vpcFlowSource: SourceDescriptor = {
  id: 'vpcflow',
  label: 'VPC flow logs',
  description: 'Network flows accepted or rejected by security groups and network ACLs',
  table: 'vpcflow_records',
  // Addresses are indexed by their keys only (exact addresses and CIDR blocks both seek there); only
  // the addresses go into full text (a bare address typed in the search box finds every source's rows).
  fields: [
    { name: 'srcIp', column: 'src_ip', type: 'ip', cidrIndexed: true, fullText: true, aliases: ['srcaddr', 'source.address'], label: 'Source' },
    { name: 'dstIp', column: 'dst_ip', type: 'ip', cidrIndexed: true, fullText: true, aliases: ['dstaddr', 'destination.address'], label: 'Destination' },
    { name: 'srcPort', column: 'src_port', type: 'int', aliases: ['srcport'], label: 'Src port' },
    { name: 'dstPort', column: 'dst_port', type: 'int', indexed: true, aliases: ['dstport'], label: 'Dst port' },
    { name: 'protocol', column: 'protocol', type: 'text', aliases: ['network.transport'], label: 'Protocol' },
    { name: 'action', column: 'action', type: 'text', indexed: true, aliases: ['event.outcome'], label: 'Action' },
    { name: 'eni', column: 'eni', type: 'text', indexed: true, aliases: ['interface-id', 'interfaceId'], label: 'ENI' },
    { name: 'bytes', column: 'bytes', type: 'int', label: 'Bytes' },
    { name: 'packets', column: 'packets', type: 'int', label: 'Packets' },
    { name: 'end', column: 'end_ms', type: 'time', label: 'End' },
    { name: 'logStatus', column: 'log_status', type: 'text', aliases: ['log-status'], label: 'Log status' },
    { name: 'flowAccountId', column: 'account_id', type: 'text', aliases: ['account-id'], label: 'Account' },
    { name: 'vpcId', column: 'vpc_id', type: 'text', aliases: ['vpc-id'], label: 'VPC' },
    { name: 'subnetId', column: 'subnet_id', type: 'text', aliases: ['subnet-id'], label: 'Subnet' },
    { name: 'instanceId', column: 'instance_id', type: 'text', aliases: ['instance-id'], label: 'Instance' },
    { name: 'tcpFlags', column: 'tcp_flags', type: 'int', aliases: ['tcp-flags'], label: 'TCP flags' },
    { name: 'flowDirection', column: 'flow_direction', type: 'text', aliases: ['flow-direction'], label: 'Direction' },
    { name: 'pktSrcIp', column: 'pkt_src_ip', type: 'ip', aliases: ['pkt-srcaddr'], label: 'Packet source' },
    { name: 'pktDstIp', column: 'pkt_dst_ip', type: 'ip', aliases: ['pkt-dstaddr'], label: 'Packet destination' },
    { name: 'flowRegion', column: 'region', type: 'text', label: 'Region' },
    { name: 'tgwId', column: 'tgw_id', type: 'text', aliases: ['tgw-id'], label: 'Transit gateway' },
    { name: 'rejectReason', column: 'reject_reason', type: 'text', aliases: ['reject-reason'], label: 'Reject reason' },
    { name: 'flowVersion', column: 'version', type: 'int', label: 'Version' },
  ],
  defaultColumns: ['srcIp', 'srcPort', 'dstIp', 'dstPort', 'protocol', 'action', 'bytes', 'eni'],
  project(fields) {
    const text = (name: string) => (fields[name] === null || fields[name] === undefined ? '?' : String(fields[name]));
    return {
      message: `${text('protocol')} ${text('srcIp')}:${text('srcPort')} → ${text('dstIp')}:${text('dstPort')} ${text('bytes')} B`,
      actor: typeof fields.srcIp === 'string' ? fields.srcIp : null,
      target: typeof fields.dstIp === 'string' ? fields.dstIp : null,
      outcome: typeof fields.action === 'string' ? fields.action : null,
    };
  },
};

/** A parsed flow record as a timeline record (time: the start of its capture window). */
export function flowTimelineRecord(record: FlowRecord, raw: string): SourceRecord | null {
  const time = record.start;
  if (time === null) return null;
  const fields: Record<string, FieldValue> = {
    srcIp: record.srcIp,
    dstIp: record.dstIp,
    srcPort: record.srcPort,
    dstPort: record.dstPort,
    protocol: record.protocol === null ? null : protocolName(record.protocol),
    action: record.action,
    eni: record.eni,
    bytes: record.bytes,
    packets: record.packets,
    end: record.end,
    logStatus: record.logStatus,
    flowAccountId: record.accountId,
    vpcId: record.vpcId,
    subnetId: record.subnetId,
    instanceId: record.instanceId,
    tcpFlags: record.tcpFlags,
    flowDirection: record.flowDirection,
    pktSrcIp: record.pktSrcIp,
    pktDstIp: record.pktDstIp,
    flowRegion: record.region,
    tgwId: record.tgwId,
    rejectReason: record.rejectReason,
    flowVersion: record.version,
  };
  return { source: vpcFlowSource.id, time, fields, nativeId: null, raw };
}
