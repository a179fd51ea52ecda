import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, TagCount } from '../../../preload/contract/api';
import type { EventRecord } from '../../../preload/contract/event-record';
import { useApi } from '../../api-context';
import type { PivotHandler } from '../../components/PivotValue';
import { catalogColumns, defaultColumnNames, type ColumnSpec } from '../../lib/fields';
import { formatCount, formatEventCount } from '../../lib/format';
import type { TimeRange } from '../../lib/histogram';
import { addTerm, fieldTerm, toggleTerm } from '../../lib/query-build';
import {
  browserStorage,
  loadColumns,
  loadWidths,
  loadZone,
  moveColumn,
  saveColumns,
  saveWidths,
  saveZone,
  toggleColumn,
} from '../../lib/settings';
import type { TimeZoneMode } from '../../lib/time';
import { decodePlace, encodePlace, sameSearch, type Place } from '../../lib/url-state';
import { ColumnChooser } from './ColumnChooser';
import type { ContextSearch } from './context-search';
import { EventDetail, type DetailFocus, type IdentityActions } from './EventDetail';
import { EventGrid, type GridHandle } from './EventGrid';
import { FieldStatsPanel } from './FieldStatsPanel';
import { FilterToggles, tagTerm } from './FilterToggles';
import { GoToTime } from './GoToTime';
import { HistogramChart } from './HistogramChart';
import { KeyHelp } from './KeyHelp';
import { SavedSearches } from './SavedSearches';
import { SearchBar } from './SearchBar';
import { TimeRangeBar } from './TimeRangeBar';
import { timelineKey, type TimelineKeyAction } from './timeline-keys';
import { useCatalog } from './use-catalog';
import { useTimelineData } from './use-timeline-data';

/** Pause after the last keystroke before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

interface TimelineProps {
  /** Changes when the case's events changed (an import finished): everything re-queries. */
  dataVersion: number;
  /** The timeline tab is showing (its keyboard shortcuts are live). */
  active?: boolean;
  /** Shows an evidence file in the evidence view (from the detail pane). */
  onShowFile?: (fileId: number) => void;
  /** A search another view asked for (a pivot), with the row to open if any; a new `nonce` runs it again. */
  request?: { query: string; nonce: number; event?: number | undefined } | null;
  /** The detail pane's identity actions (blast radius of a key, an entity's profile). */
  identity?: IdentityActions;
}

function currentPlace(): Place {
  return decodePlace(window.location.hash);
}

