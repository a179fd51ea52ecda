import { brushX, select, type D3BrushEvent } from 'd3';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Histogram } from '../../../preload/contract/api';
import { useApi } from '../../api-context';
import type { ColumnSpec } from '../../lib/fields';
import { formatCount } from '../../lib/format';
import { histogramSpan, layoutHistogram, snapToBuckets, totalCount, type TimeRange } from '../../lib/histogram';
import { labelAnchor, seriesLabel, stackSegments, zoomOut } from '../../lib/histogram-split';
import { downloadUrl, serializeSvg, svgDataUrl, svgToPng } from '../../lib/svg-export';
import { formatTime, type TimeZoneMode } from '../../lib/time';
import { HISTOGRAM_BUCKETS } from './use-timeline-data';

const HEIGHT = 96;
const MARGINS = { top: 8, right: 16, bottom: 20, left: 44 };
/** Series colours (top 5, then "other"); explicit fills so an exported SVG looks the same. */
const SERIES_COLOURS = ['#4c9aff', '#f5a623', '#56c47a', '#d46bd8', '#f0736b', '#8b949e'];

interface HistogramChartProps {
  histogram: Histogram | null;
  zone: TimeZoneMode;
  /** Brushing sets the time range to the buckets the brush covered. */
  onBrush: (range: TimeRange) => void;
  /** The time range in force (for zoom out). */
  range: { from?: number | undefined; to?: number | undefined };
  onRange: (range: { from: number | undefined; to: number | undefined }) => void;
  /** The filter on screen, for the split histogram. */
  filter: { query: string; from?: number | undefined; to?: number | undefined };
  /** Fields the bars can be split by. */
  fields: readonly ColumnSpec[];
}

/**
 * Event counts over time, optionally split by a field's top values (stacked, with a legend).
 * React renders the SVG; d3 computes the scales and ticks, and d3-brush draws its own overlay
 * into one <g> (it only creates elements and sets attributes, never HTML).
 */
