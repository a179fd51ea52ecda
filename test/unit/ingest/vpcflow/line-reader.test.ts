import { describe, expect, it } from 'vitest';
import { protocolName } from '../../../../main/ingest/sources/vpcflow/protocol.js';
import { readFlowFile, readFlowText } from './read-lines.js';

// Expected numbers come from awk/grep over the evidence files, not from the parser:
//   awk '{print NF}' FILE | sort | uniq -c      (field counts per line)
//   grep -cE -- '- (NODATA|SKIPDATA)$' FILE      (rows of dashes = skips)

describe('elastic vpcflow/test-extra-samples.log (v2 default, no header)', () => {
  const { records, skips, errors } = readFlowFile('elastic-integrations/vpcflow/test-extra-samples.log');

  it('reads 5 records and 2 skips', () => {
    // grep -c '' → 7 lines, all NF=14; grep -cE -- '- (NODATA|SKIPDATA)$' → 2
    expect(errors).toEqual([]);
    expect(records).toHaveLength(5);
    expect(skips.map((s) => s.skip)).toEqual(['NODATA', 'SKIPDATA']);
    expect(skips[0]).toMatchObject({ line: 2, eni: 'eni-1235b8ca123456789', accountId: '123456789010', start: 1431280876000, end: 1431280934000 });
  });

  it('keeps IPv6 addresses and converts seconds to milliseconds', () => {
    // line 1: 2 123456789010 eni-1235b8ca123456789 2001:db8:1234:a100:8d6e:3477:df66:f105 … 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK
    expect(records[0]).toMatchObject({
      version: 2, accountId: '123456789010', eni: 'eni-1235b8ca123456789',
      srcIp: '2001:db8:1234:a100:8d6e:3477:df66:f105', dstIp: '2001:db8:1234:a102:3304:8879:34cf:4071',
      srcPort: 34892, dstPort: 22, protocol: 6, packets: 54, bytes: 8855,
      start: 1477913708000, end: 1477913820000, action: 'ACCEPT', logStatus: 'OK', vpcId: null, extra: {},
    });
  });

  it('has the RDP reject and the ICMP pair', () => {
    // awk '$13=="REJECT"' → 2 lines (3389 from 78.24.182.42, ICMP reply)
    expect(records.filter((r) => r.action === 'REJECT').map((r) => [r.dstPort, r.protocol])).toEqual([[3389, 6], [0, 1]]);
    expect(protocolName(records[4]!.protocol!)).toBe('icmp');
  });
});

describe('elastic vpcflow/test-tcp-flag-sequence.log (custom order, header before every record)', () => {
  const { records, skips, errors, ignored } = readFlowFile('elastic-integrations/vpcflow/test-tcp-flag-sequence.log');

  it('reads the header three times, 1 record, 2 skips', () => {
    // grep -c '^version' → 3 headers; 6 lines; 2 rows of dashes
    expect(errors).toEqual([]);
    expect(ignored).toBe(3 + 1); // 3 headers + the empty string after the file's final newline (od -c: ends in \n)
    expect(records).toHaveLength(1);
    expect(skips.map((s) => s.skip)).toEqual(['SKIPDATA', 'NODATA']);
  });

  it('maps fields by the header, not by the default order', () => {
    expect(records[0]).toMatchObject({
      version: 3, vpcId: 'vpc-abcdefab012345678', subnetId: 'subnet-aaaaaaaa012345678', instanceId: 'i-01234567890123456',
      eni: 'eni-1235b8ca123456789', accountId: '123456789010', type: 'IPv4', srcIp: '52.213.180.42', dstIp: '10.0.0.62',
      srcPort: 43416, dstPort: 5001, pktSrcIp: '52.213.180.42', pktDstIp: '10.0.0.62', protocol: 6, bytes: 568, packets: 8,
      start: 1566848875000, end: 1566848933000, action: 'ACCEPT', tcpFlags: 2, logStatus: 'OK',
    });
  });
});

describe('elastic vpcflow/test-v5-all-fields.log (v5 default order, 29 fields)', () => {
  it('reads every v5 field', () => {
    // awk '{print NF}' → 29
    const { records, errors } = readFlowFile('elastic-integrations/vpcflow/test-v5-all-fields.log');
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      version: 5, accountId: '64111117617', eni: 'eni-069xxxxxb7a490', srcIp: '89.160.20.156', dstIp: '10.200.0.0',
      srcPort: 50041, dstPort: 33004, protocol: 17, packets: 52, bytes: 1, action: 'REJECT', logStatus: 'OK',
      vpcId: 'vpc-09676f97xxxxxb8a7', subnetId: 'subnet-02d645xxxxxxxdbc0', instanceId: 'i-0axxxxxx1ad77', tcpFlags: 1,
      type: 'IPv4', pktSrcIp: '89.160.20.156', pktDstIp: '10.200.0.80', region: 'us-east-1', azId: 'use1-az5',
      pktSrcService: 'AMAZON', pktDstService: 'CLOUDFRONT', flowDirection: 'ingress', trafficPath: 1, extra: {},
    });
  });
});

