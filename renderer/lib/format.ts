/** Small display helpers shared by the views. */

/** `1.5 MB`-style sizes (powers of 1024, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

const integer = new Intl.NumberFormat('en-US');

/** `1,234,567`. */
export function formatCount(count: number): string {
  return integer.format(count);
}

/** `1 event`, `2,003 events`. */
export function formatEventCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'event' : 'events'}`;
}

/**
 * The raw record for reading: pretty-printed when it is JSON, else exactly as read. Only ever
 * rendered as text.
 */
export function prettyRaw(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}
