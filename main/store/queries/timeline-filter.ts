/** A value bound to a `?` in SQL. */
export type SqlParam = string | number | Buffer;

/**
 * One condition over one table's rows, aliased `events` in SQL: a source's detail table, or the
 * timeline spine (`source` null). Produced by the query compiler; user text only in `params`.
 */
export interface FilterPart {
  readonly table: string;
  readonly source: string | null;
  readonly where: string;
  readonly params: readonly SqlParam[];
}

/**
 * What a search selects on the timeline: the union of its parts' rows. A search over timeline
 * fields only (time, source, full text, marks) is one part on the spine; one naming a source's
 * fields has a part per source that has those fields. No parts: nothing matches.
 */
export interface TimelineFilter {
  readonly parts: readonly FilterPart[];
}

/** Every row of the timeline. */
export const WHOLE_TIMELINE: TimelineFilter = { parts: [{ table: 'timeline', source: null, where: '1', params: [] }] };