export function HistogramChart({ histogram, zone, onBrush, range, onRange, filter, fields }: HistogramChartProps) {
  const api = useApi();
  const frameRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [width, setWidth] = useState(900);
  const [splitBy, setSplitBy] = useState('');
  const [split, setSplit] = useState<{ key: string; histogram: Histogram } | null>(null);
  const [history, setHistory] = useState<{ from: number | undefined; to: number | undefined }[]>([]);
  const [exportError, setExportError] = useState<string | null>(null);
  const { query, from, to } = filter;
  const splitKey = JSON.stringify([splitBy, query, from ?? null, to ?? null]);

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

  useEffect(() => {
    if (splitBy === '') return;
    let live = true;
    const key = JSON.stringify([splitBy, query, from ?? null, to ?? null]);
    const bounds = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    api.histogram({ query, ...bounds, buckets: HISTOGRAM_BUCKETS, splitBy }).then(
      (value) => {
        if (live) setSplit({ key, histogram: value });
      },
      () => undefined, // the plain bars stay
    );
    return () => {
      live = false;
    };
  }, [api, splitBy, query, from, to]);

  const shown = splitBy !== '' && split?.key === splitKey ? split.histogram : histogram;
  const layout = useMemo(
    () => (shown && shown.counts.length > 0 ? layoutHistogram(shown, { width, height: HEIGHT }, MARGINS, zone) : null),
    [shown, width, zone],
  );

  const brushTo = (next: TimeRange) => {
    setHistory((previous) => [...previous, { from: range.from, to: range.to }]);
    onBrush(next);
  };
  const brushRefCallback = useRef(brushTo);
  useEffect(() => {
    brushRefCallback.current = brushTo;
  });

  useEffect(() => {
    const group = brushRef.current;
    if (!group || !layout || !shown) return;
    const brush = brushX<unknown>().extent([
      [0, 0],
      [layout.innerWidth, layout.innerHeight],
    ]);
    brush.on('end', (event: D3BrushEvent<unknown>) => {
      // Our own clearing below fires 'end' too, without a user gesture behind it.
      if (!event.sourceEvent || !event.selection) return;
      const [x0, x1] = event.selection as [number, number];
      select(group).call(brush.move, null);
      const snapped = snapToBuckets(shown, layout.invert(x0), layout.invert(x1));
      if (snapped) brushRefCallback.current(snapped);
    });
    const selection = select(group);
    selection.call(brush);
    return () => {
      brush.on('end', null);
      selection.on('.brush', null);
      selection.selectAll('*').remove();
    };
  }, [layout, shown]);

  const onZoomOut = () => {
    const current =
      range.from !== undefined && range.to !== undefined
        ? { from: range.from, to: range.to }
        : shown
          ? histogramSpan(shown)
          : null;
    if (!current) return;
    setHistory((previous) => [...previous, { from: range.from, to: range.to }]);
    onRange(zoomOut(current));
  };
  const onPrevious = () => {
    const previous = history[history.length - 1];
    if (!previous) return;
    setHistory(history.slice(0, -1));
    onRange(previous);
  };

  const exportAs = (kind: 'svg' | 'png') => {
    const svg = svgRef.current;
    if (!svg) return;
    setExportError(null);
    const markup = serializeSvg(svg);
    if (kind === 'svg') {
      downloadUrl(svgDataUrl(markup), 'cairn-histogram.svg');
      return;
    }
    svgToPng(markup, width, HEIGHT).then(
      (url) => downloadUrl(url, 'cairn-histogram.png'),
      (error: unknown) => setExportError(error instanceof Error ? error.message : String(error)),
    );
  };

  const controls = (
    <div className="histogram-controls" role="group" aria-label="Histogram">
      <button type="button" className="button tiny" onClick={onZoomOut} disabled={!shown}>
        Zoom out
      </button>
      <button type="button" className="button tiny" onClick={onPrevious} disabled={history.length === 0}>
        Previous range
      </button>
      <label className="split-by">
        <span className="label">Split by</span>
        <select aria-label="Split bars by" value={splitBy} onChange={(event) => setSplitBy(event.target.value)}>
          <option value="">(none)</option>
          {fields
            .filter((field) => field.type !== 'json' && field.type !== 'time')
            .map((field) => (
              <option key={field.name} value={field.name}>
                {field.name}
              </option>
            ))}
        </select>
      </label>
      <button type="button" className="button tiny" onClick={() => exportAs('svg')} disabled={!layout}>
        Export SVG
      </button>
      <button type="button" className="button tiny" onClick={() => exportAs('png')} disabled={!layout}>
        Export PNG
      </button>
      {exportError !== null && (
        <span role="alert" className="error-text">
          {exportError}
        </span>
      )}
    </div>
  );

  if (!shown || !layout) {
    return (
      <div ref={frameRef} className="histogram histogram-empty">
        {controls}
        {shown ? 'No events in this range.' : ''}
      </div>
    );
  }

  const span = layout.bars.length > 0 ? describeSpan(shown, zone) : '';
  const series = shown.series ?? null;
  const segments = series ? stackSegments(shown) : [];
  const yOf = (count: number) => layout.innerHeight - (count / Math.max(1, layout.yMax)) * layout.innerHeight;
  return (
    <div ref={frameRef} className="histogram">
      {controls}
      <svg
        ref={svgRef}
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`Events over time: ${formatCount(totalCount(shown))} events ${span}. Drag across the bars to narrow the time range.`}
      >
        <g transform={`translate(${MARGINS.left},${MARGINS.top})`}>
          {layout.yTicks.map((tick) => (
            <g key={tick.label} className="tick y-tick" transform={`translate(0,${tick.y})`}>
              <line x1={0} x2={layout.innerWidth} stroke="#8b949e" strokeOpacity={0.25} />
              <text x={-6} dy="0.32em" textAnchor="end" fill="#8b949e" fontSize={10}>
                {tick.label}
              </text>
            </g>
          ))}
          {series === null
            ? layout.bars.map((bar) => (
                <rect
                  key={bar.index}
                  className="bar"
                  x={bar.x}
                  y={bar.y}
                  width={bar.width}
                  height={bar.height}
                  fill={SERIES_COLOURS[0]}
                >
                  <title>{`${formatCount(bar.count)} events, ${formatTime(bar.range.from, zone)} – ${formatTime(bar.range.to, zone)}`}</title>
                </rect>
              ))
            : segments.map((segment) => {
                const bar = layout.bars.find((candidate) => candidate.index === segment.index);
                if (!bar) return null;
                const top = yOf(segment.high);
                const bottom = yOf(segment.low);
                const entry = series[segment.series];
                return (
                  <rect
                    key={`${segment.index}:${segment.series}`}
                    className="bar split"
                    x={bar.x}
                    y={top}
                    width={bar.width}
                    height={Math.max(1, bottom - top)}
                    fill={colourOf(segment.series, entry?.value ?? null)}
                  >
                    <title>{`${seriesLabel(entry?.value ?? null)}: ${formatCount(segment.high - segment.low)} events, ${formatTime(bar.range.from, zone)}`}</title>
                  </rect>
                );
              })}
          <line
            className="axis"
            x1={0}
            x2={layout.innerWidth}
            y1={layout.innerHeight}
            y2={layout.innerHeight}
            stroke="#8b949e"
          />
          {layout.xTicks.map((tick) => (
            <g key={tick.x} className="tick x-tick" transform={`translate(${tick.x},${layout.innerHeight})`}>
              <line y2={4} stroke="#8b949e" />
              <text y={15} textAnchor={labelAnchor(tick.x, layout.innerWidth)} fill="#8b949e" fontSize={10}>
                {tick.label}
              </text>
            </g>
          ))}
          <g ref={brushRef} className="brush" />
        </g>
      </svg>
      {series !== null && (
        <ul className="legend" aria-label="Split by values">
          {series.map((entry, index) => (
            <li key={index}>
              <span className="swatch" style={{ background: colourOf(index, entry.value) }} aria-hidden="true" />
              {seriesLabel(entry.value)}{' '}
              <span className="muted">{formatCount(entry.counts.reduce((sum, count) => sum + count, 0))}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function colourOf(index: number, value: string | null): string {
  return value === null ? (SERIES_COLOURS[5] as string) : (SERIES_COLOURS[index % 5] as string);
}

function describeSpan(histogram: Histogram, zone: TimeZoneMode): string {
  const from = histogram.start;
  const to = histogram.start + histogram.counts.length * histogram.bucketMs;
  return `from ${formatTime(from, zone)} to ${formatTime(to, zone)}`;
}
