import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../main/cli/main.js';
import type { Output } from '../../main/cli/output.js';
import { NET, writeNetworkIncident } from '../fixtures/incident/network.js';
import { IAM, writeIamSnapshot, writeTrail } from '../fixtures/incident/iam.js';

/** Runs `cairn …` in-process, capturing what it prints. */
async function cairn(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line), isTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

async function json<T = unknown>(...argv: string[]): Promise<T> {
  const result = await cairn(...argv);
  expect(result.err.filter((line) => line.startsWith('{')), result.err.join('\n')).toEqual([]);
  expect(result.code, result.err.join('\n')).toBe(0);
  expect(result.out).toHaveLength(1);
  return JSON.parse(result.out[0] as string) as T;
}

interface Conversation {
  eni: string;
  client: string;
  server: string;
  serverPort: number;
  protocol: number;
  forward: string | null;
  reverse: string | null;
  verdict: string;
  records: number;
  bytes: number;
  first: number;
  last: number;
  explanation: { layer: string; naclId: string | null; ruleNumber: number | null; direction: string | null; groupIds: string[]; text: string };
}
interface GraphNode {
  id: string;
  kind: string;
  label: string;
  potential: boolean;
  observed: boolean;
}
interface GraphEdge {
  from: string;
  to: string;
  kind: string;
  potential: boolean;
  observed: boolean;
  actions: string[];
  eventIds: string[];
}
interface Blast {
  seed: string;
  adminEquivalent: boolean;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

let dir: string;
let netCase: string;
let iamCase: string;
let trailOnlyCase: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-analysis-'));
  netCase = join(dir, 'net.cairn');
  iamCase = join(dir, 'iam.cairn');
  trailOnlyCase = join(dir, 'trail-only.cairn');
  const evidence = join(dir, 'evidence');
  const network = writeNetworkIncident(evidence);
  const trail = writeTrail(evidence);
  const iam = writeIamSnapshot(evidence);
  for (const [casePath, paths] of [
    [netCase, [network]],
    [iamCase, [trail, iam]],
    [trailOnlyCase, [trail]],
  ] as const) {
    const result = await cairn('ingest', casePath, ...paths, '--json');
    expect(result.code, result.err.join('\n')).toBe(0);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cairn flows', () => {
  it('--pairs: the 443 conversation is return-blocked by the outbound NACL rule, with exactly the contract keys', async () => {
    const pairs = await json<Conversation[]>('flows', netCase, '--pairs', '--json');
    const blocked = pairs.filter((p) => p.verdict === 'return-blocked');
    expect(blocked).toHaveLength(1);
    const conv = blocked[0]!;
    expect(Object.keys(conv)).toEqual(['eni', 'client', 'server', 'serverPort', 'protocol', 'forward', 'reverse', 'verdict', 'records', 'bytes', 'first', 'last', 'explanation']);
    expect(Object.keys(conv.explanation)).toEqual(['layer', 'naclId', 'ruleNumber', 'direction', 'groupIds', 'text']);
    expect(conv).toMatchObject({
      eni: NET.eni,
      client: NET.returnClient,
      server: NET.server,
      serverPort: 443,
      protocol: 6,
      forward: 'ACCEPT',
      reverse: 'REJECT',
      records: 4,
      bytes: 3000,
      first: NET.t0 * 1000,
      last: (NET.t0 + 90) * 1000,
    });
    expect(conv.explanation).toMatchObject({ layer: 'nacl', naclId: NET.nacl, ruleNumber: NET.blockedRule, direction: 'egress' });
  });

  it('--pairs --verdict inbound-blocked: the port no group allows is blocked at the security group', async () => {
    const pairs = await json<Conversation[]>('flows', netCase, '--pairs', '--verdict', 'inbound-blocked', '--json');
    expect(pairs.every((p) => p.verdict === 'inbound-blocked')).toBe(true);
    const conv = pairs.find((p) => p.client === NET.sgClient);
    expect(conv).toMatchObject({ serverPort: 8080, forward: 'REJECT', reverse: null, records: 3 });
    expect(conv!.explanation).toMatchObject({ layer: 'sg', direction: 'ingress', naclId: null, groupIds: [NET.sg] });
    // The sweep's 999 rejected probes are inbound-blocked conversations too.
    expect(pairs).toHaveLength(1 + NET.scanRejected);
  });

  it('--pairs --from/--to narrows to the records in the range', async () => {
    const pairs = await json<Conversation[]>('flows', netCase, '--pairs', '--from', '2024-05-10T09:00:00Z', '--to', '2024-05-10T09:03:00Z', '--json');
    expect(pairs.map((p) => `${p.client}>${p.serverPort}:${p.verdict}`).sort()).toEqual([
      `${NET.returnClient}>443:return-blocked`,
      `${NET.sgClient}>8080:inbound-blocked`,
    ]);
  });

  it('--scans: one vertical scan with the exact distinct-port and rejected counts', async () => {
    const scans = await json<Record<string, unknown>[]>('flows', netCase, '--scans', '--json');
    expect(scans).toHaveLength(1);
    expect(Object.keys(scans[0]!)).toEqual(['source', 'kind', 'targets', 'distinctPorts', 'accepted', 'rejected', 'first', 'last']);
    expect(scans[0]).toEqual({
      source: NET.scanner,
      kind: 'vertical',
      targets: [NET.server],
      distinctPorts: NET.scanPorts,
      accepted: NET.scanAccepted,
      rejected: NET.scanRejected,
      first: (NET.t0 + 601) * 1000,
      last: (NET.t0 + 600 + NET.scanPorts + 30) * 1000,
    });
  });

  it('--talkers: the upload destination first, named from the Resolver log', async () => {
    const talkers = await json<Record<string, unknown>[]>('flows', netCase, '--talkers', '--limit', '2', '--json');
    expect(talkers).toHaveLength(2);
    expect(Object.keys(talkers[0]!)).toEqual(['address', 'direction', 'bytes', 'packets', 'records', 'ports', 'names', 'enis', 'first', 'last']);
    expect(talkers[0]).toMatchObject({ address: NET.exfil, direction: 'egress', bytes: NET.exfilBytes, records: 1, ports: [443], names: [NET.exfilName], enis: [NET.eni] });
  });

  it('--explain: evaluates a hypothetical flow against the snapshot', async () => {
    const denied = await json<{ allowed: boolean; ingress: { layer: string; groupIds: string[] }; egress: unknown; text: string }>(
      'flows', netCase, '--explain', '--src', '198.51.100.99', '--dst', NET.server, '--port', '3389', '--json',
    );
    expect(Object.keys(denied)).toEqual(['allowed', 'ingress', 'egress', 'text']);
    expect(denied.allowed).toBe(false);
    expect(denied.ingress).toMatchObject({ layer: 'sg', groupIds: [NET.sg] });
    const allowed = await json<{ allowed: boolean }>('flows', netCase, '--explain', '--src', '198.51.100.99', '--dst', NET.server, '--port', '443', '--protocol', 'tcp', '--json');
    expect(allowed.allowed).toBe(true);
  });

  it('prints readable tables without --json', async () => {
    const { code, out } = await cairn('flows', netCase, '--scans');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^first \(UTC\)\s+last \(UTC\)\s+source/);
    expect(out[2]).toContain('2024-05-10T09:10:01.000Z');
    expect(out[2]).toContain(NET.scanner);
  });

