import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3';
import type { BlastGraphResult } from '../../../preload/contract/analysis';

/**
 * The blast-radius graph's pure logic: grouping big fans of one kind into one node, the kind and
 * observed/potential filters, and a deterministic d3-force layout (fixed initial positions, fixed
 * random source, fixed tick count), so the same graph always lands in the same place.
 */

export type BlastNode = BlastGraphResult['nodes'][number];
export type BlastEdge = BlastGraphResult['edges'][number];

/** A node as drawn: a graph node, or a group standing for many of one kind under one parent. */
export interface GraphNode extends BlastNode {
  /** For a group node: the ids it stands for. */
  members?: string[];
}

export interface GraphView {
  nodes: GraphNode[];
  edges: BlastEdge[];
}

/** More than this many nodes of one kind hanging off one parent become one group node. */
export const GROUP_THRESHOLD = 50;

/** The id of the group of `kind` nodes under `parent`. */
export function groupId(parent: string, kind: string): string {
  return `group:${kind}:${parent}`;
}

/**
 * Collapses every fan of more than `threshold` nodes of one kind attached only to one parent into
 * one "N objects" node (unless its id is in `expanded`). A node is in a fan when all its edges go
 * to or come from that parent and it is not the seed.
 */
export function groupGraph(
  graph: { seed: string; nodes: readonly BlastNode[]; edges: readonly BlastEdge[] },
  expanded: ReadonlySet<string> = new Set(),
  threshold = GROUP_THRESHOLD,
): GraphView {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = neighbours.get(a);
    if (!set) neighbours.set(a, (set = new Set()));
    set.add(b);
  };
  for (const edge of graph.edges) {
    link(edge.from, edge.to);
    link(edge.to, edge.from);
  }
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const fans = new Map<string, { parent: string; kind: string; members: string[] }>();
  for (const node of graph.nodes) {
    if (node.id === graph.seed) continue;
    const around = neighbours.get(node.id);
    if (!around || around.size !== 1) continue;
    const parent = [...around][0] as string;
    if (!byId.has(parent)) continue;
    const id = groupId(parent, node.kind);
    let fan = fans.get(id);
    if (!fan) fans.set(id, (fan = { parent, kind: node.kind, members: [] }));
    fan.members.push(node.id);
  }
  const groupOf = new Map<string, string>();
  const groups: GraphNode[] = [];
  for (const [id, fan] of fans) {
    if (fan.members.length <= threshold || expanded.has(id)) continue;
    const members = fan.members.map((member) => byId.get(member) as BlastNode);
    for (const member of fan.members) groupOf.set(member, id);
    groups.push({
      id,
      kind: fan.kind,
      label: `${fan.members.length} ${plural(fan.kind)}`,
      potential: members.some((member) => member.potential),
      observed: members.some((member) => member.observed),
      members: fan.members,
    });
  }
  if (groups.length === 0) return { nodes: [...graph.nodes], edges: [...graph.edges] };
  const nodes: GraphNode[] = [...graph.nodes.filter((node) => !groupOf.has(node.id)), ...groups];
  const merged = new Map<string, BlastEdge>();
  const edges: BlastEdge[] = [];
  for (const edge of graph.edges) {
    const from = groupOf.get(edge.from) ?? edge.from;
    const to = groupOf.get(edge.to) ?? edge.to;
    if (from === edge.from && to === edge.to) {
      edges.push(edge);
      continue;
    }
    const key = `${from}→${to}|${edge.kind}`;
    const existing = merged.get(key);
    if (existing) {
      existing.potential ||= edge.potential;
      existing.observed ||= edge.observed;
      for (const action of edge.actions) if (!existing.actions.includes(action)) existing.actions.push(action);
      existing.eventIds.push(...edge.eventIds);
    } else {
      const copy = { ...edge, from, to, actions: [...edge.actions], eventIds: [...edge.eventIds] };
      merged.set(key, copy);
      edges.push(copy);
    }
  }
  return { nodes, edges };
}

function plural(kind: string): string {
  if (kind === '') return 'objects';
  return kind.endsWith('s') ? kind : `${kind}s`;
}

/** Which nodes to show: all, those the evidence shows touched, or those only reachable on paper. */
export type EvidenceFilter = 'all' | 'observed' | 'potential-only';

/** The graph without hidden kinds and without nodes the evidence filter leaves out (the seed stays). */
export function filterGraph(
  view: GraphView,
  seed: string,
  hiddenKinds: ReadonlySet<string>,
  evidence: EvidenceFilter,
): GraphView {
  const keep = (node: GraphNode) => {
    if (node.id === seed) return true;
    if (hiddenKinds.has(node.kind)) return false;
    if (evidence === 'observed') return node.observed;
    if (evidence === 'potential-only') return node.potential && !node.observed;
    return true;
  };
  const nodes = view.nodes.filter(keep);
  const ids = new Set(nodes.map((node) => node.id));
  const edges = view.edges.filter((edge) => {
    if (!ids.has(edge.from) || !ids.has(edge.to)) return false;
    if (evidence === 'observed') return edge.observed;
    return true;
  });
  return { nodes, edges };
}

/** The kinds present, sorted, for the legend and the kind filter. */
export function kindsOf(nodes: readonly BlastNode[]): string[] {
  return [...new Set(nodes.map((node) => node.kind))].sort();
}

export type NodeShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon';

