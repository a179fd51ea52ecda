import { normalizeDnsName } from './dns-name.js';
import { parseQueryTime } from './query-time.js';

/** One answer of a Resolver query log record. */
export interface DnsAnswer {
  readonly data: string;
  readonly type: string | null;
  readonly class: string | null;
}

/** A Route 53 Resolver query log record (VPC DNS). Time in milliseconds since epoch UTC. */
export interface ResolverQuery {
  readonly version: string | null;
  readonly accountId: string | null;
  readonly region: string | null;
  readonly vpcId: string | null;
  readonly time: number;
  /** The query name without the trailing dot, lowercase. */
  readonly query: string;
  /** The query name as logged. */
  readonly queryOriginal: string;
  readonly queryType: string | null;
  readonly queryClass: string | null;
  readonly rcode: string | null;
  readonly answers: readonly DnsAnswer[];
  readonly srcIp: string | null;
  readonly srcPort: number | null;
  readonly transport: string | null;
  readonly instanceId: string | null;
  readonly resolverEndpointId: string | null;
  readonly firewallRuleAction: string | null;
  readonly firewallRuleGroupId: string | null;
  readonly firewallDomainListId: string | null;
}

/** A Resolver query log line parsed, or why it could not be. */
export type ResolverQueryResult = { readonly query: ResolverQuery } | { readonly error: string };

/** Parses one JSON line of a Route 53 Resolver query log. */
export function parseResolverQueryLog(line: string): ResolverQueryResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'not a JSON object' };
  const record = parsed as Record<string, unknown>;
  const name = record.query_name;
  if (typeof name !== 'string') return { error: 'no query_name' };
  const timeText = text(record.query_timestamp);
  if (timeText === null) return { error: 'no query_timestamp' };
  const time = parseQueryTime(timeText);
  if (time === null) return { error: `query_timestamp ${JSON.stringify(timeText)} is not a date` };
  const srcids = isObject(record.srcids) ? record.srcids : {};
  const portText = text(record.srcport);
  const port = portText !== null && /^\d{1,5}$/.test(portText) ? Number(portText) : null;
  return {
    query: {
      version: text(record.version),
      accountId: text(record.account_id),
      region: text(record.region),
      vpcId: text(record.vpc_id),
      time,
      query: normalizeDnsName(name),
      queryOriginal: name,
      queryType: text(record.query_type),
      queryClass: text(record.query_class),
      rcode: text(record.rcode),
      answers: answers(record.answers),
      srcIp: text(record.srcaddr),
      srcPort: port,
      transport: text(record.transport),
      instanceId: text(srcids.instance),
      resolverEndpointId: text(srcids.resolver_endpoint),
      firewallRuleAction: text(record.firewall_rule_action),
      firewallRuleGroupId: text(record.firewall_rule_group_id),
      firewallDomainListId: text(record.firewall_domain_list_id),
    },
  };
}

// Panther's test data writes a single answer as an object instead of a one-element array.
function answers(value: unknown): DnsAnswer[] {
  const list = Array.isArray(value) ? value : isObject(value) ? [value] : [];
  const out: DnsAnswer[] = [];
  for (const item of list) {
    if (!isObject(item)) continue;
    const data = text(item.Rdata);
    if (data === null) continue;
    out.push({ data, type: text(item.Type), class: text(item.Class) });
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value === '' || value === '-' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}
