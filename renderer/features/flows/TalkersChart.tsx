import { useLayoutEffect, useRef, useState } from 'react';
import type { FlowTalker } from '../../../preload/contract/analysis';
import { formatBytes, formatCount } from '../../lib/format';
import { talkerLayout } from './flows-model';

/**
 * Top talkers by bytes: d3 computes the scales (flows-model.ts), React draws the SVG. Labels are
 * text nodes; the margins are sized to the widest label and value, so nothing is clipped.
 */
export function TalkersChart({ talkers, onAddress }: { talkers: FlowTalker[]; onAddress: (address: string) => void }) {
  const frame = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(320, element.clientWidth || 640));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  if (talkers.length === 0) return <p className="muted">No talkers.</p>;
  const layout = talkerLayout(talkers, width, formatBytes);
  return (
    <div ref={frame} className="talkers-chart">
      <svg
        role="img"
        aria-label="Top talkers by bytes"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="chart"
      >
        {layout.bars.map((bar) => (
          <g
            key={`${bar.talker.address}|${bar.talker.direction}`}
            className="talker-bar"
            role="button"
            tabIndex={0}
            aria-label={`${bar.label}: ${formatBytes(bar.talker.bytes)} ${bar.talker.direction}, show its events`}
            onClick={() => onAddress(bar.talker.address)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onAddress(bar.talker.address);
              }
            }}
          >
            <title>
              {`${bar.talker.address}${bar.talker.names.length ? ` (${bar.talker.names.join(', ')})` : ''}: ${formatCount(bar.talker.bytes)} bytes ${bar.talker.direction}, ${formatCount(bar.talker.records)} records`}
            </title>
            <text x={layout.left - 8} y={bar.y + bar.height / 2} dy="0.35em" textAnchor="end" className="chart-label mono">
              {bar.label}
            </text>
            <rect
              x={layout.left}
              y={bar.y}
              width={bar.width}
              height={bar.height}
              className={`bar ${bar.talker.direction}`}
            />
            <text x={bar.valueX} y={bar.y + bar.height / 2} dy="0.35em" className="chart-value">
              {formatBytes(bar.talker.bytes)}
            </text>
          </g>
        ))}
        <line x1={layout.left} x2={layout.width - 8} y1={layout.axisY} y2={layout.axisY} className="axis-line" />
        {layout.ticks.map((tick) => (
          <g key={tick.x} transform={`translate(${tick.x},${layout.axisY})`} className="tick">
            <line y2={4} className="axis-line" />
            <text y={15} textAnchor="middle" className="chart-tick">
              {tick.label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
