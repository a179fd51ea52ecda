import type { ViewOrder } from './page-cache';

/**
 * The investigator's place in the URL fragment, so a reload, a bookmark or Back/Forward returns to
 * it: query, time range, order, columns and the open event. Only ever the fragment: it never
 * reaches a server log. The bridge's `token` parameter is not part of a place (api.ts takes it out).
 */
export interface Place {
  query: string;
  /** Inclusive, ms UTC. */
  from?: number | undefined;
  /** Exclusive, ms UTC. */
  to?: number | undefined;
  order: ViewOrder;
  /** Column names in order; undefined = the remembered or default columns. */
  columns?: string[] | undefined;
  /** Case-local row id of the event open in the detail pane. */
  event?: number | undefined;
  /** The view shown; undefined = the timeline. */
  view?: ViewId | undefined;
  /** The identity view's seed (access key, principal ARN, instance id or IP). */
  seed?: string | undefined;
}

/** The app's views, as the fragment names them. */
export const VIEW_IDS = ['timeline', 'evidence', 'flows', 'identity', 'report'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** Longest seed kept in a place (the contract's limit). */
const SEED_MAX = 2048;

/** The place with nothing chosen yet. */
export const EMPTY_PLACE: Place = { query: '', order: 'asc' };

/** The fragment for a place, without the `#`; empty for the empty place. */
export function encodePlace(place: Place): string {
  const params = new URLSearchParams();
  if (place.query !== '') params.set('q', place.query);
  if (place.from !== undefined) params.set('from', String(place.from));
  if (place.to !== undefined) params.set('to', String(place.to));
  if (place.order !== 'asc') params.set('order', place.order);
  if (place.columns !== undefined && place.columns.length > 0) params.set('cols', place.columns.join(','));
  if (place.event !== undefined) params.set('ev', String(place.event));
  if (place.view !== undefined && place.view !== 'timeline') params.set('view', place.view);
  if (place.seed !== undefined && place.seed !== '') params.set('seed', place.seed);
  return params.toString();
}

/** Reads a place from a fragment (with or without `#`); anything malformed is left out. */
export function decodePlace(hash: string): Place {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const place: Place = { query: params.get('q') ?? '', order: params.get('order') === 'desc' ? 'desc' : 'asc' };
  const from = integer(params.get('from'));
  const to = integer(params.get('to'));
  if (from !== undefined) place.from = from;
  if (to !== undefined && (from === undefined || to > from)) place.to = to;
  const columns = (params.get('cols') ?? '').split(',').filter((name) => /^[A-Za-z_][\w.]{0,199}$/.test(name));
  if (columns.length > 0) place.columns = [...new Set(columns)];
  const event = integer(params.get('ev'));
  if (event !== undefined && event >= 1) place.event = event;
  const view = params.get('view');
  const known = VIEW_IDS.find((id) => id === view);
  if (known !== undefined && known !== 'timeline') place.view = known;
  const seed = (params.get('seed') ?? '').trim();
  if (seed !== '' && seed.length <= SEED_MAX) place.seed = seed;
  return place;
}

/** Whether two places are the same search (query, range, order): a new history step or not. */
export function sameSearch(a: Place, b: Place): boolean {
  return a.query === b.query && a.from === b.from && a.to === b.to && a.order === b.order;
}

function integer(text: string | null): number | undefined {
  if (text === null || !/^-?\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && Math.abs(value) <= 8.64e15 ? value : undefined;
}

/**
 * Writes the app-level part of the place (view, seed) into the fragment, keeping the timeline's
 * part as it is; replaces the history entry (switching views is not a search).
 */
export function writeAppPlace(update: { view?: ViewId | undefined; seed?: string | undefined }, win: Window = window): void {
  const current = decodePlace(win.location.hash);
  const next = { ...current, ...update };
  const hash = encodePlace(next);
  if (hash === win.location.hash.replace(/^#/, '')) return;
  const url = `${win.location.pathname}${win.location.search}${hash === '' ? '' : `#${hash}`}`;
  win.history.replaceState(win.history.state, '', url);
}
