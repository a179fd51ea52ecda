/**
 * A time as typed in a query, as the span of milliseconds (UTC) it names: a date-only value is the
 * whole day, `…T10:00` the whole minute, `…T10:00:00Z` the whole second. `end` is exclusive.
 */
export interface TimeInterval {
  readonly start: number;
  readonly end: number;
}

// YYYY[-MM[-DD[(T| )hh[:mm[:ss[.fff…]]][zone]]]], zone = Z | ±hh[:mm] | ±hhmm. No zone means UTC.
const ISO_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

/** Parses an ISO 8601 date or date-time (UTC unless it says otherwise); null when it is not one. */
export function parseTimeInterval(text: string): TimeInterval | null {
  const match = ISO_TIME.exec(text.trim());
  if (!match) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, zoneText] = match;
  const year = Number(yearText);
  const month = monthText === undefined ? 1 : Number(monthText);
  const day = dayText === undefined ? 1 : Number(dayText);
  const hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  // Milliseconds: we store ms, so finer digits are dropped.
  const millisecond = fractionText === undefined ? 0 : Number(fractionText.padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;

  const offsetMinutes = zoneText === undefined ? 0 : parseZoneOffsetMinutes(zoneText);
  if (offsetMinutes === null) return null;
  const offset = offsetMinutes * 60_000;
  const start = utcMilliseconds(year, month - 1, day, hour, minute, second, millisecond) - offset;

  let end: number;
  if (fractionText !== undefined) end = start + 1;
  else if (secondText !== undefined) end = start + 1_000;
  else if (minuteText !== undefined) end = start + 60_000;
  else if (hourText !== undefined) end = start + 3_600_000;
  else if (dayText !== undefined) end = start + 86_400_000;
  else if (monthText !== undefined) end = utcMilliseconds(year, month, 1, 0, 0, 0, 0) - offset;
  else end = utcMilliseconds(year + 1, 0, 1, 0, 0, 0, 0) - offset;
  return { start, end };
}

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
function utcMilliseconds(year: number, monthIndex: number, day: number, h: number, m: number, s: number, ms: number) {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(h, m, s, ms);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function parseZoneOffsetMinutes(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
