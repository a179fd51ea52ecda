import type { TrailEvent } from '../lineage/trail-event.js';
import { countInto, emptyHistogram, type Histogram } from './histogram.js';

/** What a profile is about; the caller has already filtered the events to that entity. */
export type EntityKind = 'principal' | 'accessKey' | 'ip' | 'instance' | 'resource';

/** A value and how many events in the scope range had it. */
export interface ValueCount {
  value: string;
  count: number;
}

/** Values seen in the scope range and never before it (Detective's "scope time" comparison). */
export interface UnusualActivity {
  newEventNames: string[];
  newIps: string[];
  newRegions: string[];
  newUserAgents: string[];
}

/**
 * One entity's activity. Times are ms since the epoch, UTC. `firstSeen`/`lastSeen` span every
 * event given; counts, lists and the histogram cover only the scope range `[from, to]`; events
 * before `from` are the baseline for `unusual`.
 */
export interface EntityProfile {
  kind: EntityKind;
  id: string;
  firstSeen: number | null;
  lastSeen: number | null;
  /** Events in the range. */
  total: number;
  /** Events in the range with an errorCode. */
  errors: number;
  /** errors / total; 0 when there are no events. */
  errorRate: number;
  /** Top event names in the range, most frequent first (at most 20 values in each list). */
  eventNames: ValueCount[];
  regions: ValueCount[];
  userAgents: ValueCount[];
  sourceIps: ValueCount[];
  principals: ValueCount[];
  keys: ValueCount[];
  histogram: Histogram;
  unusual: UnusualActivity;
}

/** The scope range, both ends inclusive, ms since the epoch UTC. */
export interface TimeRange {
  from: number;
  to: number;
}

/** How many values each list keeps. */
export const PROFILE_TOP = 20;

type Field = 'eventName' | 'region' | 'userAgent' | 'sourceIp' | 'principalArn' | 'accessKeyId';
const FIELDS: readonly Field[] = ['eventName', 'region', 'userAgent', 'sourceIp', 'principalArn', 'accessKeyId'];

/**
 * Profiles one entity over a range in one pass; memory grows with the number of distinct values,
 * not events. Events after the range are ignored except for `lastSeen`.
 */
export function buildProfile(
  kind: EntityKind,
  id: string,
  events: Iterable<TrailEvent>,
  range: TimeRange,
): EntityProfile {
  const inRange = new Map<Field, Map<string, number>>(FIELDS.map((field) => [field, new Map()]));
  const before = new Map<Field, Set<string>>(FIELDS.map((field) => [field, new Set()]));
  const histogram = emptyHistogram(range.from, range.to + 1);
  let firstSeen: number | null = null;
  let lastSeen: number | null = null;
  let total = 0;
  let errors = 0;

  for (const event of events) {
    if (firstSeen === null || event.time < firstSeen) firstSeen = event.time;
    if (lastSeen === null || event.time > lastSeen) lastSeen = event.time;
    if (event.time < range.from) {
      for (const field of FIELDS) {
        const value = event[field];
        if (value !== null && value !== '') before.get(field)!.add(value);
      }
      continue;
    }
    if (event.time > range.to) continue;
    total += 1;
    if (event.errorCode !== null && event.errorCode !== '') errors += 1;
    countInto(histogram, event.time);
    for (const field of FIELDS) {
      const value = event[field];
      if (value === null || value === '') continue;
      const counts = inRange.get(field)!;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }

  const top = (field: Field): ValueCount[] => topValues(inRange.get(field)!);
  const fresh = (field: Field): string[] => {
    const seen = before.get(field)!;
    return [...inRange.get(field)!.keys()].filter((value) => !seen.has(value)).sort();
  };
  return {
    kind,
    id,
    firstSeen,
    lastSeen,
    total,
    errors,
    errorRate: total === 0 ? 0 : errors / total,
    eventNames: top('eventName'),
    regions: top('region'),
    userAgents: top('userAgent'),
    sourceIps: top('sourceIp'),
    principals: top('principalArn'),
    keys: top('accessKeyId'),
    histogram,
    unusual: {
      newEventNames: fresh('eventName'),
      newIps: fresh('sourceIp'),
      newRegions: fresh('region'),
      newUserAgents: fresh('userAgent'),
    },
  };
}

/** The most frequent values, ties by value so the order is stable. */
function topValues(counts: ReadonlyMap<string, number>): ValueCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, PROFILE_TOP);
}