/** Shape and colour class by kind (the legend uses the same). */
export function nodeStyle(kind: string): { shape: NodeShape; tone: string } {
  const k = kind.toLowerCase();
  if (k.includes('key')) return { shape: 'diamond', tone: 'key' };
  if (k.includes('user') || k === 'root') return { shape: 'circle', tone: 'user' };
  if (k.includes('session')) return { shape: 'hexagon', tone: 'session' };
  if (k.includes('role')) return { shape: 'hexagon', tone: 'role' };
  if (k.includes('bucket') || k.includes('object') || k.includes('s3')) return { shape: 'square', tone: 'storage' };
  if (k.includes('group') || k.includes('policy')) return { shape: 'triangle', tone: 'policy' };
  if (k === 'ip' || k.includes('address') || k.includes('instance')) return { shape: 'triangle', tone: 'network' };
  return { shape: 'square', tone: 'other' };
}

/** An SVG path for a shape of radius `r` centred on 0,0. */
export function shapePath(shape: NodeShape, r: number): string {
  switch (shape) {
    case 'circle':
      return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square':
      return `M${-r},${-r}H${r}V${r}H${-r}Z`;
    case 'diamond':
      return `M0,${-r * 1.25}L${r * 1.25},0L0,${r * 1.25}L${-r * 1.25},0Z`;
    case 'triangle':
      return `M0,${-r * 1.2}L${r * 1.1},${r * 0.9}L${-r * 1.1},${r * 0.9}Z`;
    case 'hexagon': {
      const points = Array.from({ length: 6 }, (_, index) => {
        const angle = (Math.PI / 3) * index;
        return `${(r * 1.1 * Math.cos(angle)).toFixed(2)},${(r * 1.1 * Math.sin(angle)).toFixed(2)}`;
      });
      return `M${points.join('L')}Z`;
    }
  }
}

export interface Positioned {
  id: string;
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** Ticks to run (fixed: no timer, no settling on wall-clock time). */
  ticks?: number;
  /** Seed of the random source d3-force uses to break ties. */
  seed?: number;
}

/** A small deterministic random source (an LCG), as d3-force expects: values in [0, 1). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Ticks by graph size: big graphs settle in fewer, so the view stays quick at 2,000 nodes. */
export function defaultTicks(nodes: number): number {
  if (nodes > 1000) return 60;
  if (nodes > 300) return 120;
  return 300;
}

/**
 * Positions for the graph, centred on 0,0. Initial positions are fixed (the seed at the centre, the
 * rest on a spiral in id order), the random source is seeded and the tick count is fixed, so the
 * same graph always gets the same layout.
 */
export function layoutGraph(view: GraphView, seedId: string, options: LayoutOptions = {}): Map<string, Positioned> {
  type SimNode = SimulationNodeDatum & { id: string };
  const sorted = [...view.nodes].sort((a, b) => (a.id === seedId ? -1 : b.id === seedId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const golden = Math.PI * (3 - Math.sqrt(5));
  const nodes: SimNode[] = sorted.map((node, index) => {
    const radius = index === 0 ? 0 : 30 * Math.sqrt(index);
    return { id: node.id, x: radius * Math.cos(index * golden), y: radius * Math.sin(index * golden) };
  });
  const ids = new Set(nodes.map((node) => node.id));
  const links = view.edges
    .filter((edge) => ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to)
    .map((edge) => ({ source: edge.from, target: edge.to }))
    // In a fixed order too: forces are applied link by link.
    .sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target));
  const big = nodes.length > 300;
  const simulation = forceSimulation<SimNode>(nodes)
    .randomSource(lcg(options.seed ?? 42))
    .force(
      'link',
      forceLink<SimNode, { source: string | SimNode; target: string | SimNode }>(links)
        .id((node) => node.id)
        .distance(big ? 40 : 90),
    )
    .force('charge', forceManyBody<SimNode>().strength(big ? -40 : -260).theta(0.9))
    .force('collide', forceCollide<SimNode>(big ? 10 : 26))
    .force('x', forceX<SimNode>(0).strength(0.04))
    .force('y', forceY<SimNode>(0).strength(0.04))
    .stop();
  const seedNode = nodes.find((node) => node.id === seedId);
  if (seedNode) {
    seedNode.fx = 0;
    seedNode.fy = 0;
  }
  simulation.tick(options.ticks ?? defaultTicks(nodes.length));
  const positions = new Map<string, Positioned>();
  for (const node of nodes) {
    positions.set(node.id, { id: node.id, x: round(node.x ?? 0), y: round(node.y ?? 0) });
  }
  return positions;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The box around all positions, padded (for the initial view and the export size). */
export function bounds(positions: Iterable<Positioned>, pad = 60): { x: number; y: number; width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of positions) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (minX === Infinity) return { x: -pad, y: -pad, width: 2 * pad, height: 2 * pad };
  return { x: minX - pad, y: minY - pad, width: maxX - minX + 2 * pad, height: maxY - minY + 2 * pad };
}

/** The actions of the `can-escalate` edges (why the seed is admin-equivalent), each once. */
export function escalationActions(edges: readonly BlastEdge[]): string[] {
  const actions = new Set<string>();
  for (const edge of edges) if (edge.kind === 'can-escalate') for (const action of edge.actions) actions.add(action);
  return [...actions].sort();
}

/** A node's label cut to fit under it (the full label stays in its tooltip). */
export function shortLabel(label: string, max = 28): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
