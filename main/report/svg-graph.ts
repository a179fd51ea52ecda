import { escapeAttribute, escapeHtml } from './escape.js';
import type { BlastFindings } from './model.js';

/**
 * The blast-radius graph as static inline SVG. Deterministic layout, no randomness and no script:
 * one column per node kind (kinds in a fixed order, then alphabetically), nodes sorted by id within
 * a column, edges as straight lines drawn under the nodes.
 */

const KIND_ORDER = ['ip', 'instance', 'principal', 'user', 'role', 'access-key', 'credential', 'session', 'service', 'bucket', 'object', 'key', 'resource'];
const COLUMN_WIDTH = 230;
const ROW_HEIGHT = 34;
const NODE_WIDTH = 200;
const NODE_HEIGHT = 24;
const MARGIN = 20;
const MAX_NODES_PER_COLUMN = 60;

function kindRank(kind: string): number {
  const rank = KIND_ORDER.indexOf(kind);
  return rank === -1 ? KIND_ORDER.length : rank;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: { id: string; kind: string; label: string; x: number; y: number; potential: boolean; observed: boolean }[];
  /** Nodes left out of over-full columns. */
  omitted: number;
}

/** Positions of the graph's nodes (pure, for tests). */
export function layoutGraph(graph: Pick<BlastFindings, 'nodes'>): GraphLayout {
  const kinds = [...new Set(graph.nodes.map((node) => node.kind))].sort((a, b) => kindRank(a) - kindRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const nodes: GraphLayout['nodes'] = [];
  let omitted = 0;
  let rows = 0;
  kinds.forEach((kind, column) => {
    const members = graph.nodes.filter((node) => node.kind === kind).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    omitted += Math.max(0, members.length - MAX_NODES_PER_COLUMN);
    const shown = members.slice(0, MAX_NODES_PER_COLUMN);
    rows = Math.max(rows, shown.length);
    shown.forEach((node, row) => {
      nodes.push({ ...node, x: MARGIN + column * COLUMN_WIDTH, y: MARGIN + 20 + row * ROW_HEIGHT });
    });
  });
  return { width: MARGIN * 2 + Math.max(1, kinds.length) * COLUMN_WIDTH, height: MARGIN * 2 + 20 + Math.max(1, rows) * ROW_HEIGHT, nodes, omitted };
}

/** The graph as an `<svg>` element (text escaped; nothing but shapes and text). */
export function blastGraphSvg(graph: Pick<BlastFindings, 'nodes' | 'edges' | 'seed'>): string {
  const layout = layoutGraph(graph);
  const at = new Map(layout.nodes.map((node) => [node.id, node]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeAttribute(`Blast radius of ${graph.seed}`)}">`,
  ];
  const kinds = [...new Set(layout.nodes.map((node) => `${node.x}\u0000${node.kind}`))];
  for (const entry of kinds) {
    const [x, kind] = entry.split('\u0000') as [string, string];
    parts.push(`<text x="${x}" y="${MARGIN + 6}" class="kind">${escapeHtml(kind)}</text>`);
  }
  for (const edge of graph.edges) {
    const from = at.get(edge.from);
    const to = at.get(edge.to);
    if (!from || !to) continue;
    const style = edge.observed ? 'observed' : 'potential';
    parts.push(
      `<line x1="${from.x + NODE_WIDTH}" y1="${from.y + NODE_HEIGHT / 2}" x2="${to.x}" y2="${to.y + NODE_HEIGHT / 2}" class="edge ${style}"><title>${escapeHtml(`${edge.from} ${edge.kind} ${edge.to}`)}</title></line>`,
    );
  }
  for (const node of layout.nodes) {
    const style = node.observed && node.potential ? 'both' : node.observed ? 'observed' : 'potential';
    parts.push(
      `<g class="node ${style}"><title>${escapeHtml(node.id)}</title><rect x="${node.x}" y="${node.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="4"/><text x="${node.x + 6}" y="${node.y + 16}">${escapeHtml(clip(node.label || node.id, 30))}</text></g>`,
    );
  }
  if (layout.omitted > 0) parts.push(`<text x="${MARGIN}" y="${layout.height - 6}" class="kind">${layout.omitted} more nodes not drawn (see the tables)</text>`);
  parts.push('</svg>');
  return parts.join('');
}
