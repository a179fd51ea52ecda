import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Histogram } from '../../../preload/contract/api';
import { isApiError, type ApiCallError, type CairnClient } from '../../api';
import { EventLoader, type TimelineFilter } from './event-loader';

/** Bars in the histogram: about one per 8 px of a typical window. */
export const HISTOGRAM_BUCKETS = 160;

/** What the timeline shows. */
export interface TimelineData {
  /** Rows of the filter on screen (null before its first page, and after a syntax error). */
  loader: EventLoader | null;
  /** Number of events matching the filter on screen; null while it is being counted. */
  total: number | null;
  /** Rows the grid can show now: the total, or while counting the rows loaded from the start. */
  rows: number;
  histogram: Histogram | null;
  /** The current filter was rejected as bad syntax (the grid is cleared). */
  syntaxError: ApiCallError | null;
  /** Any other failure of the current filter. */
  error: string | null;
  /** The current filter is still running (its rows or its count have not arrived). */
  pending: boolean;
  /** The rows on screen belong to an older filter (a newer one is running): shown dimmed. */
  stale: boolean;
}

export function filterKey(filter: TimelineFilter, dataVersion: number): string {
  return JSON.stringify([filter.query, filter.from ?? null, filter.to ?? null, filter.order, dataVersion]);
}

/** The rows on screen and the filter they belong to. */
interface Shown {
  key: string;
  loader: EventLoader | null;
  total: number | null;
}

/** What the latest filter has answered so far besides rows. */
interface Latest {
  key: string;
  histogram: Histogram | null;
  syntaxError: ApiCallError | null;
  error: string | null;
}

/**
 * Runs the current filter. Results first, totals after: a row loader starts on the first page at
 * once and replaces the rows on screen as soon as that page arrives; the count and the histogram
 * (each with a requestId) follow. Until then the old rows stay, dimmed. A syntax error clears the
 * grid and says so. A filter the user has typed past is cancelled (`cancelQuery` for its requests)
 * and its late answers are ignored.
 */
export function useTimelineData(client: CairnClient, filter: TimelineFilter, dataVersion: number): TimelineData {
  const { query, from, to, order } = filter;
  const key = filterKey(filter, dataVersion);
  const [shown, setShown] = useState<Shown | null>(null);
  const [latest, setLatest] = useState<Latest | null>(null);
  const generation = useRef(0);
  const shownLoader = useRef<EventLoader | null>(null);

  useEffect(() => {
    generation.current++;
    const prefix = `tl${generation.current}-${Math.random().toString(36).slice(2, 8)}`;
    const current = { query, from, to, order };
    const requestKey = filterKey(current, dataVersion);
    const loader = new EventLoader(client, current, { requestIdPrefix: prefix });
    let live = true;
    let adopted = false;
    const inFlight = new Set<string>();
    const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };

    const note = (update: Partial<Latest>) =>
      setLatest((previous) => ({
        ...(previous?.key === requestKey
          ? previous
          : { key: requestKey, histogram: null, syntaxError: null, error: null }),
        ...update,
      }));
    const adopt = () => {
      if (adopted || !live) return;
      adopted = true;
      if (shownLoader.current !== loader) shownLoader.current?.dispose();
      shownLoader.current = loader;
      setShown({ key: requestKey, loader, total: loader.getTotal() });
    };
    // The first page puts this filter's rows on screen (an empty result is known when its page is short).
    // A failed page waits for the count, which says whether the query itself is wrong.
    const stopWatching = loader.subscribe(() => {
      if (loader.getRow(0) !== undefined || loader.getTotal() !== null) adopt();
    });
    loader.setWanted(0, 100);

    const countId = `${prefix}:count`;
    inFlight.add(countId);
    client.countEvents({ query, ...range, requestId: countId }).then(
      ({ count }) => {
        inFlight.delete(countId);
        if (!live) return;
        loader.setTotal(count);
        adopt();
        setShown({ key: requestKey, loader, total: count });
      },
      (error: unknown) => {
        inFlight.delete(countId);
        if (!live || isApiError(error, 'cancelled')) return;
        if (isApiError(error, 'query-syntax')) {
          // Rows of another query under a broken one would mislead: clear them.
          shownLoader.current?.dispose();
          shownLoader.current = null;
          setShown({ key: requestKey, loader: null, total: null });
          note({ syntaxError: error });
        } else note({ error: error instanceof Error ? error.message : String(error) });
      },
    );

    const histogramId = `${prefix}:histogram`;
    inFlight.add(histogramId);
    client.histogram({ query, ...range, buckets: HISTOGRAM_BUCKETS, requestId: histogramId }).then(
      (value) => {
        inFlight.delete(histogramId);
        if (!live) return;
        loader.setHistogram(value);
        note({ histogram: value });
      },
      () => {
        inFlight.delete(histogramId);
        // The count reports what went wrong; without a histogram long jumps just walk.
        if (live) loader.setHistogram(null);
      },
    );

    return () => {
      live = false;
      stopWatching();
      for (const requestId of inFlight) void client.cancelQuery({ requestId }).catch(() => undefined);
      if (!adopted) loader.dispose();
    };
  }, [client, query, from, to, order, dataVersion]);

  // The loader on screen is disposed when it is replaced (above) or when the timeline goes away.
  useEffect(
    () => () => {
      shownLoader.current?.dispose();
      shownLoader.current = null;
    },
    [],
  );

  const loader = shown?.loader ?? null;
  // Re-render as rows arrive, so the provisional row count grows until the count lands.
  useSyncExternalStore(loader ? loader.subscribe : noSubscribe, loader ? loader.getVersion : zero);
  const answered = latest?.key === key ? latest : null;
  const onScreen = shown?.key === key;
  const failed = answered !== null && (answered.syntaxError !== null || answered.error !== null);
  return {
    loader,
    total: shown?.total ?? null,
    rows: loader ? loader.knownRows() : 0,
    // Until the new filter answers, the old bars stay (they are replaced, never blanked).
    histogram: answered?.histogram ?? (failed ? null : (previousHistogram(latest) ?? null)),
    syntaxError: answered?.syntaxError ?? null,
    error: answered?.error ?? null,
    pending: !failed && (!onScreen || shown.total === null),
    stale: !onScreen && loader !== null,
  };
}

function previousHistogram(latest: Latest | null): Histogram | null {
  return latest?.histogram ?? null;
}

const noSubscribe = () => () => undefined;
const zero = () => 0;
