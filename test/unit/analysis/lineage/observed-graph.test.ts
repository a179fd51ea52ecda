import { describe, expect, it } from 'vitest';
import type { BlastGraph } from '../../../../main/analysis/iam/blast-graph.js';
import { buildLineage } from '../../../../main/analysis/lineage/lineage.js';
import { buildObservedGraph, type ObservedGraph } from '../../../../main/analysis/lineage/observed-graph.js';
import { TrailWriter, roleArn, userArn } from './chain-fixtures.js';
import { loadTrail } from './trail-loader.js';

const OTRF = 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json';
const PANTHER = 'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json';
const BUCKET = 'arn:aws:s3:::mordors3stack-s3bucket-llp2yingx64a';

function nodeOf(graph: ObservedGraph, id: string): ObservedGraph['nodes'][number] | undefined {
  return graph.nodes.find((node) => node.id === id);
}

function edgeOf(
  graph: ObservedGraph,
  from: string,
  kind: string,
  to: string,
): ObservedGraph['edges'][number] | undefined {
  return graph.edges.find((edge) => edge.from === from && edge.kind === kind && edge.to === to);
}

describe('observed graph on OTRF ec2_proxy_s3_exfiltration', () => {
  const events = loadTrail(OTRF);
  const lineage = buildLineage(events);
  const stolen = 'ASIA5FLZVX4OPVKKVBMX';
  const role = 'arn:aws:iam::123456789123:role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0';

  it('shows what the stolen session read, with counts and eventIDs', () => {
    const graph = buildObservedGraph(stolen, events, lineage);
    // Structurally a BlastGraph for the lead's shared type.
    const shape: BlastGraph = graph;
    expect(shape.seed).toBe(stolen);
    expect(graph.nodes.every((node) => node.observed && !node.potential)).toBe(true);
    expect(graph.edges.every((edge) => edge.observed && !edge.potential)).toBe(true);

    // jq -s -c '[.[]|select(.userIdentity.accessKeyId=="ASIA5FLZVX4OPVKKVBMX")|[.resources[]?|.ARN // .ARNPrefix]]'
    // → 7 ListObjects name the bucket (and its "bucket/" prefix), 2 GetObject name bucket + ring.txt, 2 ListBuckets name nothing.
    expect(edgeOf(graph, stolen, 'accessed', BUCKET)).toMatchObject({
      count: 9,
      errors: 0,
      actions: ['GetObject', 'ListObjects'],
    });
    const object = edgeOf(graph, stolen, 'accessed', `${BUCKET}/ring.txt`);
    // jq -s -c '[.[]|select(.eventName=="GetObject")|.eventID]' → the two GetObject eventIDs
    expect([...(object?.eventIds ?? [])].sort()).toEqual([
      '771299cb-e200-4926-9604-c85358b30499',
      'edc2222c-5063-47fb-9fc0-c2ffb86b9d15',
    ]);
    expect(edgeOf(graph, stolen, 'accessed', 's3.amazonaws.com')).toMatchObject({ count: 2, actions: ['ListBuckets'] });
    expect(nodeOf(graph, stolen)).toMatchObject({ kind: 'session', count: 11, errors: 0 });
    expect(nodeOf(graph, `${BUCKET}/ring.txt`)).toMatchObject({ kind: 'object', count: 2 });
    // jq: first/last use of the key: 2020-09-14T01:00:04Z and 01:13:20Z
    expect(nodeOf(graph, stolen)?.first).toBe(Date.parse('2020-09-14T01:00:04Z'));
    expect(nodeOf(graph, stolen)?.last).toBe(Date.parse('2020-09-14T01:13:20Z'));
    // The masked source address of all 11 calls.
    expect(edgeOf(graph, '1.2.3.4', 'source-ip', stolen)?.count).toBe(11);
  });

  it('draws the chain above the session: instance → role → session', () => {
    const graph = buildObservedGraph(stolen, events, lineage);
    expect(edgeOf(graph, 'i-0317f6c6b66ae9c40', 'assumed', role)).toMatchObject({
      eventIds: ['a3a3dded-7c27-42c0-a42d-891cdd436278'],
      actions: ['AssumeRole', 'instance-profile'],
    });
    expect(edgeOf(graph, role, 'uses-key', stolen)).toBeDefined();
    expect(nodeOf(graph, 'i-0317f6c6b66ae9c40')?.kind).toBe('instance');
    // pedro's unrelated session is not in the stolen key's graph.
    expect(nodeOf(graph, 'ASIA5FLZVX4OI4ZDQJOL')).toBeUndefined();
  });

  it('from an instance id gives the sessions of its instance profile', () => {
    const graph = buildObservedGraph('i-0317f6c6b66ae9c40', events, lineage);
    const sessions = graph.nodes
      .filter((node) => node.kind === 'session')
      .map((node) => node.id)
      .sort();
    expect(sessions).toEqual(['ASIA5FLZVX4OAET5K4P5', 'ASIA5FLZVX4OO3RUSEX6', 'ASIA5FLZVX4OPVKKVBMX']);
  });

  it('from an IP gives the keys used from it', () => {
    // jq -s '[.[]|select(.sourceIPAddress=="1.2.3.4")|.userIdentity.accessKeyId]|unique' → the two ASIA keys
    const graph = buildObservedGraph('1.2.3.4', events, lineage);
    const keys = graph.edges
      .filter((edge) => edge.kind === 'source-ip')
      .map((edge) => edge.to)
      .sort();
    expect(keys).toEqual(['ASIA5FLZVX4OI4ZDQJOL', stolen]);
    // jq -s '[.[]|select(.sourceIPAddress=="1.2.3.4")]|length' → 98
    expect(nodeOf(graph, '1.2.3.4')?.count).toBe(98);
    // pedro's calls list no `resources`. 24 of his 80 EC2 calls name instance/volume ids in their bodies:
    // jq -s '[.[]|select(.userIdentity.accessKeyId=="ASIA5FLZVX4OI4ZDQJOL" and .eventSource=="ec2.amazonaws.com")
    //   | select([(.requestParameters,.responseElements)|..|objects|to_entries[]
    //   | select((.key|IN("instanceId","groupId","networkInterfaceId","volumeId","snapshotId")) and (.value|type=="string"))]|length==0)]|length'
    // → 56 name none, so they are drawn against the service; 10 events name i-0317f6c6b66ae9c40 (same jq, .instanceId==…).
    // Other services (group_by(.eventSource)): elasticloadbalancing 3. All Describe*/Get*: nothing "modified".
    const pedro = 'ASIA5FLZVX4OI4ZDQJOL';
    expect(edgeOf(graph, pedro, 'accessed', 'ec2.amazonaws.com')?.count).toBe(56);
    expect(edgeOf(graph, pedro, 'accessed', 'i-0317f6c6b66ae9c40')?.count).toBe(10);
    expect(edgeOf(graph, pedro, 'accessed', 'elasticloadbalancing.amazonaws.com')?.count).toBe(3);
    expect(graph.edges.filter((edge) => edge.from === pedro && edge.kind === 'modified')).toEqual([]);
  });

  it('from a role ARN gives its sessions', () => {
    const graph = buildObservedGraph(role, events, lineage);
    expect(graph.nodes.filter((node) => node.kind === 'session')).toHaveLength(3);
  });
});

