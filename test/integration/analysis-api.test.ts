import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase } from '../../main/store/open-case.js';
import { ingestPaths } from '../../main/ingest/pipeline.js';
import { CaseSession, createApiHost, type ApiHost } from '../../main/services/api-dispatcher.js';
import type { ApiResults } from '../../preload/contract/api.js';
import { NET, writeNetworkIncident } from '../fixtures/incident/network.js';
import { IAM, writeIamSnapshot, writeTrail } from '../fixtures/incident/iam.js';

/** The analysis channels over the API (as the UI calls them), on the generated incident. */
let dir: string;
let session: CaseSession;
let host: ApiHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-analysis-api-'));
  const casePath = join(dir, 'case.cairn');
  const db = openCase(casePath, { create: true });
  await ingestPaths(db, [writeNetworkIncident(dir), writeTrail(dir), writeIamSnapshot(dir)]);
  db.close();
  session = CaseSession.open(casePath);
  host = createApiHost({ session, actor: 'tester', log: () => {} });
});

afterAll(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

async function value<M extends keyof ApiResults>(channel: string, payload: unknown): Promise<ApiResults[M]> {
  const result = await host.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as ApiResults[M];
}

describe('analysis over the API', () => {
  it('pairs flows and names the NACL rule that drops the replies', async () => {
    const pairs = await value<'flowPairs'>('flows:pairs', { verdict: 'return-blocked' });
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs[0]?.explanation).toMatchObject({ layer: 'nacl', naclId: NET.nacl, ruleNumber: NET.blockedRule, direction: 'egress' });
  });

  it('reports the sweep as one vertical scan with exact counts', async () => {
    const scans = await value<'flowScans'>('flows:scans', {});
    const vertical = scans.filter((scan) => scan.kind === 'vertical');
    expect(vertical).toHaveLength(1);
    expect(vertical[0]).toMatchObject({ source: NET.scanner, distinctPorts: NET.scanPorts, rejected: NET.scanRejected, accepted: NET.scanAccepted });
  });

  it('ranks the exfiltration address first among talkers, with its DNS name', async () => {
    const [top] = await value<'flowTalkers'>('flows:talkers', { limit: 5 });
    expect(top).toMatchObject({ address: NET.exfil, names: [NET.exfilName] });
  });

  it('explains a hypothetical flow', async () => {
    const answer = await value<'explainFlow'>('flows:explain', { src: NET.sgClient, dst: NET.server, dstPort: 8080 });
    expect(answer).toMatchObject({ allowed: false, snapshot: true });
  });

  it('draws the blast radius of the leaked key: observed and potential', async () => {
    const graph = await value<'blastRadius'>('identity:blast', { seed: IAM.leakedKey });
    const node = (id: string) => graph.nodes.find((candidate) => candidate.id === id);
    expect(node(IAM.roleArn)?.observed).toBe(true);
    expect(node(IAM.dataBucket)?.observed).toBe(true);
    expect(node(IAM.backupBucket)).toMatchObject({ potential: true, observed: false });
    expect(graph.adminEquivalent).toBe(true);
    expect(graph.edges.some((edge) => edge.kind === 'can-assume' && edge.to === IAM.adminRoleArn && edge.from === IAM.devArn)).toBe(false);
  });

  it('traces the session key back to the leaked key, with the proving events', async () => {
    const lineage = await value<'lineage'>('identity:lineage', { key: IAM.sessionKey });
    expect(lineage.root).toBe(IAM.leakedKey);
    expect(lineage.chain[0]?.node).toBe(IAM.leakedKey);
    expect(lineage.chain.at(-1)?.via?.kind).toBe('assumed');
  });

  it('profiles the leaked key', async () => {
    const profile = await value<'entityProfile'>('identity:profile', { kind: 'accessKey', id: IAM.leakedKey });
    expect(profile.total).toBeGreaterThan(0);
    expect(profile.eventNames.map((entry) => entry.value)).toContain('AssumeRole');
  });

  it('keeps report sections and review items in the case, and previews the report without scripts', async () => {
    await value<'setReportSection'>('report:set-section', { section: 'summary', text: 'A leaked CI key <script>x</script>' });
    const item = await value<'addReviewItem'>('review:add', { kind: 'action', text: 'rotate CI keys', owner: 'sec', status: 'open' });
    await value<'updateReviewItem'>('review:update', { id: item.id, status: 'done' });
    expect(await value<'reviewItems'>('review:list', {})).toMatchObject([{ id: item.id, status: 'done', owner: 'sec', author: 'tester' }]);
    expect(await value<'reportSections'>('report:sections', {})).toMatchObject([{ section: 'summary', author: 'tester' }]);
    const preview = await value<'reportPreview'>('report:preview', {});
    expect(preview.html).not.toMatch(/<script/i);
    expect(preview.html).toContain('A leaked CI key &lt;script&gt;x&lt;/script&gt;');
    expect(preview.markdown).toContain('rotate CI keys');
    expect(await host.dispatch('review:delete', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('attributes the assumed-role session\'s events to the leaked key (rootCredential:)', async () => {
    const bySession = await value<'countEvents'>('events:count', { query: `accessKeyId:${IAM.sessionKey}` });
    const byKey = await value<'countEvents'>('events:count', { query: `accessKeyId:${IAM.leakedKey}` });
    const byRoot = await value<'countEvents'>('events:count', { query: `rootCredential:${IAM.leakedKey}` });
    expect(bySession.count).toBeGreaterThan(0);
    expect(byRoot.count).toBe(byKey.count + bySession.count);
    // The key the session created starts its own chain: not counted under the leaked key.
    const created = await value<'countEvents'>('events:count', { query: `rootCredential:${IAM.leakedKey} AND accessKeyId:${IAM.createdKey}` });
    expect(created.count).toBe(0);
  });

  it('finds DNS names with or without the trailing dot', async () => {
    const plain = await value<'countEvents'>('events:count', { query: `source:route53resolver query:${NET.exfilName}` });
    const dotted = await value<'countEvents'>('events:count', { query: `query:${NET.exfilName}.` });
    const pattern = await value<'countEvents'>('events:count', { query: `query:*.example.net.` });
    expect(plain.count).toBeGreaterThan(0);
    expect(dotted.count).toBe(plain.count);
    expect(pattern.count).toBeGreaterThanOrEqual(plain.count);
  });
});
