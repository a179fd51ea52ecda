import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_DIR } from '../test-helpers.js';
import { parsePublicQueryLog } from '../../../../main/ingest/sources/route53/public-query-log.js';
import { parseResolverQueryLog, type ResolverQuery } from '../../../../main/ingest/sources/route53/resolver-query-log.js';

function lines(relativePath: string): string[] {
  return readFileSync(path.join(EVIDENCE_DIR, relativePath), 'utf8').split('\n').filter((line) => line.trim() !== '');
}

describe('elastic route53_resolver_logs/test-route53.log', () => {
  const F = 'elastic-integrations/route53_resolver_logs/test-route53.log';
  const results = lines(F).map(parseResolverQueryLog);
  const queries = results.flatMap((r) => ('query' in r ? [r.query] : []));

  it('parses all 34 lines', () => {
    // grep -c . FILE → 34
    expect(results.filter((r) => 'error' in r)).toEqual([]);
    expect(queries).toHaveLength(34);
  });

  it('counts rcodes and answers', () => {
    // jq -r .rcode FILE | sort | uniq -c → 23 NOERROR, 11 NXDOMAIN
    expect(queries.filter((q) => q.rcode === 'NXDOMAIN')).toHaveLength(11);
    // jq -c '[.answers|length]' FILE | sort | uniq -c → 16×0, 10×1, 4×2, 4×4  ⇒ 10 + 8 + 16 = 34 answers
    expect(queries.reduce((n, q) => n + q.answers.length, 0)).toBe(34);
  });

  it('normalizes the name without the trailing dot and keeps the original', () => {
    const first = queries[0] as ResolverQuery;
    expect(first).toMatchObject({
      query: 'does-not-exist.abc.com', queryOriginal: 'does-not-exist.abc.com.', queryType: 'A', rcode: 'NXDOMAIN',
      time: Date.UTC(2021, 11, 11, 22, 46, 23), srcIp: '172.31.86.159', srcPort: 48701, transport: 'UDP', vpcId: 'vpc-01e31a7c',
      accountId: '626345947581', region: 'us-east-1', version: '1.100000', instanceId: null,
    });
    // jq -r 'select(.query_name|endswith(".")|not) | .query_name' FILE → one name logged without a dot
    expect(queries.filter((q) => q.query === q.queryOriginal)).toHaveLength(1);
  });

  it('reads the DNS Firewall BLOCK record and instance ids', () => {
    // jq -c 'select(.firewall_rule_action)' FILE → 1, on i-0d15cd0d3example
    const blocked = queries.filter((q) => q.firewallRuleAction !== null);
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toMatchObject({
      firewallRuleAction: 'BLOCK', firewallRuleGroupId: 'rslvr-frg-01234567890abcdef', firewallDomainListId: 'rslvr-fdl-01234567890abcdef',
      instanceId: 'i-0d15cd0d3example', query: '15.199.16.175.in-addr.arpa',
    });
    // jq -r '.srcids.instance // empty' FILE | wc -l → 5
    expect(queries.filter((q) => q.instanceId !== null)).toHaveLength(5);
  });
});

describe('panther rule_tests_AWS_VPCDns.jsonl (near-native resolver records)', () => {
  it('parses the 16 native-shaped logs, with a single answer object and a space-separated UTC time', () => {
    // jq -c '.log|keys' FILE | sort | uniq -c → 16 with query_name (the other 4 are OCSF)
    const logs = lines('panther-analysis/rule_tests_AWS_VPCDns.jsonl').map((line) => JSON.stringify((JSON.parse(line) as { log: unknown }).log));
    const results = logs.map(parseResolverQueryLog);
    const ok = results.flatMap((r) => ('query' in r ? [r.query] : []));
    expect(ok).toHaveLength(16);
    expect(results.filter((r) => 'error' in r)).toHaveLength(4);
    expect(ok[0]).toMatchObject({ query: 'dynamodb.us-west-2.amazonaws.com', time: Date.UTC(2022, 5, 25, 0, 27, 53), answers: [{ data: '1.2.3.4', type: 'A', class: 'IN' }] });
    // jq -r '.log.query_name' FILE | grep -c moneropool → 8 (with and without the dot)
    expect(ok.filter((q) => q.query.endsWith('moneropool.ru'))).toHaveLength(8);
  });
});

describe('elastic route53_public_logs/test-route53.log', () => {
  it('parses 5 lines, with and without EDNS client subnet', () => {
    // grep -c . FILE → 5; awk '$10=="-"' FILE | wc -l → 2
    const results = lines('elastic-integrations/route53_public_logs/test-route53.log').map(parsePublicQueryLog);
    const queries = results.flatMap((r) => ('query' in r ? [r.query] : []));
    expect(queries).toHaveLength(5);
    expect(queries.filter((q) => q.ednsClientSubnet === null)).toHaveLength(2);
    expect(queries[1]).toEqual({
      version: '1.0', time: Date.UTC(2017, 11, 13, 8, 15, 50, 235), hostedZoneId: 'Z123412341234', query: 'example.com', queryOriginal: 'example.com',
      queryType: 'AAAA', rcode: 'NOERROR', protocol: 'TCP', edgeLocation: 'IAD12', resolverIp: '55.36.5.7', ednsClientSubnet: '192.168.222.0/24',
    });
    expect(queries[2]!.resolverIp).toBe('2001:db8::1234');
  });

  it('rejects lines of the wrong shape', () => {
    expect(parsePublicQueryLog('1.0 2017-12-13T08:16:02.130Z Z1 example.com A')).toEqual({ error: 'expected 10 space-separated fields, found 5' });
    expect(parsePublicQueryLog('1.0 yesterday Z1 example.com A NOERROR UDP FRA6 55.36.5.7 -')).toMatchObject({ error: expect.stringMatching(/not a date/) });
  });
});
