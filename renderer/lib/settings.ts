import { DEFAULT_COLUMNS, isTimelineField, TIMELINE_FIELDS, type TimelineField } from './fields';
import type { TimeZoneMode } from './time';

/** Per-user view preferences kept in localStorage (never evidence: that stays in the case file). */

const COLUMNS_KEY = 'cairn.timeline.columns';
const ZONE_KEY = 'cairn.timeline.zone';

/** The storage the renderer can use, or null where it is unavailable (e.g. an opaque origin). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The saved column choice, in chooser order; the defaults when nothing (valid) is saved. */
export function loadColumns(storage: Storage | null): TimelineField[] {
  try {
    const saved = JSON.parse(storage?.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) {
      const chosen = new Set(saved.filter(isTimelineField));
      if (chosen.size > 0) return TIMELINE_FIELDS.filter((field) => chosen.has(field));
    }
  } catch {
    // corrupt or unavailable: fall back to the defaults
  }
  return [...DEFAULT_COLUMNS];
}

export function saveColumns(storage: Storage | null, columns: readonly TimelineField[]): void {
  try {
    storage?.setItem(COLUMNS_KEY, JSON.stringify(columns));
  } catch {
    // quota or privacy mode: the choice just is not remembered
  }
}

/** Adds or removes a column, keeping chooser order and at least one column. */
export function toggleColumn(columns: readonly TimelineField[], field: TimelineField): TimelineField[] {
  const chosen = new Set(columns);
  if (chosen.has(field)) {
    if (chosen.size === 1) return [...columns];
    chosen.delete(field);
  } else {
    chosen.add(field);
  }
  return TIMELINE_FIELDS.filter((candidate) => chosen.has(candidate));
}

export function loadZone(storage: Storage | null): TimeZoneMode {
  try {
    return storage?.getItem(ZONE_KEY) === 'local' ? 'local' : 'utc';
  } catch {
    return 'utc';
  }
}

export function saveZone(storage: Storage | null, zone: TimeZoneMode): void {
  try {
    storage?.setItem(ZONE_KEY, zone);
  } catch {
    // not remembered
  }
}
