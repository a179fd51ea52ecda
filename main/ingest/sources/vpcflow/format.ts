import type { EvidenceFormat } from '../../format.js';
import { readNonBlankLines } from '../../json/stream-readers.js';
import { sniffNetworkEvidence } from '../network/sniff.js';
import { createFlowLineReader } from './line-reader.js';
import { isFlowLineError, isFlowSkip } from './flow-record.js';
import { flowTimelineRecord } from './descriptor.js';

const FLOW_FORMATS = new Set(['vpcflow', 'vpcflow-cloudwatch', 'tgwflow']);

/** The confidence the network sniffer gives a file's head as a flow log (0 when it is not one). */
export function flowLogConfidence(head: Buffer): { id: string; confidence: number } | null {
  const found = sniffNetworkEvidence(head.toString('utf8'));
  return found && FLOW_FORMATS.has(found.format) ? { id: found.format, confidence: found.confidence } : null;
}

/**
 * VPC and Transit Gateway flow logs in every delivered shape (default v2, header lines, custom
 * field orders, CloudWatch-wrapped lines). NODATA/SKIPDATA rows carry no flow and are skipped
 * silently; a line that cannot be read is a located error and reading goes on.
 */
export const vpcFlowFormat: EvidenceFormat = {
  id: 'vpcflow',
  source: 'vpcflow',
  description: 'VPC / Transit Gateway flow log records',
  producesEvents: true,
  sniff: (head) => flowLogConfidence(head) !== null,
  async parse(input, sink, context) {
    const reader = createFlowLineReader();
    await readNonBlankLines(input, sink, context, (text, locator) => {
      const line = Number(locator.slice('line '.length));
      const result = reader.read(text, line);
      if (result === null || isFlowSkip(result)) return;
      if (isFlowLineError(result)) {
        sink.error(locator, result.error);
        return;
      }
      const record = flowTimelineRecord(result, text);
      if (record) sink.event(record, locator);
      else sink.error(locator, 'flow record without a start time');
    });
  },
};
