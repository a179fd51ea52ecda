import { describe, expect, it } from 'vitest';
import type { BlastGraphResult, FlowTalker, RuleExplanation } from '../../../preload/contract/analysis';
import {
  explainRequest,
  highlightRule,
  ruleFacts,
  talkerLabel,
  talkerLayout,
  labelWidth,
} from '../../../renderer/features/flows/flows-model';
import {
  escalationActions,
  filterGraph,
  GROUP_THRESHOLD,
  groupGraph,
  groupId,
  layoutGraph,
  lcg,
  nodeStyle,
  type BlastEdge,
  type BlastNode,
} from '../../../renderer/features/identity/blast-model';
import { lineageRows } from '../../../renderer/features/identity/lineage-model';
import { nameHistogram, percent, unusualLists } from '../../../renderer/features/identity/profile-model';
import {
  addressQuery,
  entityQuery,
  eniQuery,
  eventIdQuery,
  guessEntityKind,
  profileKindOfField,
  profileKindOfNode,
} from '../../../renderer/lib/navigation';
import { FAKE_IDS, FAKE_TALKERS, FakeCairn } from '../fake-api.js';

const nacl: RuleExplanation = {
  layer: 'nacl',
  naclId: 'acl-1',
  ruleNumber: 90,
  direction: 'egress',
  groupIds: [],
  text: 'Replies are denied by acl-1 egress rule 90 (deny all)',
};

describe('flows model', () => {
  it('lists a NACL decision as layer, NACL id, rule number and direction, the rule marked as deciding', () => {
    expect(ruleFacts(nacl)).toEqual([
      { label: 'Layer', value: 'network ACL', deciding: false },
      { label: 'NACL', value: 'acl-1', deciding: false },
      { label: 'Rule', value: '#90', deciding: true },
      { label: 'Direction', value: 'egress', deciding: true },
    ]);
    const sg: RuleExplanation = { ...nacl, layer: 'sg', naclId: null, ruleNumber: null, direction: 'ingress', groupIds: ['sg-1', 'sg-2'] };
    expect(ruleFacts(sg)).toContainEqual({ label: 'Security groups', value: 'sg-1, sg-2', deciding: true });
  });

  it('highlights the deciding rule in the explanation text, as pieces of text', () => {
    const pieces = highlightRule(nacl.text, nacl);
    expect(pieces.map((piece) => piece.text).join('')).toBe(nacl.text);
    expect(pieces.filter((piece) => piece.mark).map((piece) => piece.text)).toEqual(['acl-1', 'rule 90']);
    expect(highlightRule('nothing to see', { ...nacl, layer: 'none', ruleNumber: null, naclId: null })).toEqual([
      { text: 'nothing to see', mark: false },
    ]);
    // Attacker text stays text: markup-looking input is just a piece.
    expect(highlightRule('<b>rule 90</b>', nacl).map((piece) => piece.text)).toEqual(['<b>', 'rule 90', '</b>']);
  });

  it('checks the explain-a-flow form before sending', () => {
    expect(explainRequest({ src: ' 198.51.100.20 ', dst: '10.0.1.10', port: '443', protocol: 'tcp' })).toEqual({
      ok: true,
      request: { src: '198.51.100.20', dst: '10.0.1.10', dstPort: 443, protocol: 'tcp' },
    });
    expect(explainRequest({ src: '', dst: 'x', port: '1', protocol: 'tcp' }).ok).toBe(false);
    expect(explainRequest({ src: 'a', dst: 'b', port: '70000', protocol: 'udp' }).ok).toBe(false);
    expect(explainRequest({ src: 'a', dst: 'b', port: '4x', protocol: 'tcp' }).ok).toBe(false);
    expect(explainRequest({ src: 'a', dst: 'b', port: '', protocol: 'icmp' })).toMatchObject({ ok: true, request: { dstPort: 0 } });
  });

  it('sizes the talker chart so no label or value is clipped, at any width', () => {
    const long: FlowTalker = { ...(FAKE_TALKERS[0] as FlowTalker), names: ['a-very-long-name.subdomain.example.net'] };
    const talkers = [long, ...FAKE_TALKERS];
    for (const width of [200, 480, 1200]) {
      const layout = talkerLayout(talkers, width, (bytes) => `${bytes} B`);
      for (const bar of layout.bars) {
        expect(labelWidth(bar.label)).toBeLessThanOrEqual(layout.left - 8);
        expect(bar.valueX + labelWidth(`${bar.talker.bytes} B`)).toBeLessThanOrEqual(layout.width);
        expect(bar.width).toBeGreaterThan(0);
      }
      // Scale: the biggest talker has the longest bar.
      const widths = layout.bars.map((bar) => bar.width);
      expect(Math.max(...widths)).toBe(layout.bars[0]?.width);
      expect(layout.ticks.length).toBeGreaterThan(1);
      expect(layout.ticks.every((tick) => tick.x >= layout.left && tick.x <= layout.width)).toBe(true);
    }
    expect(talkerLabel(FAKE_TALKERS[0] as FlowTalker)).toBe(`${FAKE_IDS.exfil} (${FAKE_IDS.exfilName})`);
  });
});

