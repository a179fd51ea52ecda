import type { ApiResults, ApiValidRequest, CaseInfo, EvidenceFileInfo } from '../../preload/contract/api.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { countEvents, eventTimeRange, getEvent, queryEvents } from '../store/queries/events.js';
import { countFromRollup, eventHistogram } from '../store/queries/histogram.js';
import { getAnnotation, listTags } from '../store/queries/annotations.js';
import { listEvidence } from '../store/queries/evidence.js';
import { buildEventFilter, type EventFilterInput } from './event-filter.js';
import { ApiFailure } from './api-failure.js';
import { statement } from '../store/statement-cache.js';

/**
 * The API's read operations as plain functions of a read-only case connection. They run in the
 * query workers (main/services/query-worker.ts) and directly in tests.
 */

function isUnfiltered(input: EventFilterInput): boolean {
  return !input.query?.trim();
}

export function readCaseInfo(db: ReadonlyDb, path: string): CaseInfo {
  const meta = new Map(
    (db.prepare(`SELECT key, value FROM case_meta`).all() as { key: string; value: string }[]).map((row) => [
      row.key,
      row.value,
    ]),
  );
  return {
    path,
    caseId: meta.get('case_id') ?? '',
    createdAt: Number(meta.get('created_at') ?? 0),
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    eventCount: countFromRollup(db) ?? 0,
    timeRange: eventTimeRange(db),
    demo: meta.get('demo') === 'true',
  };
}

/** A word in more than this share of the events is "common" (see QueryOptions.isCommonText). */
const COMMON_TEXT_SHARE = 0.01;

/** Judges full-text terms by counting their matches in the index (milliseconds even for common words). */
function commonTextJudge(db: ReadonlyDb): (ftsQuery: string) => boolean {
  // Only queries with full-text terms call this; the case total is looked up then, once.
  let total: number | undefined;
  return (ftsQuery) => {
    total ??= countFromRollup(db) ?? 0;
    const matches = (
      statement(db, `SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?`).get(ftsQuery) as {
        n: number;
      }
    ).n;
    return matches > total * COMMON_TEXT_SHARE;
  };
}

export function readEventPage(db: ReadonlyDb, request: ApiValidRequest<'queryEvents'>): ApiResults['queryEvents'] {
  const filter = buildEventFilter(request, commonTextJudge(db));
  const rows = queryEvents(db, {
    filter,
    order: request.order,
    limit: request.limit + 1, // one more tells whether there is a next page
    after: request.after,
  });
  const hasMore = rows.length > request.limit;
  const page = hasMore ? rows.slice(0, request.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: hasMore && last ? { time: Date.parse(last.time), id: last.id } : null };
}

export function readEventCount(db: ReadonlyDb, request: ApiValidRequest<'countEvents'>): ApiResults['countEvents'] {
  if (isUnfiltered(request)) {
    const fromRollup = countFromRollup(db, request.from, request.to);
    if (fromRollup !== null) return { count: fromRollup };
  }
  return { count: countEvents(db, buildEventFilter(request)) };
}

export function readHistogram(db: ReadonlyDb, request: ApiValidRequest<'histogram'>): ApiResults['histogram'] {
  return eventHistogram(db, {
    filter: buildEventFilter(request),
    unfiltered: isUnfiltered(request),
    from: request.from,
    to: request.to,
    buckets: request.buckets,
  });
}

export function readEventDetail(db: ReadonlyDb, request: ApiValidRequest<'getEvent'>): ApiResults['getEvent'] {
  const event = getEvent(db, request.id);
  if (!event) throw new ApiFailure('not-found', `no event with id ${request.id}`);
  return { event, annotation: getAnnotation(db, request.id) };
}

export function readTags(db: ReadonlyDb): ApiResults['listTags'] {
  return listTags(db);
}

export function readEvidence(db: ReadonlyDb): EvidenceFileInfo[] {
  return listEvidence(db).map(({ importId: _importId, ...file }) => file);
}

/** The read operations by name, as the query worker receives them. */
export const READ_OPERATIONS = {
  queryEvents: readEventPage,
  countEvents: readEventCount,
  histogram: readHistogram,
  getEvent: readEventDetail,
  listTags: (db: ReadonlyDb) => readTags(db),
  listEvidence: (db: ReadonlyDb) => readEvidence(db),
} as const;

export type ReadOperation = keyof typeof READ_OPERATIONS;
