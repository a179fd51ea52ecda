import type { BlastEdge, BlastGraph, BlastNode } from '../iam/blast-graph.js';
import { isReadOnlyAction, kindOfArn, resourcesOf } from './event-resources.js';
import type { Lineage, LineageNode } from './lineage.js';
import type { TrailEvent } from './trail-event.js';

/** A node of the observed graph with what the evidence shows of it. Times are ms since the epoch, UTC. */
export interface ObservedNode extends BlastNode {
  /** Events of the seed's lineage involving this node. */
  count: number;
  /** Of those, events that returned an errorCode. */
  errors: number;
  first: number | null;
  last: number | null;
  /** Buckets whose object nodes were collapsed: how many objects were dropped. */
  objects?: number;
  collapsed?: boolean;
}

/** An edge of the observed graph; `count`/`errors` are exact even when `eventIds` is capped. */
export interface ObservedEdge extends BlastEdge {
  count: number;
  errors: number;
  first: number | null;
  last: number | null;
}

/** The observed blast radius: a BlastGraph whose nodes and edges carry event counts. */
export interface ObservedGraph extends BlastGraph {
  nodes: ObservedNode[];
  edges: ObservedEdge[];
}

/** Limits that keep the graph drawable. */
export interface ObservedGraphOptions {
  /** A bucket with more object nodes than this keeps only the bucket node (default 50). */
  maxObjectsPerBucket?: number;
  /** At most this many CloudTrail eventIDs are listed per edge (default 1000); counts stay exact. */
  maxEventIdsPerEdge?: number;
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/**
 * What the seed's credentials actually did: the seed (access key id, principal ARN, instance id or
 * source IP) is resolved to credentials, extended with everything they minted or created (sessions,
 * users, keys, login profiles, transitively), and every event made with those credentials becomes
 * edges to the resources it read or changed. The chain above the seed is drawn for context only.
 */
export function buildObservedGraph(
  seed: string,
  events: Iterable<TrailEvent>,
  lineage: Lineage,
  options: ObservedGraphOptions = {},
): ObservedGraph {
  const list = Array.isArray(events) ? (events as TrailEvent[]) : [...events];
  const credentials = expand(lineage, seedCredentials(seed, list, lineage));
  const graph = new GraphBuilder(options.maxEventIdsPerEdge ?? 1000);
  const provingRows = new Set(lineage.links.map((link) => link.eventRowId));
  const proving = new Map<number, TrailEvent>();
  for (const event of list) if (provingRows.has(event.id)) proving.set(event.id, event);

  for (const id of credentials) {
    const node = lineage.node(id);
    if (node === undefined) continue;
    graph.node(id, credentialKind(node));
    drawIdentity(graph, lineage, node, proving);
  }
  // The chain above each credential, so a session shows the key it came from.
  for (const id of credentials) {
    for (const step of lineage.chainOf(id)) {
      if (credentials.has(step.node.id)) continue;
      graph.node(step.node.id, credentialKind(step.node));
      drawIdentity(graph, lineage, step.node, proving);
    }
  }

  for (const event of list) {
    const credential = lineage.credentialOf(event);
    if (credential === null || !credentials.has(credential)) continue;
    graph.touchNode(credential, event);
    const node = lineage.node(credential);
    const owner = node === undefined ? null : ownerOf(node);
    if (owner !== null) graph.touchNode(owner, event);
    const ip = event.sourceIp;
    if (ip !== null && ip !== '' && !ip.endsWith('amazonaws.com') && ip !== 'AWS Internal') {
      graph.node(ip, 'ip');
      graph.touchNode(ip, event);
      graph.edge(ip, credential, 'source-ip', event);
    }
    // The STS or IAM call behind a lineage link is already drawn as that link.
    if (provingRows.has(event.id)) continue;
    const kind = isReadOnlyAction(event.eventName) ? 'accessed' : 'modified';
    const touched = resourcesOf(event);
    if (touched.length === 0 && event.eventSource !== null) touched.push({ id: event.eventSource, kind: 'service' });
    for (const resource of touched) {
      graph.node(resource.id, resource.kind);
      graph.touchNode(resource.id, event);
      graph.edge(credential, resource.id, kind, event);
    }
  }
  graph.collapseBuckets(options.maxObjectsPerBucket ?? 50);
  return { seed, adminEquivalent: false, wholeAccount: false, ...graph.result() };
}

/** Credentials the seed names directly. */
function seedCredentials(seed: string, events: readonly TrailEvent[], lineage: Lineage): Set<string> {
  const start = new Set<string>();
  if (lineage.node(seed) !== undefined) start.add(seed);
  if (lineage.node(`console:${seed}`) !== undefined) start.add(`console:${seed}`);
  if (INSTANCE_ID.test(seed)) {
    for (const node of lineage.nodes) if (node.instanceId === seed) start.add(node.id);
  } else if (seed.startsWith('arn:')) {
    // A user's keys and console session, or a role's sessions.
    for (const node of lineage.nodes) if (node.principal === seed || node.role === seed) start.add(node.id);
  } else if (lineage.node(seed) === undefined) {
    for (const event of events) {
      if (event.sourceIp !== seed) continue;
      const credential = lineage.credentialOf(event);
      if (credential !== null) start.add(credential);
    }
  }
  return start;
}

/** Adds everything minted or created from the start set, and a created user's own credentials. */
function expand(lineage: Lineage, start: Set<string>): Set<string> {
  const result = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    for (const link of lineage.linksFrom(id)) queue.push(link.to);
    const node = lineage.node(id);
    const createdUser = node?.kind === 'principal' && lineage.linkTo(id)?.kind === 'created-user';
    if (createdUser) {
      // Everything a user made by the attacker holds is the attacker's.
      for (const other of lineage.nodes) if (other.principal === id && other.id !== id) queue.push(other.id);
    }
  }
  return result;
}