function writePlace(place: Place, mode: 'push' | 'replace'): void {
  // The view and the identity seed belong to the app (App.tsx writes them): keep what the URL has.
  const app = currentPlace();
  const hash = encodePlace({ ...place, view: app.view, seed: app.seed });
  if (hash === window.location.hash.replace(/^#/, '')) return;
  const url = `${window.location.pathname}${window.location.search}${hash === '' ? '' : `#${hash}`}`;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(window.history.state, '', url);
}

export function Timeline({ dataVersion, active = true, onShowFile, request = null, identity }: TimelineProps) {
  const api = useApi();
  const storage = browserStorage();
  const [place, setPlace] = useState<Place>(currentPlace);
  const [text, setText] = useState(place.query);
  const pushNext = useRef(false);
  const [zone, setZone] = useState<TimeZoneMode>(() => loadZone(storage));
  const [widths, setWidths] = useState<Record<string, number>>(() => loadWidths(storage));
  const [selected, setSelected] = useState<{ index: number; loader: unknown } | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [tagsVersion, setTagsVersion] = useState(0);
  const [detailFocus, setDetailFocus] = useState<DetailFocus | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [statsOpen, setStatsOpen] = useState(false);
  const [anchor, setAnchor] = useState<{ id: number; time: number } | null>(null);
  const [jump, setJump] = useState<{ loader: unknown; index: number } | null>(null);
  const gridRef = useRef<GridHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const { catalog, error: catalogError } = useCatalog(api, dataVersion);
  const available = useMemo(() => (catalog ? catalogColumns(catalog) : []), [catalog]);
  const defaults = useMemo(() => (catalog ? defaultColumnNames(catalog) : ['time']), [catalog]);
  const [savedColumns, setSavedColumns] = useState<string[] | null>(null);
  const names = available.map((column) => column.name);
  const columnNames =
    place.columns?.filter((name) => names.includes(name)) ?? savedColumns ?? loadColumns(storage, names, defaults);
  const columns: ColumnSpec[] = columnNames
    .map((name) => available.find((column) => column.name === name))
    .filter((column) => column !== undefined)
    .map((column) => ({ ...column, width: widths[column.name] ?? column.width }));

  const { query, from, to, order } = place;
  const data = useTimelineData(api, { query, from, to, order }, dataVersion);

  // What the search box holds now, for a step taken before its debounce has run.
  const textRef = useRef(text);
  useLayoutEffect(() => {
    textRef.current = text;
  }, [text]);

  /** Moves to a new place; a new search is a step in history (Back returns), the rest replaces. */
  const go = useCallback((update: Partial<Place>, mode: 'push' | 'replace' = 'push') => {
    setPlace((previous) => {
      // A step taken while typed text waits for its pause (a From set right after typing) carries
      // the text: the step Back returns to is the search the investigator saw, not one without it.
      const typed = mode === 'push' && !('query' in update) ? { query: textRef.current } : {};
      const next = { ...previous, ...typed, ...update };
      if (mode === 'push' && !sameSearch(previous, next)) pushNext.current = true;
      return next;
    });
  }, []);

  useEffect(() => {
    writePlace(place, pushNext.current ? 'push' : 'replace');
    pushNext.current = false;
  }, [place]);

  // Back and Forward walk the searches.
  useEffect(() => {
    const onPop = () => {
      const next = currentPlace();
      setPlace(next);
      setText(next.query);
      setAnchor(null);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // Typing re-queries after a pause (replacing the history step); Enter and clicks run at once.
  useEffect(() => {
    if (text === query) return;
    const timer = window.setTimeout(() => go({ query: text }, 'replace'), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, query, go]);

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

  const runQuery = useCallback(
    (next: string) => {
      setText(next);
      setAnchor(null);
      go({ query: next });
    },
    [go],
  );

  // A pivot from another view: a new search over the whole case, with the detail pane closed or on
  // the row asked for (set while rendering, React's pattern for state that follows a prop).
  const [seenRequest, setSeenRequest] = useState<number | null>(null);
  if (request !== null && request.nonce !== seenRequest) {
    setSeenRequest(request.nonce);
    setText(request.query);
    setAnchor(null);
    go({ query: request.query, from: undefined, to: undefined, event: request.event });
  }

  const onPivot: PivotHandler = useCallback(
    (field, value, exclude) => runQuery(addTerm(text, fieldTerm(field, value, exclude))),
    [text, runQuery],
  );

  const onToggleTerm = (term: string) => runQuery(toggleTerm(text, term));

  const onToggleOrder = useCallback(() => go({ order: order === 'asc' ? 'desc' : 'asc' }), [go, order]);

  const onBrush = useCallback((brushed: TimeRange) => go({ from: brushed.from, to: brushed.to }), [go]);

  const onContext = (search: ContextSearch) => {
    setText(search.query);
    setAnchor(search.anchor);
    go({ query: search.query, from: search.from, to: search.to, event: search.anchor.id });
  };

  // A context search's anchor: find its row in the new results and centre it.
  const loader = data.loader;
  useEffect(() => {
    if (!loader || !anchor || data.stale) return;
    let live = true;
    loader.indexOfTime(anchor.time).then(
      (rank) => {
        if (live) setJump({ loader, index: rank });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [loader, anchor, data.stale]);
  useEffect(() => {
    if (!loader || !anchor || jump?.loader !== loader) return;
    // Several events can share the anchor's millisecond: select the anchor itself once loaded.
    const update = () => {
      const exact = loader.findLoaded(anchor.id, jump.index, jump.index + 200);
      if (exact !== null) {
        setSelected({ index: exact, loader });
        return true;
      }
      return false;
    };
    if (update()) return;
    const stop = loader.subscribe(() => {
      if (update()) stop();
    });
    return stop;
  }, [loader, anchor, jump]);

  const setColumns = (next: string[]) => {
    setSavedColumns(next);
    saveColumns(storage, next);
    go({ columns: next }, 'replace');
  };

  const onResize = useCallback(
    (name: string, width: number) => {
      setWidths((previous) => {
        const next = { ...previous, [name]: width };
        saveWidths(storage, next);
        return next;
      });
    },
    [storage],
  );

  const onZone = (next: TimeZoneMode) => {
    setZone(next);
    saveZone(storage, next);
  };

  const detailId = place.event ?? null;
  const detailOpen = detailId !== null;
  const openDetail = useCallback((id: number | null) => go({ event: id ?? undefined }, 'replace'), [go]);
  const onSelect = useCallback(
    (index: number, event: EventRecord | null) => {
      setSelected({ index, loader: data.loader });
      // With the pane open, moving the selection (arrow keys) shows the newly selected event.
      if (detailOpen && event) openDetail(event.id);
    },
    [data.loader, detailOpen, openDetail],
  );
  const onOpen = useCallback((_index: number, event: EventRecord) => openDetail(event.id), [openDetail]);
  // A selection belongs to the rows it was made in; a new result set starts unselected.
  const selectedIndex = selected !== null && selected.loader === data.loader ? selected.index : null;
  const selectedEvent = selectedIndex !== null ? (data.loader?.getRow(selectedIndex)?.event ?? null) : null;

  const onAnnotated = useCallback(
    (annotation: Annotation) => {
      loader?.patchEvent(annotation.id, {
        starred: annotation.starred,
        tags: annotation.tags,
        notes: annotation.notes.length,
      });
      setTagsVersion((version) => version + 1);
    },
    [loader],
  );

  const toggleStar = useCallback(
    (event: EventRecord) => {
      api.annotate({ id: event.id, starred: !event.starred }).then(onAnnotated, () => undefined);
    },
    [api, onAnnotated],
  );
  const marks = useMemo(
    () => ({ onStar: toggleStar, onTagFilter: (tag: string) => runQuery(toggleTerm(text, tagTerm(tag))) }),
    [toggleStar, runQuery, text],
  );

  const onKeyAction = (action: TimelineKeyAction) => {
    switch (action) {
      case 'close':
        if (helpOpen) setHelpOpen(false);
        else openDetail(null);
        break;
      case 'search':
        searchRef.current?.focus();
        searchRef.current?.select();
        break;
      case 'next':
        gridRef.current?.moveBy(1);
        break;
      case 'previous':
        gridRef.current?.moveBy(-1);
        break;
      case 'star':
        if (selectedEvent) toggleStar(selectedEvent);
        break;
      case 'tag':
      case 'note':
        if (selectedEvent) {
          openDetail(selectedEvent.id);
          setDetailFocus({ field: action, nonce: Date.now() });
        }
        break;
      case 'help':
        setHelpOpen((open) => !open);
        break;
    }
  };
  const keyHandler = useRef(onKeyAction);
  useEffect(() => {
    keyHandler.current = onKeyAction;
  });
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = timelineKey(event);
      if (action === null) return;
      event.preventDefault();
      keyHandler.current(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [active]);

  const onGoToTime = async (ms: number): Promise<void> => {
    if (!loader) return;
    const index = await loader.indexOfTime(ms);
    gridRef.current?.moveTo(Math.min(index, Math.max(0, (loader.getTotal() ?? index + 1) - 1)), 'center');
    gridRef.current?.focus();
  };

  const rows = data.total ?? data.rows;
  const initialIndex = jump !== null && jump.loader === loader ? jump.index : null;
  return (
    <div className="timeline">
      <div className="toolbar">
        <SearchBar
          inputRef={searchRef}
          text={text}
          onChange={setText}
          onSubmit={() => runQuery(text)}
          errorQuery={query}
          syntaxError={data.syntaxError}
          pending={data.pending}
        />
        <FilterToggles query={text} tags={tags} onToggleTerm={onToggleTerm} />
        <SavedSearches
          current={{ query, from, to }}
          onApply={(search) => {
            setText(search.query);
            go({ query: search.query, from: search.from ?? undefined, to: search.to ?? undefined });
          }}
        />
        <ColumnChooser
          available={available}
          columns={columnNames}
          onToggle={(name) => setColumns(toggleColumn(columnNames, name))}
          onMove={(name, step) => setColumns(moveColumn(columnNames, name, step))}
        />
        <button
          type="button"
          className="button small toggle"
          aria-pressed={statsOpen}
          onClick={() => setStatsOpen((open) => !open)}
        >
          Field statistics
        </button>
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
        <button
          type="button"
          className="button small"
          aria-label="Keyboard shortcuts"
          onClick={() => setHelpOpen(true)}
        >
          ?
        </button>
        <span className="result-count" aria-live="polite">
          {data.total !== null
            ? formatEventCount(data.total)
            : data.loader && !data.stale
              ? `${formatCount(data.rows)}+ events, counting…`
              : ''}
        </span>
      </div>
      {catalogError !== null && (
        <p className="error-text banner" role="alert">
          Could not read the field catalogue: {catalogError}
        </p>
      )}
      {data.error !== null && (
        <p className="error-text banner" role="alert">
          Search failed: {data.error}
        </p>
      )}
      <HistogramChart
        histogram={data.histogram}
        zone={zone}
        onBrush={onBrush}
        range={{ from, to }}
        onRange={(range) => go(range)}
        filter={{ query, from, to }}
        fields={available}
      />
      <div className="range-row">
        <TimeRangeBar key={`${from}|${to}|${zone}`} from={from} to={to} zone={zone} onChange={(range) => go(range)} />
        <GoToTime zone={zone} disabled={!loader || data.stale} onGo={onGoToTime} />
      </div>
      <div className="timeline-body">
        {statsOpen && (
          <FieldStatsPanel
            fields={available}
            filter={{ query, from, to }}
            dataVersion={dataVersion}
            onPivot={onPivot}
            onClose={() => setStatsOpen(false)}
          />
        )}
        {data.loader !== null ? (
          <EventGrid
            loader={data.loader}
            total={rows}
            columns={columns}
            available={available}
            zone={zone}
            order={order}
            onToggleOrder={onToggleOrder}
            onPivot={onPivot}
            marks={marks}
            selectedIndex={selectedIndex}
            onSelect={onSelect}
            onOpen={onOpen}
            onResize={onResize}
            stale={data.stale}
            initialIndex={initialIndex}
            anchorId={anchor?.id ?? null}
            handleRef={gridRef}
          />
        ) : (
          <div className="grid-frame grid-loading" role="status">
            {data.syntaxError
              ? 'No results: the search has a syntax error (see above).'
              : data.error
                ? 'No results yet.'
                : 'Loading events…'}
          </div>
        )}
        {detailId !== null && (
          <EventDetail
            eventId={detailId}
            zone={zone}
            onPivot={onPivot}
            onContext={onContext}
            onClose={() => openDetail(null)}
            onAnnotated={onAnnotated}
            focus={detailFocus}
            {...(onShowFile ? { onShowFile } : {})}
            {...(identity ? { identity } : {})}
          />
        )}
      </div>
      {helpOpen && <KeyHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