  it('usage errors: no mode, two modes, extra words, bad verdict; with --json as {"error","code"} on stderr', async () => {
    expect((await cairn('flows', netCase)).code).toBe(2);
    expect((await cairn('flows', netCase, '--pairs', '--scans')).code).toBe(2);
    expect((await cairn('flows', netCase, 'extra', '--pairs')).code).toBe(2);
    const bad = await cairn('flows', netCase, '--pairs', '--verdict', 'nope', '--json');
    expect(bad.code).toBe(2);
    expect(bad.out).toEqual([]);
    expect(JSON.parse(bad.err[0] as string)).toMatchObject({ code: 'usage' });
    expect(Object.keys(JSON.parse(bad.err[0] as string))).toEqual(['error', 'code']);
    const missing = await cairn('flows', join(dir, 'missing.cairn'), '--scans', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err[0] as string)).toMatchObject({ code: 'case-file' });
  });

  it('--help prints the usage with an example', async () => {
    const { code, out } = await cairn('flows', '--help');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/example: cairn flows/);
  });
});

describe('cairn blast', () => {
  it('--from the leaked key: observed chain and resources, potential-only bucket, escalation to admin', async () => {
    const graph = await json<Blast>('blast', iamCase, '--from', IAM.leakedKey, '--json');
    expect(Object.keys(graph)).toEqual(['seed', 'adminEquivalent', 'nodes', 'edges']);
    expect(graph.seed).toBe(IAM.leakedKey);
    expect(graph.adminEquivalent).toBe(true);
    const node = (id: string) => graph.nodes.find((n) => n.id === id);
    for (const n of graph.nodes) expect(Object.keys(n)).toEqual(['id', 'kind', 'label', 'potential', 'observed']);
    for (const e of graph.edges) expect(Object.keys(e)).toEqual(['from', 'to', 'kind', 'potential', 'observed', 'actions', 'eventIds']);

    expect(node(IAM.leakedKey)).toMatchObject({ observed: true });
    expect(node(IAM.roleArn)).toMatchObject({ observed: true, potential: true });
    expect(node(IAM.createdUserArn)).toMatchObject({ observed: true });
    expect(node(IAM.createdKey)).toMatchObject({ observed: true });
    expect(node(IAM.dataBucket)).toMatchObject({ observed: true, potential: true });
    expect(node(IAM.backupBucket)).toMatchObject({ observed: false, potential: true });

    const edges = (kind: string) => graph.edges.filter((e) => e.kind === kind);
    expect(edges('can-escalate').some((e) => e.from === IAM.devArn && e.actions.includes('iam:CreateUser'))).toBe(true);
    expect(edges('can-assume').some((e) => e.from === IAM.devArn && e.to === IAM.roleArn)).toBe(true);
    // admin-ops trusts only EC2: dev (or anyone dev could become) is not admitted.
    expect(graph.edges.some((e) => e.to === IAM.adminRoleArn && e.kind === 'can-assume')).toBe(false);
    const assumed = graph.edges.find((e) => e.kind === 'assumed' && e.to === IAM.roleArn);
    expect(assumed).toMatchObject({ observed: true });
    expect(assumed!.eventIds).toEqual(['11111111-0000-4000-8000-000000000001']);
    expect(graph.edges.some((e) => e.from === IAM.backupBucket || (e.to === IAM.backupBucket && e.observed))).toBe(false);
  });

  it('without an IAM snapshot: observed only, adminEquivalent false, said on stderr', async () => {
    const result = await cairn('blast', trailOnlyCase, '--from', IAM.leakedKey, '--json');
    expect(result.code).toBe(0);
    expect(result.err.join('\n')).toMatch(/no IAM snapshot/);
    const graph = JSON.parse(result.out[0] as string) as Blast;
    expect(graph.adminEquivalent).toBe(false);
    expect(graph.nodes.every((n) => n.observed && !n.potential)).toBe(true);
    expect(graph.nodes.some((n) => n.id === IAM.createdKey)).toBe(true);
  });

  it('seeds by principal ARN and by IP reach the same session', async () => {
    const byArn = await json<Blast>('blast', iamCase, '--from', IAM.devArn, '--json');
    expect(byArn.nodes.some((n) => n.id === IAM.sessionKey && n.observed)).toBe(true);
    const byIp = await json<Blast>('blast', iamCase, '--from', IAM.attackerIp, '--json');
    expect(byIp.nodes.some((n) => n.id === IAM.createdUserArn && n.observed)).toBe(true);
  });

  it('needs --from', async () => {
    const result = await cairn('blast', iamCase, '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.err[0] as string)).toMatchObject({ code: 'usage' });
  });
});

describe('cairn iam', () => {
  it('can: allow with its reasons (contract keys first)', async () => {
    const answer = await json<Record<string, unknown>>('iam', 'can', iamCase, '--principal', IAM.roleArn, '--action', 's3:GetObject', '--resource', `${IAM.dataBucket}/customers.csv`, '--json');
    expect(Object.keys(answer).slice(0, 3)).toEqual(['decision', 'explicitDeny', 'reasons']);
    expect(answer).toMatchObject({ decision: 'allow', explicitDeny: false });
    expect(answer.reasons).toEqual([{ policy: `inline:${IAM.roleArn}/deploy-access`, statement: 'ReadData', effect: 'Allow' }]);
  });

  it('can: implicit and explicit deny', async () => {
    const implicit = await json<Record<string, unknown>>('iam', 'can', iamCase, '--principal', IAM.devArn, '--action', 's3:PutObject', '--resource', `${IAM.dataBucket}/x`, '--json');
    expect(implicit).toMatchObject({ decision: 'deny', explicitDeny: false });
    const explicit = await json<{ decision: string; explicitDeny: boolean; reasons: { policy: string; statement: string; effect: string }[] }>(
      'iam', 'can', iamCase, '--principal', IAM.roleArn, '--action', 's3:DeleteObject', '--resource', `${IAM.backupBucket}/db.dump`, '--json',
    );
    expect(explicit).toMatchObject({ decision: 'deny', explicitDeny: true });
    expect(explicit.reasons).toContainEqual({ policy: `resource-policy:${IAM.backupBucket}`, statement: 'NoDeletes', effect: 'Deny' });
  });

  it('can: conditional without the context, decided with --context', async () => {
    const args = ['iam', 'can', iamCase, '--principal', IAM.devArn, '--action', 's3:GetObject', '--resource', `${IAM.reportsBucket}/q1.csv`, '--json'];
    expect(await json(...args)).toMatchObject({ decision: 'conditional' });
    expect(await json(...args, '--context', 'aws:SourceIp=10.1.2.3')).toMatchObject({ decision: 'allow' });
    expect(await json(...args, '--context', 'aws:SourceIp=203.0.113.5')).toMatchObject({ decision: 'deny' });
  });

  it('can --batch: one answer per line with the request fields, in order', async () => {
    const requests = [
      { principal: IAM.roleArn, action: 's3:GetObject', resource: `${IAM.dataBucket}/a` },
      { principal: IAM.devArn, action: 's3:PutObject', resource: `${IAM.dataBucket}/a` },
      { principal: IAM.devArn, action: 's3:GetObject', resource: `${IAM.reportsBucket}/a` },
    ];
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify(requests[i % 3]));
    const file = join(dir, 'batch.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const started = Date.now();
    const { code, out } = await cairn('iam', 'can', iamCase, '--batch', file, '--json');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(out).toHaveLength(1000);
    const answers = out.slice(0, 3).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(answers.map((a) => a.decision)).toEqual(['allow', 'deny', 'conditional']);
    expect(answers[1]).toMatchObject({ ...requests[1], explicitDeny: false });
  });

  it('who-can lists the principals allowed', async () => {
    const entries = await json<{ principal: string; decision: string }[]>('iam', 'who-can', iamCase, '--action', 's3:GetObject', '--resource', `${IAM.backupBucket}/db.dump`, '--json');
    expect(entries.map((e) => e.principal)).toContain(IAM.roleArn);
    expect(entries.map((e) => e.principal)).not.toContain(IAM.opsArn);
  });

  it('errors: no snapshot, unknown subcommand, missing option', async () => {
    const none = await cairn('iam', 'can', netCase, '--principal', IAM.devArn, '--action', 's3:GetObject', '--resource', '*', '--json');
    expect(none.code).toBe(1);
    expect(JSON.parse(none.err[0] as string)).toMatchObject({ code: 'no-iam-snapshot' });
    expect((await cairn('iam', 'maybe', iamCase)).code).toBe(2);
    expect((await cairn('iam', 'can', iamCase, '--action', 's3:GetObject', '--resource', '*')).code).toBe(2);
  });
});

describe('cairn stats', () => {
  it('counts equal `cairn events … --count`', async () => {
    const stats = await json<{ field: string; total: number; values: { value: string | null; count: number }[] }>('stats', netCase, 'action', '--json');
    expect(Object.keys(stats)).toEqual(['field', 'total', 'values']);
    expect(stats.field).toBe('action');
    // total: every matching event (the Resolver row has no action: counted in the total only).
    const total = await cairn('events', netCase, '--count');
    expect(stats.total).toBe(Number(total.out[0]));
    for (const { value, count } of stats.values) {
      const events = await cairn('events', netCase, `action:${value}`, '--count');
      expect(count).toBe(Number(events.out[0]));
    }
    expect(stats.values.find((v) => v.value === 'REJECT')?.count).toBe(2 + 3 + NET.scanRejected);
  });

  it('takes a query, a time range and --limit', async () => {
    const stats = await json<{ total: number; values: { value: string | null; count: number }[] }>(
      'stats', iamCase, 'eventName', 'userName:dev', '--limit', '1', '--json',
    );
    const count = await cairn('events', iamCase, 'userName:dev', '--count');
    expect(stats.total).toBe(Number(count.out[0]));
    expect(stats.values).toHaveLength(1);
    const ranged = await json<{ total: number }>('stats', netCase, 'dstPort', '--from', '2024-05-10T09:00:00Z', '--to', '2024-05-10T09:03:00Z', '--json');
    const rangedCount = await cairn('events', netCase, '--from', '2024-05-10T09:00:00Z', '--to', '2024-05-10T09:03:00Z', '--count');
    expect(ranged.total).toBe(Number(rangedCount.out[0]));
  });

  it('errors: unknown field, bad query, extra words', async () => {
    const unknown = await cairn('stats', netCase, 'nosuchfield', '--json');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.err[0] as string)).toMatchObject({ code: 'invalid-request' });
    const syntax = await cairn('stats', netCase, 'action', 'action:(', '--json');
    expect(syntax.code).toBe(2);
    expect(JSON.parse(syntax.err[0] as string)).toMatchObject({ code: 'query-syntax' });
    expect((await cairn('stats', netCase, 'action', 'a', 'b')).code).toBe(2);
  });
});