describe('observed graph on the panther compromised-root scenario', () => {
  const events = loadTrail(PANTHER);
  const lineage = buildLineage(events);
  const rootArn = 'arn:aws:iam::493859302102:root';
  const tracy = 'arn:aws:iam::493859302102:user/tracy_stone';

  it('follows the root login into the created user, its key and the instance it launched', () => {
    const graph = buildObservedGraph(rootArn, events, lineage);
    const consoleId = `console:${rootArn}`;
    expect(edgeOf(graph, consoleId, 'created', tracy)?.actions).toEqual(['CreateUser', 'created-user']);
    expect(edgeOf(graph, consoleId, 'created', 'AKIASWJJJ66ZZZII4IYY')).toBeDefined();
    expect(edgeOf(graph, tracy, 'uses-key', 'AKIASWJJJ66ZZZII4IYY')).toBeDefined();
    // jq '.Records[]|select(.eventName=="RunInstances")|.responseElements.instancesSet.items[].instanceId' → i-05261ffb46217cdc3
    expect(edgeOf(graph, tracy, 'modified', 'i-05261ffb46217cdc3')?.actions).toEqual(['RunInstances']);
    // jq '...RunInstances...|.. |.groupId? // empty' → sg-07ebc4087aa0b2a81 (request), sg-0917d39b0f1a143b5 (response)
    expect(nodeOf(graph, 'sg-07ebc4087aa0b2a81')?.kind).toBe('security-group');
    expect(nodeOf(graph, 'eni-0b13344793d4fde67')?.kind).toBe('network-interface');
    // StopLogging names the trail by name; it failed (NotOrganizationMasterAccountException).
    const trail = 'arn:aws:cloudtrail:us-east-1:493859302102:trail/acme-cloudtrail-us-east-1';
    expect(edgeOf(graph, consoleId, 'modified', trail)).toMatchObject({
      count: 1,
      errors: 1,
      actions: ['StopLogging'],
    });
    // AttachUserPolicy ×3 on tracy_stone: jq '.Records[]|select(.eventName=="AttachUserPolicy")' | jq -s length → 3
    expect(edgeOf(graph, consoleId, 'modified', tracy)).toMatchObject({ count: 3, actions: ['AttachUserPolicy'] });
    expect(edgeOf(graph, '92.55.146.245', 'source-ip', consoleId)).toBeDefined();
  });
});

