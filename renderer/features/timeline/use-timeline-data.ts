import { useEffect, useRef, useState } from 'react';
import type { Histogram } from '../../../preload/contract/api';
import { isApiError, type ApiCallError, type CairnClient } from '../../api';
import { EventLoader, type TimelineFilter } from './event-loader';

/** Bars in the histogram: about one per 8 px of a typical window. */
export const HISTOGRAM_BUCKETS = 160;

/** What the timeline shows for the filter last answered without error. */
export interface TimelineData {
  /** Rows of the committed filter (null before the first answer). */
  loader: EventLoader | null;
  /** Number of events matching the committed filter. */
  total: number | null;
  histogram: Histogram | null;
  /** The current filter was rejected as bad syntax (the previous results stay on screen). */
  syntaxError: ApiCallError | null;
  /** Any other failure of the current filter. */
  error: string | null;
  /** The current filter is still being counted. */
  pending: boolean;
}

interface Answer {
  key: string;
  loader?: EventLoader;
  total?: number;
  syntaxError?: ApiCallError;
  error?: string;
}

export function filterKey(filter: TimelineFilter, dataVersion: number): string {
  return JSON.stringify([filter.query, filter.from ?? null, filter.to ?? null, filter.order, dataVersion]);
}

/**
 * Runs the current filter: counts it and gets its histogram (each request with a requestId), and
 * prepares a row loader that starts on the first page at once. The new results replace the shown
 * ones only when the count comes back, so typing never blanks the grid and a syntax error leaves
 * the last good results in place. A filter the user has typed past is cancelled (`cancelQuery`
 * for its requests) and its late answers are ignored.
 */
export function useTimelineData(client: CairnClient, filter: TimelineFilter, dataVersion: number): TimelineData {
  const { query, from, to, order } = filter;
  const key = filterKey(filter, dataVersion);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [committed, setCommitted] = useState<{ loader: EventLoader; total: number } | null>(null);
  const [histogram, setHistogram] = useState<Histogram | null>(null);
  const generation = useRef(0);
  const shownLoader = useRef<EventLoader | null>(null);

  useEffect(() => {
    generation.current++;
    const prefix = `tl${generation.current}-${Math.random().toString(36).slice(2, 8)}`;
    const current = { query, from, to, order };
    const requestKey = filterKey(current, dataVersion);
    const loader = new EventLoader(client, current, { requestIdPrefix: prefix });
    loader.setWanted(0, 100); // the first page, while the count runs
    let live = true;
    let adopted = false;
    const inFlight = new Set<string>();
    const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };

    const countId = `${prefix}:count`;
    inFlight.add(countId);
    client.countEvents({ query, ...range, requestId: countId }).then(
      ({ count }) => {
        inFlight.delete(countId);
        if (!live) return;
        adopted = true;
        loader.setTotal(count);
        shownLoader.current?.dispose();
        shownLoader.current = loader;
        setCommitted({ loader, total: count });
        setAnswer({ key: requestKey, loader, total: count });
      },
      (error: unknown) => {
        inFlight.delete(countId);
        if (!live || isApiError(error, 'cancelled')) return;
        if (isApiError(error, 'query-syntax')) setAnswer({ key: requestKey, syntaxError: error });
        else setAnswer({ key: requestKey, error: error instanceof Error ? error.message : String(error) });
      },
    );

    const histogramId = `${prefix}:histogram`;
    inFlight.add(histogramId);
    client.histogram({ query, ...range, buckets: HISTOGRAM_BUCKETS, requestId: histogramId }).then(
      (value) => {
        inFlight.delete(histogramId);
        if (!live) return;
        loader.setHistogram(value);
        setHistogram(value);
      },
      () => {
        inFlight.delete(histogramId);
        // The count reports what went wrong; without a histogram long jumps just walk.
        if (live) loader.setHistogram(null);
      },
    );

    return () => {
      live = false;
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

  const current = answer?.key === key ? answer : null;
  return {
    loader: committed?.loader ?? null,
    total: committed?.total ?? null,
    histogram,
    syntaxError: current?.syntaxError ?? null,
    error: current?.error ?? null,
    pending: current === null,
  };
}