describe('cairn searches', () => {
  it('saves, lists and deletes, audited as cli', async () => {
    expect(await json('searches', iamCase, '--json')).toEqual([]);
    const saved = await json<{ id: number; name: string; query: string; description: string }>(
      'searches', iamCase, '--save', 'leaked key', '--query', `accessKeyId:${IAM.leakedKey}`, '--description', 'dev key', '--json',
    );
    expect(saved).toMatchObject({ name: 'leaked key', query: `accessKeyId:${IAM.leakedKey}`, description: 'dev key' });
    const list = await json<{ id: number; name: string }[]>('searches', iamCase, '--json');
    expect(list.map((s) => s.name)).toEqual(['leaked key']);
    const table = await cairn('searches', iamCase);
    expect(table.out.join('\n')).toContain('leaked key');
    expect(await json('searches', iamCase, '--delete', String(saved.id), '--json')).toEqual({ deleted: true, id: saved.id });
    expect(await json('searches', iamCase, '--json')).toEqual([]);
    const again = await cairn('searches', iamCase, '--delete', String(saved.id), '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.err[0] as string)).toMatchObject({ code: 'not-found' });
  });

  it('refuses a query that does not parse, and a save without --query', async () => {
    const bad = await cairn('searches', iamCase, '--save', 'x', '--query', 'eventName:(', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.err[0] as string)).toMatchObject({ code: 'query-syntax' });
    expect((await cairn('searches', iamCase, '--save', 'x')).code).toBe(2);
    expect((await cairn('searches', iamCase, 'extra')).code).toBe(2);
  });
});
