import type { SourceDescriptor, SourceRecord } from '../../../core/source-descriptor.js';
import type { ResolverQuery } from './resolver-query-log.js';
import type { PublicQuery } from './public-query-log.js';

/** DNS names are stored without the trailing dot: `query:example.com.` and `query:example.com` are one name. */
const withoutTrailingDot = (typed: string): string => (typed.length > 1 && typed.endsWith('.') ? typed.slice(0, -1) : typed);

const dnsProjection: SourceDescriptor['project'] = (fields) => ({
  message: `${String(fields.queryType ?? '?')} ${String(fields.query ?? '?')} → ${String(fields.rcode ?? '?')}`,
  actor: typeof fields.srcIp === 'string' ? fields.srcIp : null,
  target: typeof fields.query === 'string' ? fields.query : null,
  outcome: typeof fields.rcode === 'string' ? fields.rcode : null,
});

/** Route 53 Resolver query logs: what instances in a VPC resolved (and DNS Firewall's verdicts). */
export const route53ResolverSource: SourceDescriptor = {
  id: 'route53resolver',
  label: 'Route 53 Resolver',
  description: 'DNS queries made from inside VPCs',
  table: 'route53resolver_queries',
  fields: [
    { name: 'query', column: 'query', type: 'text', indexed: true, fullText: true, aliases: ['query_name', 'dns.question.name'], label: 'Query', normalizeValue: withoutTrailingDot },
    { name: 'queryType', column: 'query_type', type: 'text', aliases: ['query_type'], label: 'Type' },
    { name: 'rcode', column: 'rcode', type: 'text', indexed: true, aliases: ['dns.response_code'], label: 'Rcode' },
    { name: 'answer', column: 'answers', type: 'list', fullText: true, aliases: ['answers'], label: 'Answers' },
    { name: 'srcIp', column: 'src_ip', type: 'ip', cidrIndexed: true, fullText: true, aliases: ['srcaddr'], label: 'Source' },
    { name: 'srcInstance', column: 'src_instance', type: 'text', indexed: true, fullText: true, aliases: ['srcids.instance'], label: 'Instance' },
    { name: 'vpcId', column: 'vpc_id', type: 'text', aliases: ['vpc-id', 'vpc_id'], label: 'VPC' },
    { name: 'firewallAction', column: 'firewall_action', type: 'text', aliases: ['firewall_rule_action'], label: 'Firewall' },
    { name: 'queryName', column: 'query_original', type: 'text', label: 'Query as logged' },
  ],
  defaultColumns: ['query', 'queryType', 'rcode', 'answer', 'srcIp', 'srcInstance'],
  project: dnsProjection,
};

/** Route 53 public hosted-zone query logs: who on the internet asked about a zone. */
export const route53PublicSource: SourceDescriptor = {
  id: 'route53',
  label: 'Route 53 public DNS',
  description: 'Queries to public hosted zones, by resolver',
  table: 'route53_queries',
  fields: [
    { name: 'query', column: 'query', type: 'text', indexed: true, fullText: true, aliases: ['query_name', 'dns.question.name'], label: 'Query', normalizeValue: withoutTrailingDot },
    { name: 'queryType', column: 'query_type', type: 'text', aliases: ['query_type'], label: 'Type' },
    { name: 'rcode', column: 'rcode', type: 'text', indexed: true, aliases: ['dns.response_code'], label: 'Rcode' },
    { name: 'srcIp', column: 'src_ip', type: 'ip', cidrIndexed: true, fullText: true, aliases: ['srcaddr'], label: 'Resolver' },
    { name: 'hostedZoneId', column: 'hosted_zone_id', type: 'text', label: 'Hosted zone' },
    { name: 'edgeLocation', column: 'edge_location', type: 'text', label: 'Edge' },
    { name: 'clientSubnet', column: 'client_subnet', type: 'text', label: 'EDNS client subnet' },
    { name: 'queryName', column: 'query_original', type: 'text', label: 'Query as logged' },
  ],
  defaultColumns: ['query', 'queryType', 'rcode', 'srcIp', 'edgeLocation'],
  project: dnsProjection,
};

export function resolverRecord(query: ResolverQuery, raw: string): SourceRecord {
  return {
    source: route53ResolverSource.id,
    time: query.time,
    nativeId: null,
    raw,
    fields: {
      query: query.query,
      queryType: query.queryType,
      rcode: query.rcode,
      answer: query.answers.map((answer) => answer.data),
      srcIp: query.srcIp,
      srcInstance: query.instanceId,
      vpcId: query.vpcId,
      firewallAction: query.firewallRuleAction,
      queryName: query.queryOriginal,
    },
  };
}

export function publicQueryRecord(query: PublicQuery, raw: string): SourceRecord {
  return {
    source: route53PublicSource.id,
    time: query.time,
    nativeId: null,
    raw,
    fields: {
      query: query.query,
      queryType: query.queryType,
      rcode: query.rcode,
      srcIp: query.resolverIp,
      hostedZoneId: query.hostedZoneId,
      edgeLocation: query.edgeLocation,
      clientSubnet: query.ednsClientSubnet,
      queryName: query.queryOriginal,
    },
  };
}
