import type { EvidenceFormat } from '../../format.js';
import { readNonBlankLines } from '../../json/stream-readers.js';
import { sniffNetworkEvidence } from '../network/sniff.js';
import { parseResolverQueryLog } from './resolver-query-log.js';
import { parsePublicQueryLog } from './public-query-log.js';
import { publicQueryRecord, resolverRecord } from './descriptors.js';

/** The network sniffer's confidence that a head is this DNS log format (0 when not). */
export function dnsConfidence(head: Buffer, id: 'route53resolver' | 'route53'): number {
  const found = sniffNetworkEvidence(head.toString('utf8'));
  return found?.format === id ? found.confidence : 0;
}

/** Route 53 Resolver query logs (JSON lines, S3 or CloudWatch export). */
export const route53ResolverFormat: EvidenceFormat = {
  id: 'route53resolver',
  source: 'route53resolver',
  description: 'Route 53 Resolver query logs (JSON lines)',
  producesEvents: true,
  sniff: (head) => dnsConfidence(head, 'route53resolver') > 0,
  async parse(input, sink, context) {
    await readNonBlankLines(input, sink, context, (text, locator) => {
      const result = parseResolverQueryLog(text);
      if ('error' in result) sink.error(locator, result.error);
      else sink.event(resolverRecord(result.query, text), locator);
    });
  },
};

/** Route 53 public hosted-zone query logs (space-separated). */
export const route53PublicFormat: EvidenceFormat = {
  id: 'route53',
  source: 'route53',
  description: 'Route 53 public hosted-zone query logs',
  producesEvents: true,
  sniff: (head) => dnsConfidence(head, 'route53') > 0,
  async parse(input, sink, context) {
    await readNonBlankLines(input, sink, context, (text, locator) => {
      const result = parsePublicQueryLog(text);
      if ('error' in result) sink.error(locator, result.error);
      else sink.event(publicQueryRecord(result.query, text), locator);
    });
  },
};
