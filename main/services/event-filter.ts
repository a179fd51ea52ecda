import { compileQuery, parseQuery, timeRangeWhere, type QueryNode, type QueryOptions, type VirtualField } from '../analysis/query/index.js';
import { sourceTarget, spineTarget } from '../analysis/timeline/query-targets.js';
import type { SourceRegistry } from '../core/source-registry.js';
import type { FilterPart, TimelineFilter } from '../store/queries/timeline-filter.js';
import { ANNOTATION_FIELDS } from './annotation-fields.js';

/** What the user asks of the timeline: a query in the search syntax and a time range (ms UTC). */
export interface EventFilterInput {
  query?: string | undefined;
  /** Inclusive. */
  from?: number | undefined;
  /** Exclusive. */
  to?: number | undefined;
}

export interface FilterContext {
  sources: SourceRegistry;
  /** Ids of the sources with rows in the case. */
  present: readonly string[];
  /** See QueryOptions.isCommonText (for time-ordered pages). */
  isCommonText?: ((ftsQuery: string) => boolean) | undefined;
  /** Run per source even when the spine could answer (field statistics need the source's columns). */
  perSource?: boolean;
  /** Fields that depend on the case (e.g. rootCredential, which needs its credential lineage). */
  caseFields?: Readonly<Record<string, VirtualField>>;
}

/** The query language's options for this registry: its fields and the annotation fields. */
export function queryOptions(
  sources: SourceRegistry,
  isCommonText?: (ftsQuery: string) => boolean,
  caseFields: Readonly<Record<string, VirtualField>> = {},
): QueryOptions {
  return { catalog: sources, virtualFields: { ...ANNOTATION_FIELDS, ...caseFields }, ...(isCommonText ? { isCommonText } : {}) };
}

/**
 * Turns a search into SQL over the timeline: one condition on the spine when it names only
 * timeline fields, else one per present source (a source whose rows cannot match is left out).
 * Throws QuerySyntaxError (with a position) on bad syntax.
 */
export function buildTimelineFilter(input: EventFilterInput, context: FilterContext): TimelineFilter {
  const options = queryOptions(context.sources, context.isCommonText, context.caseFields);
  const ast: QueryNode = input.query?.trim() ? parseQuery(input.query, options) : { type: 'all', span: { start: 0, end: 0 } };
  const range = timeRangeWhere(input.from, input.to);
  const withRange = (part: FilterPart): FilterPart =>
    range.where === '1' ? part : { ...part, where: `(${part.where}) AND ${range.where}`, params: [...part.params, ...range.params] };

  if (!context.perSource) {
    const spine = spineTarget();
    const compiled = compileQuery(ast, spine, options);
    if (!spine.usedSourceField) {
      return { parts: [withRange({ table: 'timeline', source: null, where: compiled.where, params: compiled.params })] };
    }
  }
  const parts: FilterPart[] = [];
  for (const id of context.present) {
    const descriptor = context.sources.get(id);
    if (!descriptor) continue;
    const compiled = compileQuery(ast, sourceTarget(descriptor), options);
    if (compiled.where === '0') continue;
    parts.push(withRange({ table: descriptor.table, source: id, where: compiled.where, params: compiled.params }));
  }
  return { parts };
}
