import { toSqlWhere, timeRangeWhere } from '../analysis/query/index.js';
import { allOf, type SqlFilter } from '../store/queries/events.js';
import { ANNOTATION_FIELDS } from './annotation-fields.js';

/** What the user asks of the timeline: a query in the search syntax and a time range (ms UTC). */
export interface EventFilterInput {
  query?: string | undefined;
  /** Inclusive. */
  from?: number | undefined;
  /** Exclusive. */
  to?: number | undefined;
}

/**
 * Turns a search into SQL. Throws QuerySyntaxError (with a position) on bad syntax.
 * `isCommonText` (for time-ordered pages): see QueryOptions.
 */
export function buildEventFilter(input: EventFilterInput, isCommonText?: (ftsQuery: string) => boolean): SqlFilter {
  const query = input.query?.trim()
    ? toSqlWhere(input.query, { virtualFields: ANNOTATION_FIELDS, ...(isCommonText ? { isCommonText } : {}) })
    : { where: '1', params: [] };
  const range = timeRangeWhere(input.from, input.to);
  return allOf(
    { where: query.where, params: [...query.params] },
    { where: range.where, params: [...range.params] },
  );
}