describe('observed graph on generated chains', () => {
  it('keeps a bucket and drops its objects past the limit, counting exactly', () => {
    const trail = new TrailWriter();
    const bob = trail.asUser('bob', 'AKIABOB000000000001');
    trail.assumeRole(bob, 'Reader', 'r', 'ASIAREADER0000000001');
    const reader = trail.asRole('Reader', 'r', 'ASIAREADER0000000001');
    for (let i = 0; i < 60; i += 1) trail.getObject(reader, 'loot', `o-${i}`, i % 10 === 0 ? 'AccessDenied' : null);
    trail.getObject(reader, 'small', 'only');
    const lineage = buildLineage(trail.events);

    const graph = buildObservedGraph('AKIABOB000000000001', trail.events, lineage);
    expect(graph.nodes.filter((node) => node.id.startsWith('arn:aws:s3:::loot/'))).toEqual([]);
    expect(nodeOf(graph, 'arn:aws:s3:::loot')).toMatchObject({ collapsed: true, objects: 60, count: 60, errors: 6 });
    expect(nodeOf(graph, 'arn:aws:s3:::small/only')).toBeDefined();
    expect(edgeOf(graph, 'ASIAREADER0000000001', 'accessed', 'arn:aws:s3:::loot')).toMatchObject({
      count: 60,
      errors: 6,
    });
    expect(edgeOf(graph, 'AKIABOB000000000001', 'assumed', roleArn('Reader'))?.eventIds).toEqual(['evt-1']);
    expect(edgeOf(graph, userArn('bob'), 'uses-key', 'AKIABOB000000000001')).toBeDefined();

    const wide = buildObservedGraph('AKIABOB000000000001', trail.events, lineage, {
      maxObjectsPerBucket: 100,
      maxEventIdsPerEdge: 5,
    });
    expect(wide.nodes.filter((node) => node.id.startsWith('arn:aws:s3:::loot/'))).toHaveLength(60);
    const bucketEdge = edgeOf(wide, 'ASIAREADER0000000001', 'accessed', 'arn:aws:s3:::loot');
    expect(bucketEdge?.eventIds).toHaveLength(5);
    expect(bucketEdge?.count).toBe(60);
  });

  it('shows the events made with a key the seed created', () => {
    const trail = new TrailWriter();
    const eve = trail.asUser('eve', 'AKIAEVE000000000001');
    trail.add({
      ...eve,
      eventName: 'CreateAccessKey',
      eventSource: 'iam.amazonaws.com',
      requestParameters: JSON.stringify({ userName: 'ops' }),
      responseElements: JSON.stringify({ accessKey: { accessKeyId: 'AKIANEWKEY000000001', userName: 'ops' } }),
    });
    trail.add({
      ...trail.asUser('ops', 'AKIANEWKEY000000001'),
      eventName: 'RunInstances',
      eventSource: 'ec2.amazonaws.com',
      responseElements: JSON.stringify({ instancesSet: { items: [{ instanceId: 'i-0123456789abcdef0' }] } }),
    });
    // ops's own older key is not the attacker's.
    trail.add({
      ...trail.asUser('ops', 'AKIAOPSOWN000000001'),
      eventName: 'ListBuckets',
      eventSource: 's3.amazonaws.com',
    });
    const lineage = buildLineage(trail.events);
    const graph = buildObservedGraph('AKIAEVE000000000001', trail.events, lineage);
    expect(edgeOf(graph, 'AKIAEVE000000000001', 'created', 'AKIANEWKEY000000001')?.eventIds).toEqual(['evt-1']);
    expect(edgeOf(graph, 'AKIANEWKEY000000001', 'modified', 'i-0123456789abcdef0')).toMatchObject({ count: 1 });
    expect(nodeOf(graph, 'AKIAOPSOWN000000001')).toBeUndefined();
    expect(buildObservedGraph('AKIANOTHERE', trail.events, lineage).nodes).toEqual([]);
  });
});
