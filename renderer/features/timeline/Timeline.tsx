import { useCallback, useEffect, useState } from 'react';
import type { TagCount } from '../../../preload/contract/api';
import type { EventRecord } from '../../../preload/contract/event-record';
import { useApi } from '../../api-context';
import type { PivotHandler } from '../../components/PivotValue';
import type { TimelineField } from '../../lib/fields';
import { formatEventCount } from '../../lib/format';
import type { TimeRange } from '../../lib/histogram';
import type { ViewOrder } from '../../lib/page-cache';
import { addTerm, fieldTerm, toggleTerm } from '../../lib/query-build';
import { browserStorage, loadColumns, loadZone, saveColumns, saveZone, toggleColumn } from '../../lib/settings';
import type { TimeZoneMode } from '../../lib/time';
import { ColumnChooser } from './ColumnChooser';
import { EventDetail, type ContextSearch } from './EventDetail';
import { EventGrid } from './EventGrid';
import { FilterToggles } from './FilterToggles';
import { HistogramChart } from './HistogramChart';
import { SearchBar } from './SearchBar';
import { TimeRangeBar } from './TimeRangeBar';
import { useTimelineData } from './use-timeline-data';

/** Pause after the last keystroke before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

interface TimelineProps {
  /** Changes when the case's events changed (an import finished): everything re-queries. */
  dataVersion: number;
}

export function Timeline({ dataVersion }: TimelineProps) {
  const api = useApi();
  const storage = browserStorage();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [range, setRange] = useState<{ from: number | undefined; to: number | undefined }>({
    from: undefined,
    to: undefined,
  });
  const [order, setOrder] = useState<ViewOrder>('asc');
  const [zone, setZone] = useState<TimeZoneMode>(() => loadZone(storage));
  const [columns, setColumns] = useState<TimelineField[]>(() => loadColumns(storage));
  const [selected, setSelected] = useState<{ index: number; loader: unknown } | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [tagsVersion, setTagsVersion] = useState(0);

  const data = useTimelineData(api, { query, from: range.from, to: range.to, order }, dataVersion);

  // Typing re-queries after a pause; Enter and clicks run at once.
  useEffect(() => {
    if (text === query) return;
    const timer = window.setTimeout(() => setQuery(text), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, query]);

  useEffect(() => {
    let live = true;
    api.listTags({}).then(
      (list) => {
        if (live) setTags([...list].sort((a, b) => a.tag.localeCompare(b.tag)));
      },
      () => undefined, // the tag filter is a convenience; the search box still takes tag:NAME
    );
    return () => {
      live = false;
    };
  }, [api, tagsVersion, dataVersion]);

  const runQuery = useCallback((next: string) => {
    setText(next);
    setQuery(next);
  }, []);

  const onPivot: PivotHandler = useCallback(
    (field, value, exclude) => {
      const next = addTerm(text, fieldTerm(field, value, exclude));
      runQuery(next);
    },
    [text, runQuery],
  );

  const onToggleTerm = (term: string) => runQuery(toggleTerm(text, term));

  const onToggleOrder = useCallback(() => setOrder((current) => (current === 'asc' ? 'desc' : 'asc')), []);

  const onBrush = useCallback((brushed: TimeRange) => setRange({ from: brushed.from, to: brushed.to }), []);

  const onContext = (search: ContextSearch) => {
    runQuery(search.query);
    setRange({ from: search.from, to: search.to });
  };

  const onToggleColumn = (field: TimelineField) => {
    const next = toggleColumn(columns, field);
    setColumns(next);
    saveColumns(storage, next);
  };

  const onZone = (next: TimeZoneMode) => {
    setZone(next);
    saveZone(storage, next);
  };

  const detailOpen = detailId !== null;
  const onSelect = useCallback(
    (index: number, event: EventRecord | null) => {
      setSelected({ index, loader: data.loader });
      // With the pane open, moving the selection (arrow keys) shows the newly selected event.
      if (detailOpen && event) setDetailId(event.id);
    },
    [data.loader, detailOpen],
  );
  const onOpen = useCallback((_index: number, event: EventRecord) => setDetailId(event.id), []);
  // A selection belongs to the rows it was made in; a new result set starts unselected.
  const selectedIndex = selected !== null && selected.loader === data.loader ? selected.index : null;

  return (
    <div className="timeline">
      <div className="toolbar">
        <SearchBar
          text={text}
          onChange={setText}
          onSubmit={() => setQuery(text)}
          errorQuery={query}
          syntaxError={data.syntaxError}
          pending={data.pending}
        />
        <FilterToggles query={text} tags={tags} onToggleTerm={onToggleTerm} />
        <ColumnChooser columns={columns} onToggle={onToggleColumn} />
        <label className="zone-switch">
          <span className="label">Times in</span>
          <select
            aria-label="Time zone"
            value={zone}
            onChange={(event) => onZone(event.target.value === 'local' ? 'local' : 'utc')}
          >
            <option value="utc">UTC</option>
            <option value="local">Local</option>
          </select>
        </label>
        <span className="result-count" aria-live="polite">
          {data.total === null ? '' : formatEventCount(data.total)}
        </span>
      </div>
      {data.error !== null && (
        <p className="error-text banner" role="alert">
          Search failed: {data.error}
        </p>
      )}
      <HistogramChart histogram={data.histogram} zone={zone} onBrush={onBrush} />
      <TimeRangeBar
        key={`${range.from}|${range.to}|${zone}`}
        from={range.from}
        to={range.to}
        zone={zone}
        onChange={setRange}
      />
      <div className="timeline-body">
        {data.loader !== null && data.total !== null ? (
          <EventGrid
            loader={data.loader}
            total={data.total}
            fields={columns}
            zone={zone}
            order={order}
            onToggleOrder={onToggleOrder}
            onPivot={onPivot}
            selectedIndex={selectedIndex}
            onSelect={onSelect}
            onOpen={onOpen}
          />
        ) : (
          <div className="grid-frame grid-loading" role="status">
            {data.syntaxError || data.error ? 'No results yet.' : 'Loading events…'}
          </div>
        )}
        {detailId !== null && (
          <EventDetail
            eventId={detailId}
            zone={zone}
            onPivot={onPivot}
            onContext={onContext}
            onClose={() => setDetailId(null)}
            onAnnotated={() => setTagsVersion((version) => version + 1)}
          />
        )}
      </div>
    </div>
  );
}