/** Who the credential belongs to, drawn as its own node: the role of a session, the user of a key. */
function ownerOf(node: LineageNode): string | null {
  if (node.kind === 'principal') return null;
  const owner = node.kind === 'session-key' ? (node.role ?? node.principal) : node.principal;
  return owner === node.id ? null : owner;
}

/** Owner → credential (`uses-key`), parent → role (`assumed`) and creator → created (`created`) edges. */
function drawIdentity(
  graph: GraphBuilder,
  lineage: Lineage,
  node: LineageNode,
  proving: ReadonlyMap<number, TrailEvent>,
): void {
  const owner = ownerOf(node);
  if (owner !== null) {
    graph.node(owner, kindOfArn(owner));
    graph.edge(owner, node.id, 'uses-key', null);
  }
  const link = lineage.linkTo(node.id);
  if (link === null) return;
  const from = lineage.node(link.from);
  if (from !== undefined) graph.node(from.id, credentialKind(from));
  const event = proving.get(link.eventRowId) ?? null;
  if (link.kind.startsWith('created-')) graph.edge(link.from, node.id, 'created', event, link.kind);
  else graph.edge(link.from, owner ?? node.id, 'assumed', event, link.kind);
}

function credentialKind(node: LineageNode): string {
  switch (node.kind) {
    case 'long-term-key':
      return 'access-key';
    case 'session-key':
      return 'session';
    case 'console-session':
      return 'console-session';
    case 'principal':
      if (INSTANCE_ID.test(node.id)) return 'instance';
      if (node.id.startsWith('arn:')) return kindOfArn(node.id);
      return 'service';
  }
}

interface NodeState {
  node: BlastNode;
  rows: Set<number>;
  errorRows: Set<number>;
  first: number | null;
  last: number | null;
  objects?: number;
  collapsed?: boolean;
}

interface EdgeState {
  /** Built here, so its endpoints may move (objects collapsed into their bucket). */
  edge: { -readonly [K in keyof BlastEdge]: BlastEdge[K] };
  rows: Set<number>;
  errorRows: Set<number>;
  first: number | null;
  last: number | null;
  actions: Set<string>;
  eventIds: Set<string>;
}

/** Accumulates nodes and edges keyed by id; counts are sets of row ids so merging never double-counts. */
class GraphBuilder {
  private readonly nodes = new Map<string, NodeState>();
  private readonly edges = new Map<string, EdgeState>();

  constructor(private readonly maxEventIds: number) {}

  node(id: string, kind: string): void {
    if (this.nodes.has(id)) return;
    const node: BlastNode = { id, kind, label: labelOf(id), potential: false, observed: true };
    this.nodes.set(id, { node, rows: new Set(), errorRows: new Set(), first: null, last: null });
  }

  touchNode(id: string, event: TrailEvent): void {
    const state = this.nodes.get(id);
    if (state === undefined) return;
    record(state, event);
  }

