/**
 * Times on screen. Events are stored in milliseconds UTC; the investigator picks whether they are
 * shown in UTC (the default: logs, tickets and other teams speak UTC) or in this machine's zone.
 */
export type TimeZoneMode = 'utc' | 'local';

/** Minutes east of UTC in `zone` at instant `ms` (local offsets change with daylight saving). */
export function zoneOffsetMinutes(ms: number, zone: TimeZoneMode): number {
  if (zone === 'utc') return 0;
  const offset = -new Date(ms).getTimezoneOffset();
  return offset === 0 ? 0 : offset; // no -0
}

function pad(value: number, width = 2): string {
  return String(Math.trunc(Math.abs(value))).padStart(width, '0');
}

/** `Z` for UTC, else `+hh:mm` / `-hh:mm`. */
export function offsetSuffix(offsetMinutes: number, zone: TimeZoneMode): string {
  if (zone === 'utc') return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${sign}${pad(offsetMinutes / 60)}:${pad(offsetMinutes % 60)}`;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

function wallClock(ms: number, offsetMinutes: number): WallClock {
  const shifted = new Date(ms + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

function yearText(year: number): string {
  return year < 0 ? `-${pad(year, 6)}` : year > 9999 ? `+${pad(year, 6)}` : pad(year, 4);
}

/** Dense grid form, `2024-01-31 12:00:00.000` (the zone is in the column header). */
export function formatTime(ms: number, zone: TimeZoneMode): string {
  if (!Number.isFinite(ms)) return '';
  const c = wallClock(ms, zoneOffsetMinutes(ms, zone));
  return `${yearText(c.year)}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${pad(c.millisecond, 3)}`;
}

/** ISO 8601 with the zone spelled out: `2024-01-31T12:00:00.000Z` or `…T13:00:00.000+01:00`. */
export function formatIso(ms: number, zone: TimeZoneMode): string {
  if (!Number.isFinite(ms)) return '';
  const offset = zoneOffsetMinutes(ms, zone);
  const c = wallClock(ms, offset);
  const date = `${yearText(c.year)}-${pad(c.month)}-${pad(c.day)}`;
  const time = `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${pad(c.millisecond, 3)}`;
  return `${date}T${time}${offsetSuffix(offset, zone)}`;
}

/** What the zone switch and column header call the zone: `UTC` or e.g. `UTC+01:00` (at `ms`). */
export function zoneLabel(zone: TimeZoneMode, ms: number = Date.now()): string {
  if (zone === 'utc') return 'UTC';
  const offset = zoneOffsetMinutes(ms, zone);
  return offset === 0 ? 'UTC+00:00' : `UTC${offsetSuffix(offset, zone)}`;
}

const INPUT_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a time typed in a range box: ISO 8601 date or date-time; an explicit zone (`Z`, `+01:00`)
 * wins, otherwise the text is read in the selected zone. Null when it is not a valid time.
 */
export function parseTimeInput(text: string, zone: TimeZoneMode): number | null {
  const match = INPUT_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zoneText] = match;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: s === undefined ? 0 : Number(s),
    millisecond: fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3)),
  };
  if (parts.month < 1 || parts.month > 12 || parts.hour > 23 || parts.minute > 59 || parts.second > 59) return null;
  const asUtc = utcMs(parts);
  // Date rolls 2024-02-30 over into March; a real date reads back the same.
  if (wallClock(asUtc, 0).day !== parts.day) return null;

  if (zoneText !== undefined) {
    const offset = parseOffset(zoneText);
    return offset === null ? null : asUtc - offset * 60_000;
  }
  if (zone === 'utc') return asUtc;
  // A local wall-clock time: the offset at that instant; re-check once across a DST change.
  let guess = asUtc - zoneOffsetMinutes(asUtc, 'local') * 60_000;
  guess = asUtc - zoneOffsetMinutes(guess, 'local') * 60_000;
  return guess;
}

function utcMs(c: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(c.year, c.month - 1, c.day);
  date.setUTCHours(c.hour, c.minute, c.second, c.millisecond);
  return date.getTime();
}

function parseOffset(text: string): number | null {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** A short human duration for ETAs and spans: `45 s`, `3 min 20 s`, `2 h 5 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
