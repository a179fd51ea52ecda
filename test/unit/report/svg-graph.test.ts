import { describe, expect, it } from 'vitest';
import { blastGraphSvg, layoutGraph } from '../../../main/report/svg-graph.js';

const node = (id: string, kind: string) => ({ id, kind, label: id, potential: false, observed: true });
const GRAPH = {
  seed: 'ASIAEXAMPLE',
  nodes: [node('s3.amazonaws.com', 'service'), node('ASIAEXAMPLE', 'session'), node('1.2.3.4', 'ip'), node('arn:b', 'bucket'), node('arn:a', 'bucket'), node('<script>', 'role')],
  edges: [
    { from: '1.2.3.4', to: 'ASIAEXAMPLE', kind: 'source-ip', potential: false, observed: true, actions: [] },
    { from: 'ASIAEXAMPLE', to: 'arn:a', kind: 'accessed', potential: true, observed: false, actions: [] },
    { from: 'ASIAEXAMPLE', to: 'missing', kind: 'accessed', potential: false, observed: true, actions: [] },
  ],
};

describe('blast-radius SVG', () => {
  it('lays nodes out in columns by kind, sorted by id, whatever the input order', () => {
    const layout = layoutGraph(GRAPH);
    expect(layout.nodes.map((n) => [n.id, n.x, n.y])).toEqual([
      ['1.2.3.4', 20, 40],
      ['<script>', 250, 40],
      ['ASIAEXAMPLE', 480, 40],
      ['s3.amazonaws.com', 710, 40],
      ['arn:a', 940, 40],
      ['arn:b', 940, 74],
    ]);
    expect(layoutGraph({ nodes: [...GRAPH.nodes].reverse() })).toEqual(layout);
  });

  it('is static, escaped SVG: no script, no handlers, no links; edges to unknown nodes are skipped', () => {
    const svg = blastGraphSvg(GRAPH);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/<script|\son\w+=|href|<a\b|<foreignObject/i);
    expect(svg).toContain('&lt;script&gt;');
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg).toContain('class="edge potential"');
    expect(blastGraphSvg({ ...GRAPH, edges: [...GRAPH.edges].reverse(), nodes: [...GRAPH.nodes].reverse() }).length).toBe(svg.length);
  });
});