function star(parent: string, count: number, kind = 'object'): { nodes: BlastNode[]; edges: BlastEdge[] } {
  const nodes: BlastNode[] = [];
  const edges: BlastEdge[] = [];
  for (let index = 0; index < count; index++) {
    const id = `${parent}/${kind}-${String(index).padStart(4, '0')}`;
    nodes.push({ id, kind, label: id, potential: true, observed: index === 0 });
    edges.push({ from: parent, to: id, kind: 'can-access', potential: true, observed: index === 0, actions: ['s3:GetObject'], eventIds: [] });
  }
  return { nodes, edges };
}

function bigGraph(): BlastGraphResult {
  const seed = 'AKIASEED000000000001';
  const nodes: BlastNode[] = [
    { id: seed, kind: 'accessKey', label: seed, potential: true, observed: true },
    { id: 'role/a', kind: 'role', label: 'role/a', potential: true, observed: true },
    { id: 'bucket/b', kind: 'bucket', label: 'bucket/b', potential: true, observed: false },
  ];
  const edges: BlastEdge[] = [
    { from: seed, to: 'role/a', kind: 'can-assume', potential: true, observed: true, actions: [], eventIds: [] },
    { from: 'role/a', to: 'bucket/b', kind: 'can-access', potential: true, observed: false, actions: [], eventIds: [] },
    { from: 'role/a', to: 'user/x', kind: 'can-escalate', potential: true, observed: false, actions: ['iam:PassRole', 'iam:CreateAccessKey'], eventIds: [] },
  ];
  nodes.push({ id: 'user/x', kind: 'user', label: 'user/x', potential: true, observed: false });
  const fan = star('bucket/b', 1990);
  return { seed, adminEquivalent: true, nodes: [...nodes, ...fan.nodes], edges: [...edges, ...fan.edges], notes: [] };
}

