import type { TimeZoneMode } from './time';

/** Per-user view preferences kept in localStorage (never evidence: that stays in the case file). */

const COLUMNS_KEY = 'cairn.timeline.columns';
const WIDTHS_KEY = 'cairn.timeline.widths';
const ZONE_KEY = 'cairn.timeline.zone';
const THEME_KEY = 'cairn.theme';

/** The storage the renderer can use, or null where it is unavailable (e.g. an opaque origin). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readJson(storage: Storage | null, key: string): unknown {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null') as unknown;
  } catch {
    return null; // corrupt or unavailable
  }
}

function writeJson(storage: Storage | null, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // quota or privacy mode: the choice just is not remembered
  }
}

/**
 * The saved columns in their saved order, keeping only names in `available`; `defaults` when
 * nothing (valid) is saved.
 */
export function loadColumns(
  storage: Storage | null,
  available: readonly string[],
  defaults: readonly string[],
): string[] {
  const saved = readJson(storage, COLUMNS_KEY);
  if (Array.isArray(saved)) {
    const known = new Set(available);
    const chosen = [...new Set(saved.filter((name): name is string => typeof name === 'string' && known.has(name)))];
    if (chosen.length > 0) return chosen;
  }
  return [...defaults];
}

export function saveColumns(storage: Storage | null, columns: readonly string[]): void {
  writeJson(storage, COLUMNS_KEY, columns);
}

/** Adds a column at the end or removes it, keeping at least one column. */
export function toggleColumn(columns: readonly string[], name: string): string[] {
  if (columns.includes(name)) return columns.length === 1 ? [...columns] : columns.filter((column) => column !== name);
  return [...columns, name];
}

/** Moves a column one place left (-1) or right (+1); unchanged at the ends. */
export function moveColumn(columns: readonly string[], name: string, step: -1 | 1): string[] {
  const index = columns.indexOf(name);
  const target = index + step;
  if (index < 0 || target < 0 || target >= columns.length) return [...columns];
  const next = [...columns];
  next[index] = columns[target] as string;
  next[target] = name;
  return next;
}

/** Smallest and largest width a column can be dragged to, in pixels. */
export const COLUMN_WIDTH_LIMITS = { min: 48, max: 1200 } as const;

/** Column widths the user dragged, by field name (pixels). */
export function loadWidths(storage: Storage | null): Record<string, number> {
  const saved = readJson(storage, WIDTHS_KEY);
  const widths: Record<string, number> = {};
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return widths;
  for (const [name, width] of Object.entries(saved)) {
    if (typeof width === 'number' && Number.isFinite(width)) widths[name] = clampWidth(width);
  }
  return widths;
}

export function saveWidths(storage: Storage | null, widths: Record<string, number>): void {
  writeJson(storage, WIDTHS_KEY, widths);
}

/** A dragged width kept within COLUMN_WIDTH_LIMITS, whole pixels. */
export function clampWidth(width: number): number {
  return Math.round(Math.min(Math.max(width, COLUMN_WIDTH_LIMITS.min), COLUMN_WIDTH_LIMITS.max));
}

/** Light, dark, or whatever the system prefers (prefers-color-scheme). */
export type ThemeChoice = 'system' | 'light' | 'dark';

export function loadTheme(storage: Storage | null): ThemeChoice {
  try {
    const saved = storage?.getItem(THEME_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

export function saveTheme(storage: Storage | null, theme: ThemeChoice): void {
  try {
    storage?.setItem(THEME_KEY, theme);
  } catch {
    // not remembered
  }
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
