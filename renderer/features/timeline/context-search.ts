import type { EventRecord } from '../../../preload/contract/event-record';
import { fieldValues } from '../../lib/fields';
import { fieldTerm } from '../../lib/query-build';

/** What a context search keeps in common with the anchor event. */
export type ContextKind = 'time' | 'principal' | 'key' | 'ip';

/** A search around an anchor event: a new step in history, the anchor highlighted and kept in view. */
export interface ContextSearch {
  query: string;
  /** Inclusive, ms UTC. */
  from: number;
  /** Exclusive, ms UTC. */
  to: number;
  anchor: { id: number; time: number };
}

/** Window sizes offered, in minutes either side of the event. */
export const CONTEXT_MINUTES = [1, 5, 15, 60] as const;

/** Fields that carry each kind, best first (the source's own name, then the common projection). */
const FIELDS_BY_KIND: Record<Exclude<ContextKind, 'time'>, readonly string[]> = {
  principal: ['principalArn', 'actor'],
  key: ['accessKeyId'],
  ip: ['sourceIp', 'srcIp', 'srcAddr'],
};

/** The field and value a context search of this kind would match on, or null when the event has none. */
export function contextTerm(
  event: EventRecord,
  kind: Exclude<ContextKind, 'time'>,
): { field: string; value: string } | null {
  for (const field of FIELDS_BY_KIND[kind]) {
    const [value] = fieldValues(event, field);
    if (value !== undefined) return { field, value };
  }
  return null;
}

/**
 * ±`minutes` around the event (`to` exclusive, so one more millisecond keeps an event exactly
 * `minutes` later), on everything or on the same principal / key / IP. Null when the event lacks
 * the field.
 */
export function contextSearch(event: EventRecord, kind: ContextKind, minutes = 5): ContextSearch | null {
  if (!Number.isFinite(event.time)) return null;
  const span = minutes * 60_000;
  const window = { from: event.time - span, to: event.time + span + 1, anchor: { id: event.id, time: event.time } };
  if (kind === 'time') return { query: '', ...window };
  const term = contextTerm(event, kind);
  return term === null ? null : { query: fieldTerm(term.field, term.value), ...window };
}
