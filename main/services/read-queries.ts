import type { ApiResults, ApiValidRequest, CaseInfo, EvidenceFileInfo } from '../../preload/contract/api.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { countTimeline, getTimelineRow, presentSources, queryTimeline, timelineRange } from '../store/queries/timeline.js';
import { countFromRollup, eventHistogram } from '../store/queries/histogram.js';
import { topValues } from '../store/queries/field-stats.js';
import { getAnnotation, listTags } from '../store/queries/annotations.js';
import { getEvidenceFile, listEvidence } from '../store/queries/evidence.js';
import { listSavedSearches } from '../store/queries/saved-searches.js';
import { listAudit } from '../store/audit.js';
import { countFullTextMatches } from '../store/queries/full-text.js';
import { caseMeta, schemaVersion } from '../store/queries/case-meta.js';
import { sourceTarget } from '../analysis/timeline/query-targets.js';
import { SOURCES } from '../ingest/sources/index.js';
import { buildTimelineFilter, type EventFilterInput } from './event-filter.js';
import { ApiFailure } from './api-failure.js';
import { sourceCatalog, toEventRecord } from './timeline-records.js';
import type { FilterPart } from '../store/queries/timeline-filter.js';
import { ANALYSIS_READS } from './analysis-read-table.js';
import { rootCredentialField } from './root-credential-field.js';

/**
 * The API's read operations as plain functions of a read-only case connection. They run in the
 * query workers (main/services/query-worker.ts) and directly in tests.
 */

function isUnfiltered(input: EventFilterInput): boolean {
  return !input.query?.trim();
}

export function readCaseInfo(db: ReadonlyDb, path: string): CaseInfo {
  const meta = caseMeta(db);
  return {
    path,
    caseId: meta.get('case_id') ?? '',
    createdAt: Number(meta.get('created_at') ?? 0),
    schemaVersion: schemaVersion(db),
    eventCount: countFromRollup(db) ?? 0,
    timeRange: timelineRange(db),
    demo: meta.get('demo') === 'true',
  };
}

/** A word in more than this share of the rows is "common" (see QueryOptions.isCommonText). */
const COMMON_TEXT_SHARE = 0.01;

/** Judges full-text terms by counting their matches in the index (milliseconds even for common words). */
function commonTextJudge(db: ReadonlyDb): (ftsQuery: string) => boolean {
  // Only queries with full-text terms call this; the case total is looked up then, once.
  let total: number | undefined;
  return (ftsQuery) => {
    total ??= countFromRollup(db) ?? 0;
    return countFullTextMatches(db, ftsQuery) > total * COMMON_TEXT_SHARE;
  };
}

/** The search as a timeline filter over this case's sources. */
export function filterFor(
  db: ReadonlyDb,
  input: EventFilterInput,
  options: { commonText?: boolean; perSource?: boolean } = {},
) {
  return buildTimelineFilter(input, {
    sources: SOURCES,
    present: presentSources(db).map((row) => row.source),
    isCommonText: options.commonText ? commonTextJudge(db) : undefined,
    caseFields: { rootCredential: rootCredentialField(db) },
    ...(options.perSource ? { perSource: true } : {}),
  });
}

export function readEventPage(db: ReadonlyDb, request: ApiValidRequest<'queryEvents'>): ApiResults['queryEvents'] {
  const rows = queryTimeline(db, SOURCES, {
    filter: filterFor(db, request, { commonText: true }),
    order: request.order,
    limit: request.limit + 1, // one more tells whether there is a next page
    after: request.after,
  });
  const hasMore = rows.length > request.limit;
  const page = hasMore ? rows.slice(0, request.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page.map((row) => toEventRecord(row, SOURCES)), next: hasMore && last ? { time: last.time, id: last.id } : null };
}

export function readEventCount(db: ReadonlyDb, request: ApiValidRequest<'countEvents'>): ApiResults['countEvents'] {
  if (isUnfiltered(request)) {
    const fromRollup = countFromRollup(db, request.from, request.to);
    if (fromRollup !== null) return { count: fromRollup };
  }
  return { count: countTimeline(db, filterFor(db, request)) };
}

/** SQL of a field's column on a filter part (null where that part's rows lack it), and whether it is a list. */
function fieldColumn(typed: string): { name: string; list: boolean; column: (part: FilterPart) => string | null } {
  const entry = SOURCES.resolve(typed);
  if (!entry) throw new ApiFailure('invalid-request', `unknown field "${typed}"`);
  if (entry.type === 'json') throw new ApiFailure('invalid-request', `${entry.name} holds JSON documents: count a field inside it by searching`);
  return {
    name: entry.name,
    list: entry.type === 'list',
    column(part) {
      if (entry.spine) return `events.${entry.name === 'time' ? 'time' : 'source'}`;
      if (part.source === null) return null;
      const descriptor = SOURCES.get(part.source);
      const spec = descriptor ? sourceTarget(descriptor).column(entry.name) : null;
      return spec ? `events.${spec.column}` : null;
    },
  };
}

export function readHistogram(db: ReadonlyDb, request: ApiValidRequest<'histogram'>): ApiResults['histogram'] {
  const split = request.splitBy ? fieldColumn(request.splitBy) : null;
  if (split?.list) throw new ApiFailure('invalid-request', `cannot split bars by ${split.name}: it holds lists`);
  const source = split && SOURCES.resolve(split.name)?.spine === false;
  return eventHistogram(db, {
    filter: filterFor(db, request, { perSource: source === true }),
    unfiltered: isUnfiltered(request),
    from: request.from,
    to: request.to,
    buckets: request.buckets,
    split: split ? { column: split.column, top: 5 } : undefined,
  });
}

export function readFieldStats(db: ReadonlyDb, request: ApiValidRequest<'fieldStats'>): ApiResults['fieldStats'] {
  const field = fieldColumn(request.field);
  const perSource = SOURCES.resolve(field.name)?.spine === false;
  const filter = filterFor(db, request, { perSource });
  const { total, values } = topValues(db, filter, field.column, request.limit, { list: field.list });
  return { field: field.name, total, values };
}

export function readEventDetail(db: ReadonlyDb, request: ApiValidRequest<'getEvent'>): ApiResults['getEvent'] {
  const row = getTimelineRow(db, SOURCES, request.id);
  if (!row) throw new ApiFailure('not-found', `no event with id ${request.id}`);
  const file = getEvidenceFile(db, row.fileId);
  return {
    event: toEventRecord(row, SOURCES),
    annotation: getAnnotation(db, request.id),
    file: file ? publicEvidence(file) : null,
  };
}

function publicEvidence({ importId: _importId, ...file }: ReturnType<typeof listEvidence>[number]): EvidenceFileInfo {
  return file;
}

export function readEvidence(db: ReadonlyDb): EvidenceFileInfo[] {
  return listEvidence(db).map(publicEvidence);
}

/** The read operations by name, as the query worker receives them. */
export const READ_OPERATIONS = {
  queryEvents: readEventPage,
  countEvents: readEventCount,
  histogram: readHistogram,
  fieldStats: readFieldStats,
  getEvent: readEventDetail,
  catalog: () => sourceCatalog(SOURCES),
  listTags: (db: ReadonlyDb) => listTags(db),
  listEvidence: (db: ReadonlyDb) => readEvidence(db),
  listSearches: (db: ReadonlyDb) => listSavedSearches(db),
  listAudit: (db: ReadonlyDb, request: ApiValidRequest<'listAudit'>) => listAudit(db, request.limit, { newest: true }),
  ...ANALYSIS_READS,
} as const;

export type ReadOperation = keyof typeof READ_OPERATIONS;
