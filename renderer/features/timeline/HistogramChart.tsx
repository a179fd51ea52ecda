import { brushX, select, type D3BrushEvent } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Histogram } from '../../../preload/contract/api';
import { formatCount } from '../../lib/format';
import { layoutHistogram, snapToBuckets, totalCount, type TimeRange } from '../../lib/histogram';
import { formatTime, type TimeZoneMode } from '../../lib/time';

const HEIGHT = 96;
const MARGINS = { top: 8, right: 12, bottom: 20, left: 44 };

interface HistogramChartProps {
  histogram: Histogram | null;
  zone: TimeZoneMode;
  /** Brushing sets the time range to the buckets the brush covered. */
  onBrush: (range: TimeRange) => void;
}

/**
 * Event counts over time. React renders the SVG; d3 computes the scales and ticks, and d3-brush
 * draws its own overlay into one <g> (it only creates elements and sets attributes, never HTML).
 */
export function HistogramChart({ histogram, zone, onBrush }: HistogramChartProps) {
  const frameRef = useRef<HTMLDivElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [width, setWidth] = useState(900);

  useEffect(() => {
    const frame = frameRef.current;
    if (!frame || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const measured = entries[0]?.contentRect.width;
      if (measured && measured > 0) setWidth(Math.round(measured));
    });
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(
    () =>
      histogram && histogram.counts.length > 0
        ? layoutHistogram(histogram, { width, height: HEIGHT }, MARGINS, zone)
        : null,
    [histogram, width, zone],
  );

  useEffect(() => {
    const group = brushRef.current;
    if (!group || !layout || !histogram) return;
    const brush = brushX<unknown>().extent([
      [0, 0],
      [layout.innerWidth, layout.innerHeight],
    ]);
    brush.on('end', (event: D3BrushEvent<unknown>) => {
      // Our own clearing below fires 'end' too, without a user gesture behind it.
      if (!event.sourceEvent || !event.selection) return;
      const [x0, x1] = event.selection as [number, number];
      select(group).call(brush.move, null);
      const range = snapToBuckets(histogram, layout.invert(x0), layout.invert(x1));
      if (range) onBrush(range);
    });
    const selection = select(group);
    selection.call(brush);
    return () => {
      brush.on('end', null);
      selection.on('.brush', null);
      selection.selectAll('*').remove();
    };
  }, [layout, histogram, onBrush]);

  if (!histogram || !layout) {
    return (
      <div ref={frameRef} className="histogram histogram-empty">
        {histogram ? 'No events in this range.' : ''}
      </div>
    );
  }

  const span = layout.bars.length > 0 ? describeSpan(histogram, zone) : '';
  return (
    <div ref={frameRef} className="histogram">
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`Events over time: ${formatCount(totalCount(histogram))} events ${span}. Drag across the bars to narrow the time range.`}
      >
        <g transform={`translate(${MARGINS.left},${MARGINS.top})`}>
          {layout.yTicks.map((tick) => (
            <g key={tick.label} className="tick y-tick" transform={`translate(0,${tick.y})`}>
              <line x1={0} x2={layout.innerWidth} />
              <text x={-6} dy="0.32em">
                {tick.label}
              </text>
            </g>
          ))}
          {layout.bars.map((bar) => (
            <rect key={bar.index} className="bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
              <title>
                {`${formatCount(bar.count)} events, ${formatTime(bar.range.from, zone)} – ${formatTime(bar.range.to, zone)}`}
              </title>
            </rect>
          ))}
          <line className="axis" x1={0} x2={layout.innerWidth} y1={layout.innerHeight} y2={layout.innerHeight} />
          {layout.xTicks.map((tick) => (
            <g key={tick.x} className="tick x-tick" transform={`translate(${tick.x},${layout.innerHeight})`}>
              <line y2={4} />
              <text y={15}>{tick.label}</text>
            </g>
          ))}
          <g ref={brushRef} className="brush" />
        </g>
      </svg>
    </div>
  );
}

function describeSpan(histogram: Histogram, zone: TimeZoneMode): string {
  const from = histogram.start;
  const to = histogram.start + histogram.counts.length * histogram.bucketMs;
  return `from ${formatTime(from, zone)} to ${formatTime(to, zone)}`;
}