describe('blast model', () => {
  it('collapses more than 50 nodes of one kind under one parent into one group, expandable', () => {
    const graph = bigGraph();
    expect(graph.nodes.length).toBeGreaterThanOrEqual(1994);
    const grouped = groupGraph(graph);
    expect(grouped.nodes.length).toBe(5);
    const group = grouped.nodes.find((node) => node.members);
    expect(group).toMatchObject({ id: groupId('bucket/b', 'object'), label: '1990 objects', observed: true, potential: true });
    expect(group?.members).toHaveLength(1990);
    expect(grouped.edges.filter((edge) => edge.to === group?.id)).toHaveLength(1);
    // Expanded, the fan is back.
    expect(groupGraph(graph, new Set([groupId('bucket/b', 'object')])).nodes.length).toBe(graph.nodes.length);
    // Exactly the threshold stays as it is.
    const small = star('p', GROUP_THRESHOLD);
    const smallGraph = { seed: 'p', nodes: [{ id: 'p', kind: 'role', label: 'p', potential: true, observed: true }, ...small.nodes], edges: small.edges };
    expect(groupGraph(smallGraph).nodes.length).toBe(GROUP_THRESHOLD + 1);
  });

  it('lays a graph out the same way every time (fixed start, seeded random source, fixed ticks)', () => {
    const graph = groupGraph(bigGraph(), new Set([groupId('bucket/b', 'object')]));
    const started = performance.now();
    const first = layoutGraph(graph, 'AKIASEED000000000001');
    const elapsed = performance.now() - started;
    const second = layoutGraph(graph, 'AKIASEED000000000001');
    expect([...first.values()]).toEqual([...second.values()]);
    expect(first.size).toBe(graph.nodes.length);
    expect(first.get('AKIASEED000000000001')).toEqual({ id: 'AKIASEED000000000001', x: 0, y: 0 });
    for (const point of first.values()) expect(Number.isFinite(point.x) && Number.isFinite(point.y)).toBe(true);
    // 2,000 nodes stay interactive: the layout is a one-off of bounded cost.
    expect(elapsed).toBeLessThan(8000);
    // Input order does not matter.
    const shuffled = { nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() };
    expect([...layoutGraph(shuffled, 'AKIASEED000000000001').entries()].sort()).toEqual([...first.entries()].sort());
  });

  it('filters by kind and by observed / potential-only, keeping the seed', () => {
    const graph = groupGraph(bigGraph());
    const seed = 'AKIASEED000000000001';
    const noBuckets = filterGraph(graph, seed, new Set(['bucket']), 'all');
    expect(noBuckets.nodes.some((node) => node.kind === 'bucket')).toBe(false);
    expect(noBuckets.edges.some((edge) => edge.to === 'bucket/b')).toBe(false);
    const observed = filterGraph(graph, seed, new Set(), 'observed');
    expect(observed.nodes.map((node) => node.id).sort()).toEqual([seed, 'role/a', groupId('bucket/b', 'object')].sort());
    const potential = filterGraph(graph, seed, new Set(), 'potential-only');
    expect(potential.nodes.map((node) => node.id).sort()).toEqual([seed, 'bucket/b', 'user/x'].sort());
    expect(filterGraph(graph, seed, new Set(['accessKey']), 'potential-only').nodes.some((node) => node.id === seed)).toBe(true);
  });

  it('gives each kind a shape and colour (the legend uses the same)', () => {
    expect(nodeStyle('access-key')).toEqual({ shape: 'diamond', tone: 'key' });
    expect(nodeStyle('new-user').shape).toBe('circle');
    expect(nodeStyle('role')).toEqual({ shape: 'hexagon', tone: 'role' });
    expect(nodeStyle('session').tone).toBe('session');
    expect(nodeStyle('s3-bucket').tone).toBe('storage');
    expect(nodeStyle('ip').shape).toBe('triangle');
    expect(nodeStyle('service').tone).toBe('other');
  });

  it('lists the can-escalate actions', () => {
    expect(escalationActions(bigGraph().edges)).toEqual(['iam:CreateAccessKey', 'iam:PassRole']);
  });

  it('has a deterministic random source in [0, 1)', () => {
    const a = lcg(7);
    const b = lcg(7);
    const values = Array.from({ length: 100 }, () => a());
    expect(values).toEqual(Array.from({ length: 100 }, () => b()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('lineage and profile models', () => {
  it('puts the chain root first and created keys and users as branches under their creator', async () => {
    const fake = new FakeCairn();
    const result = await fake.api.lineage({ key: FAKE_IDS.sessionKey });
    if (!result.ok) throw new Error('lineage failed');
    const rows = lineageRows(result.value);
    expect(rows.map((row) => [row.depth, row.node, row.branch])).toEqual([
      [0, FAKE_IDS.devArn, false],
      [1, FAKE_IDS.leakedKey, false],
      [2, FAKE_IDS.sessionKey, false],
      [3, FAKE_IDS.createdUserArn, true],
      [3, FAKE_IDS.createdKey, true],
    ]);
    expect(rows[2]?.via).toMatchObject({ kind: 'AssumeRole', eventId: 'evt-assume-1' });
  });

  it('sizes the event-name histogram to its labels and lists what is unusual', async () => {
    const chart = nameHistogram(
      [
        { value: 'GetObject', count: 30 },
        { value: 'AVeryLongEventNameThatGoesOnAndOnForever', count: 2 },
      ],
      300,
    );
    expect(chart.bars[0]?.width).toBeGreaterThan(chart.bars[1]?.width ?? 0);
    for (const bar of chart.bars) expect(Math.ceil(bar.label.length * 6.6)).toBeLessThanOrEqual(chart.left - 6);
    expect(chart.bars[1]?.label.endsWith('…')).toBe(true);
    const fake = new FakeCairn();
    const profile = await fake.api.entityProfile({ kind: 'accessKey', id: FAKE_IDS.sessionKey });
    if (!profile.ok) throw new Error('profile failed');
    expect(unusualLists(profile.value)).toEqual([
      { label: 'New event names', values: ['CreateUser'] },
      { label: 'New source IPs', values: ['198.51.100.77'] },
    ]);
    expect(percent(0.2)).toBe('20.0%');
  });
});

describe('navigation', () => {
  it('builds the pivot queries', () => {
    expect(addressQuery('10.0.1.10')).toBe('srcIp:10.0.1.10 OR dstIp:10.0.1.10');
    expect(eniQuery('eni-0abc')).toBe('eni:eni-0abc');
    expect(eventIdQuery('evt-1')).toBe('eventId:evt-1');
    expect(entityQuery({ kind: 'principal', id: FAKE_IDS.devArn })).toBe(`principalArn:"${FAKE_IDS.devArn}"`);
    expect(entityQuery({ kind: 'accessKey', id: FAKE_IDS.leakedKey })).toBe(`accessKeyId:${FAKE_IDS.leakedKey}`);
    expect(entityQuery({ kind: 'ip', id: '198.51.100.7' })).toBe('sourceIp:198.51.100.7');
    expect(entityQuery({ kind: 'resource', id: FAKE_IDS.backupBucket })).toBe(`resources:"${FAKE_IDS.backupBucket}"`);
  });

  it('tells kinds of entities apart', () => {
    expect(guessEntityKind(FAKE_IDS.leakedKey)).toBe('accessKey');
    expect(guessEntityKind(FAKE_IDS.sessionArn)).toBe('principal');
    expect(guessEntityKind(FAKE_IDS.dataBucket)).toBe('resource');
    expect(guessEntityKind('i-0123456789abcdef0')).toBe('instance');
    expect(guessEntityKind('198.51.100.7')).toBe('ip');
    expect(guessEntityKind('2001:db8::1')).toBe('ip');
    expect(guessEntityKind('hello')).toBeNull();
    expect(profileKindOfField('accessKeyId')).toBe('accessKey');
    expect(profileKindOfField('principalArn')).toBe('principal');
    expect(profileKindOfField('sourceIp')).toBe('ip');
    expect(profileKindOfField('eventName')).toBeNull();
    expect(profileKindOfNode('role', FAKE_IDS.roleArn)).toBe('principal');
    expect(profileKindOfNode('accessKey', FAKE_IDS.leakedKey)).toBe('accessKey');
    expect(profileKindOfNode('bucket', FAKE_IDS.backupBucket)).toBe('resource');
  });
});
