import { select, zoom, zoomIdentity, type D3ZoomEvent } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BlastGraphResult } from '../../../preload/contract/analysis';
import { downloadUrl, serializeSvg, svgDataUrl, svgToPng } from '../../lib/svg-export';
import {
  bounds,
  filterGraph,
  groupGraph,
  kindsOf,
  layoutGraph,
  nodeStyle,
  shapePath,
  shortLabel,
  type EvidenceFilter,
  type GraphNode,
} from './blast-model';

const WIDTH = 900;
const HEIGHT = 560;
/** Above this many nodes on screen, labels show only for the seed, the selection and when zoomed in. */
const LABEL_LIMIT = 250;

/** Colours inline (not only CSS), so an exported SVG/PNG looks like the screen. */
const TONES: Record<string, string> = {
  key: '#e3b341',
  user: '#4c9aff',
  role: '#a371f7',
  session: '#db61a2',
  network: '#39c5cf',
  storage: '#56c47a',
  policy: '#f0883e',
  other: '#8b949e',
};

const EDGE_COLOURS: Record<string, string> = { 'can-escalate': '#f0736b' };

interface BlastGraphProps {
  graph: BlastGraphResult;
  selectedId: string | null;
  onSelectNode: (node: GraphNode) => void;
}

/**
 * The blast radius as a force layout: d3 computes positions once (blast-model.ts, deterministic),
 * React renders the SVG; d3-zoom only reports the pan/zoom transform. Solid stroke = observed in
 * the evidence, dashed = potential only. Fans of more than 50 nodes of one kind are one node until
 * clicked.
 */