  /** `action` names the edge's action when no event does (the lineage link kind). */
  edge(from: string, to: string, kind: string, event: TrailEvent | null, action?: string): void {
    const key = `${from}\u0000${kind}\u0000${to}`;
    let state = this.edges.get(key);
    if (state === undefined) {
      const edge: BlastEdge = { from, to, kind, potential: false, observed: true, actions: [], eventIds: [] };
      state = {
        edge,
        rows: new Set(),
        errorRows: new Set(),
        first: null,
        last: null,
        actions: new Set(),
        eventIds: new Set(),
      };
      this.edges.set(key, state);
    }
    if (action !== undefined) state.actions.add(action);
    if (event === null) return;
    record(state, event);
    if (event.eventName !== null) state.actions.add(event.eventName);
    if (event.eventId !== null && state.eventIds.size < this.maxEventIds) state.eventIds.add(event.eventId);
  }

  /** Replaces the object nodes of buckets with more than `limit` objects by their bucket node. */
  collapseBuckets(limit: number): void {
    const objectsByBucket = new Map<string, string[]>();
    for (const state of this.nodes.values()) {
      if (state.node.kind !== 'object') continue;
      const bucket = bucketOf(state.node.id);
      if (bucket === null) continue;
      const list = objectsByBucket.get(bucket);
      if (list === undefined) objectsByBucket.set(bucket, [state.node.id]);
      else list.push(state.node.id);
    }
    for (const [bucket, objects] of objectsByBucket) {
      if (objects.length <= limit) continue;
      this.node(bucket, 'bucket');
      const bucketState = this.nodes.get(bucket)!;
      bucketState.objects = objects.length;
      bucketState.collapsed = true;
      const dropped = new Set(objects);
      for (const id of objects) {
        mergeCounts(bucketState, this.nodes.get(id)!);
        this.nodes.delete(id);
      }
      for (const [key, state] of [...this.edges]) {
        if (!dropped.has(state.edge.to)) continue;
        this.edges.delete(key);
        const targetKey = `${state.edge.from}\u0000${state.edge.kind}\u0000${bucket}`;
        const target = this.edges.get(targetKey);
        if (target === undefined) {
          state.edge.to = bucket;
          this.edges.set(targetKey, state);
        } else {
          mergeCounts(target, state);
          for (const action of state.actions) target.actions.add(action);
          for (const id of state.eventIds) if (target.eventIds.size < this.maxEventIds) target.eventIds.add(id);
        }
      }
    }
  }

  result(): { nodes: ObservedNode[]; edges: ObservedEdge[] } {
    const nodes = [...this.nodes.values()].map((state) => {
      const node: ObservedNode = {
        ...state.node,
        count: state.rows.size,
        errors: state.errorRows.size,
        first: state.first,
        last: state.last,
      };
      if (state.collapsed === true) {
        node.collapsed = true;
        node.objects = state.objects ?? 0;
      }
      return node;
    });
    const edges = [...this.edges.values()].map((state): ObservedEdge => ({
      ...state.edge,
      actions: [...state.actions].sort(),
      eventIds: [...state.eventIds],
      count: state.rows.size,
      errors: state.errorRows.size,
      first: state.first,
      last: state.last,
    }));
    return { nodes, edges };
  }
}

interface Counted {
  rows: Set<number>;
  errorRows: Set<number>;
  first: number | null;
  last: number | null;
}

function record(state: Counted, event: TrailEvent): void {
  state.rows.add(event.id);
  if (event.errorCode !== null && event.errorCode !== '') state.errorRows.add(event.id);
  if (state.first === null || event.time < state.first) state.first = event.time;
  if (state.last === null || event.time > state.last) state.last = event.time;
}

function mergeCounts(into: Counted, from: Counted): void {
  for (const row of from.rows) into.rows.add(row);
  for (const row of from.errorRows) into.errorRows.add(row);
  if (from.first !== null && (into.first === null || from.first < into.first)) into.first = from.first;
  if (from.last !== null && (into.last === null || from.last > into.last)) into.last = from.last;
}

/** `arn:aws:s3:::bucket/key` → `arn:aws:s3:::bucket`. */
function bucketOf(objectArn: string): string | null {
  const marker = objectArn.indexOf(':::');
  if (marker < 0) return null;
  const slash = objectArn.indexOf('/', marker + 3);
  return slash < 0 ? null : objectArn.slice(0, slash);
}

/** A short readable name: the resource part of an ARN, the id otherwise. */
function labelOf(id: string): string {
  if (id.startsWith('console:')) return `console ${labelOf(id.slice('console:'.length))}`;
  if (!id.startsWith('arn:')) return id;
  const resource = id.split(':').slice(5).join(':');
  return resource === '' ? id : resource;
}