describe('elastic vpcflow/test-v8-samples.log (40 fields: ECS + reject-reason)', () => {
  it('reads the ECS fields and the reject reason despite version 3 in the first field', () => {
    // awk '{print NF}' → 40; last field BPA
    const { records, errors } = readFlowFile('elastic-integrations/vpcflow/test-v8-samples.log');
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      version: 3, eni: null, srcIp: '2a02:cf40::', dstIp: '1.128.0.0', action: 'REJECT', logStatus: 'NODATA',
      flowDirection: 'ingress', ecsClusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/backend-cluster',
      ecsTaskId: 'e504f037-35c', rejectReason: 'BPA',
    });
    expect(records[0]!.extra).toMatchObject({ 'ecs-cluster-name': 'backend-cluster', 'ecs-service-name': 'payments-service', 'ecs-container-id': '601a6500-efa' });
  });
});

describe('elastic vpcflow/test-tgw-samples.log (Transit Gateway, 36 fields)', () => {
  const { records, errors, skips } = readFlowFile('elastic-integrations/vpcflow/test-tgw-samples.log');

  it('reads 10 records: SKIPDATA/NODATA rows that carry addresses are records, not skips', () => {
    // awk '{print NF}' → 10×36; awk '{print $26}' | sort | uniq -c → 1 NODATA, 3 OK, 6 SKIPDATA
    expect(errors).toEqual([]);
    expect(skips).toEqual([]);
    expect(records).toHaveLength(10);
    const statuses = records.map((r) => r.logStatus);
    expect(statuses.filter((s) => s === 'OK')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'SKIPDATA')).toHaveLength(6);
  });

  it('maps the TGW fields', () => {
    expect(records[0]).toMatchObject({
      version: 3, accountId: '748335378900', tgwId: 'tgw-0a12bc34de56f7890', tgwAttachmentId: 'tgw-attach-0789ijkl',
      eni: null, srcIp: '1.128.0.0', dstIp: '2a02:cf40::', srcPort: 39464, dstPort: 22, protocol: 6, packets: 49,
      bytes: 8947, flowDirection: 'ingress', action: null,
    });
    expect(records[0]!.extra).toMatchObject({ 'tgw-src-vpc-id': 'vpc-0jkl5678', 'tgw-dst-vpc-id': 'vpc-0ghi9012', 'tgw-src-eni': 'eni-0cc3dd4ee5f66aa7b' });
  });
});

describe('elastic vpcflow/test-with-message-field.log (JSON-wrapped)', () => {
  it('unwraps {"message": …} into a NODATA skip', () => {
    const { skips, errors, records } = readFlowFile('elastic-integrations/vpcflow/test-with-message-field.log');
    expect(errors).toEqual([]);
    expect(records).toEqual([]);
    expect(skips).toEqual([{ skip: 'NODATA', line: 1, accountId: '428961148399', eni: 'eni-0e0bf7be352692297', start: 1671029698000, end: 1671029728000 }]);
  });
});

describe('panther scenario_compromised-root-creds/DERIVED_vpcflow_v2.log', () => {
  it('reads 6 v2 records, 1 rejected', () => {
    // wc -l → 6; awk '$13=="REJECT"' | wc -l → 1; awk '{s+=$10} END {print s}' → 5167085 bytes
    const { records, errors } = readFlowFile('panther-analysis/scenario_compromised-root-creds/DERIVED_vpcflow_v2.log');
    expect(errors).toEqual([]);
    expect(records).toHaveLength(6);
    expect(records.filter((r) => r.action === 'REJECT')).toHaveLength(1);
    expect(records.reduce((sum, r) => sum + (r.bytes ?? 0), 0)).toBe(5167085);
  });
});

describe('errors name the line and the problem', () => {
  it('wrong field count', () => {
    const { errors } = readFlowText('2 123 eni-1 10.0.0.1 10.0.0.2 1 2');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(1);
    expect(errors[0]!.error).toMatch(/found 7 fields/);
  });

  it('bad number and bad address', () => {
    const text = [
      '2 123 eni-1 10.0.0.1 10.0.0.2 80x 443 6 1 1 1 2 ACCEPT OK',
      '2 123 eni-1 10.0.0.999 10.0.0.2 80 443 6 1 1 1 2 ACCEPT OK',
      '2 123 eni-1 10.0.0.1 10.0.0.2 80 443 6 1 1 1 2 ALLOW OK',
    ].join('\n');
    const { errors } = readFlowText(text);
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(errors[0]!.error).toMatch(/srcport is not a number/);
    expect(errors[1]!.error).toMatch(/srcaddr is not an IP address/);
    expect(errors[2]!.error).toMatch(/action/);
  });

  it('a custom header with a line of another length', () => {
    const { errors } = readFlowText('srcaddr dstaddr action\n10.0.0.1 10.0.0.2');
    expect(errors).toEqual([{ line: 2, error: 'the header names 3 fields but the line has 2' }]);
  });

  it('JSON that is not a wrapped flow line', () => {
    const { errors } = readFlowText('{"message": 5}\n{not json');
    expect(errors.map((e) => e.line)).toEqual([1, 2]);
  });

  it('a custom header without version (S3 header first, then records)', () => {
    const { records } = readFlowText('interface-id srcaddr dstaddr dstport action\neni-9 192.0.2.1 10.0.0.5 443 REJECT\n');
    expect(records[0]).toMatchObject({ eni: 'eni-9', srcIp: '192.0.2.1', dstPort: 443, action: 'REJECT', version: null, srcPort: null });
  });
});

describe('unknown fields in a custom header', () => {
  it('keeps them in extra', () => {
    const { records, errors } = readFlowText('version srcaddr dstaddr action resource-id\n9 10.0.0.1 10.0.0.2 ACCEPT r-123\n');
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ version: 9, srcIp: '10.0.0.1', action: 'ACCEPT', extra: { 'resource-id': 'r-123' } });
  });
});