export function BlastGraph({ graph, selectedId, onSelectNode }: BlastGraphProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [hiddenKinds, setHiddenKinds] = useState<ReadonlySet<string>>(new Set());
  const [evidence, setEvidence] = useState<EvidenceFilter>('all');
  const [transform, setTransform] = useState({ k: 1, x: 0, y: 0 });
  const [exportError, setExportError] = useState<string | null>(null);

  const grouped = useMemo(() => groupGraph(graph, expanded), [graph, expanded]);
  // Laid out before filtering, so hiding a kind never moves the rest.
  const positions = useMemo(() => layoutGraph(grouped, graph.seed), [grouped, graph.seed]);
  const shown = useMemo(
    () => filterGraph(grouped, graph.seed, hiddenKinds, evidence),
    [grouped, graph.seed, hiddenKinds, evidence],
  );
  const kinds = useMemo(() => kindsOf(graph.nodes), [graph.nodes]);

  const box = bounds(positions.values());
  const fit = Math.min(1.5, WIDTH / box.width, HEIGHT / box.height);
  const baseX = WIDTH / 2 - (box.x + box.width / 2) * fit;
  const baseY = HEIGHT / 2 - (box.y + box.height / 2) * fit;

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 12])
      .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) =>
        setTransform({ k: event.transform.k, x: event.transform.x, y: event.transform.y }),
      );
    const selection = select(svg);
    selection.call(behaviour).on('dblclick.zoom', null);
    selection.call(behaviour.transform, zoomIdentity);
    return () => {
      selection.on('.zoom', null);
    };
  }, [graph]);

  const labelsAll = shown.nodes.length <= LABEL_LIMIT || transform.k * fit >= 1.2;
  const toggleKind = (kind: string) =>
    setHiddenKinds((previous) => {
      const next = new Set(previous);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  const onNode = (node: GraphNode) => {
    if (node.members) {
      setExpanded((previous) => new Set([...previous, node.id]));
      return;
    }
    onSelectNode(node);
  };

  const exportAs = (kind: 'svg' | 'png') => {
    const svg = svgRef.current;
    if (!svg) return;
    setExportError(null);
    const markup = serializeSvg(svg);
    if (kind === 'svg') {
      downloadUrl(svgDataUrl(markup), 'cairn-blast-radius.svg');
      return;
    }
    svgToPng(markup, WIDTH, HEIGHT).then(
      (url) => downloadUrl(url, 'cairn-blast-radius.png'),
      (error: unknown) => setExportError(error instanceof Error ? error.message : String(error)),
    );
  };

  return (
    <div className="blast">
      <div className="blast-controls">
        <fieldset className="kind-filter">
          <legend>Kinds</legend>
          {kinds.map((kind) => {
            const style = nodeStyle(kind);
            return (
              <label key={kind} className="legend-item">
                <input type="checkbox" checked={!hiddenKinds.has(kind)} onChange={() => toggleKind(kind)} />
                <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
                  <path d={shapePath(style.shape, 5)} fill={TONES[style.tone]} />
                </svg>
                {kind}
              </label>
            );
          })}
        </fieldset>
        <label className="inline-field">
          <span className="label">Show</span>
          <select
            aria-label="Evidence filter"
            value={evidence}
            onChange={(event) =>
              setEvidence(event.target.value === 'observed' ? 'observed' : event.target.value === 'potential-only' ? 'potential-only' : 'all')
            }
          >
            <option value="all">observed and potential</option>
            <option value="observed">observed only</option>
            <option value="potential-only">potential only</option>
          </select>
        </label>
        <span className="legend-lines" aria-label="Legend">
          <svg width="34" height="10" aria-hidden="true">
            <line x1="2" x2="32" y1="5" y2="5" stroke="currentColor" strokeWidth="2" />
          </svg>
          observed
          <svg width="34" height="10" aria-hidden="true">
            <line x1="2" x2="32" y1="5" y2="5" stroke="currentColor" strokeWidth="2" strokeDasharray="5 4" />
          </svg>
          potential only
        </span>
        {expanded.size > 0 && (
          <button type="button" className="button small" onClick={() => setExpanded(new Set())}>
            Collapse groups
          </button>
        )}
        <button type="button" className="button small" onClick={() => exportAs('svg')}>
          Export SVG
        </button>
        <button type="button" className="button small" onClick={() => exportAs('png')}>
          Export PNG
        </button>
        <span className="muted">
          {shown.nodes.length} of {grouped.nodes.length} nodes · scroll to zoom, drag to pan
        </span>
      </div>
      {exportError !== null && (
        <p role="alert" className="error-text">
          {exportError}
        </p>
      )}
      <svg
        ref={svgRef}
        className="blast-graph"
        role="group"
        aria-label="Blast radius graph"
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      >
        <rect width={WIDTH} height={HEIGHT} fill="transparent" />
        <g transform={`translate(${transform.x},${transform.y}) scale(${transform.k})`}>
          <g transform={`translate(${baseX},${baseY}) scale(${fit})`}>
            <g className="edges">
              {shown.edges.map((edge, index) => {
                const from = positions.get(edge.from);
                const to = positions.get(edge.to);
                if (!from || !to) return null;
                return (
                  <line
                    key={`${edge.from}→${edge.to}|${edge.kind}|${index}`}
                    x1={from.x}
                    y1={from.y}
                    x2={to.x}
                    y2={to.y}
                    stroke={EDGE_COLOURS[edge.kind] ?? '#8b949e'}
                    strokeWidth={edge.observed ? 2 : 1.3}
                    strokeDasharray={edge.observed ? undefined : '6 4'}
                    data-kind={edge.kind}
                    data-evidence={edge.observed ? 'observed' : 'potential-only'}
                  >
                    <title>{`${edge.kind}${edge.actions.length ? `: ${edge.actions.join(', ')}` : ''}`}</title>
                  </line>
                );
              })}
            </g>
            <g className="nodes">
              {shown.nodes.map((node) => {
                const at = positions.get(node.id);
                if (!at) return null;
                const style = nodeStyle(node.kind);
                const seed = node.id === graph.seed;
                const selected = node.id === selectedId;
                const radius = seed ? 13 : node.members ? 12 : 9;
                const evidenceKind = node.observed ? 'observed' : 'potential-only';
                return (
                  <g
                    key={node.id}
                    className={`blast-node${selected ? ' selected' : ''}${seed ? ' seed' : ''}`}
                    transform={`translate(${at.x},${at.y})`}
                    role="button"
                    tabIndex={0}
                    aria-label={`${node.kind} ${node.label} (${node.members ? 'group, click to expand' : evidenceKind})`}
                    data-id={node.id}
                    data-kind={node.kind}
                    data-evidence={evidenceKind}
                    onClick={() => onNode(node)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' || event.key === ' ') {
                        event.preventDefault();
                        onNode(node);
                      }
                    }}
                  >
                    <title>{`${node.kind}: ${node.id}${node.members ? ` (${node.members.length} nodes)` : ''} — ${evidenceKind}`}</title>
                    <path
                      d={shapePath(style.shape, radius)}
                      fill={TONES[style.tone]}
                      fillOpacity={node.observed ? 0.95 : 0.35}
                      stroke={selected ? '#ffffff' : (TONES[style.tone] ?? '#8b949e')}
                      strokeWidth={selected ? 3 : 2}
                      strokeDasharray={node.observed ? undefined : '4 3'}
                      className="node-shape"
                    />
                    {(labelsAll || seed || selected || node.members) && (
                      <text y={radius + 12} textAnchor="middle" className="node-label">
                        {shortLabel(node.label)}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          </g>
        </g>
      </svg>
    </div>
  );
}
