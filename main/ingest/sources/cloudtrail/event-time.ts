// ISO 8601 date-time as CloudTrail and its exporters write it: "2020-09-14T00:44:23Z",
// "2021-11-18T09:41:02-08:00", "2022-01-01 00:00:00.000000000" (Panther, Athena, Lake: UTC, no zone).
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Zone designators that make a free-form date unambiguous for Date.parse. */
const EXPLICIT_ZONE = /(?:\b(?:Z|UTC|GMT)\b|[+-]\d{2}:?\d{2}\s*$)/i;

/**
 * Milliseconds since the epoch (UTC) of a CloudTrail time string, or null if it is not a date.
 * Unlike Date.parse, a time without a zone is read as UTC (CloudTrail times are UTC), never as the
 * local zone of the machine doing the ingest; fractions finer than a millisecond are truncated.
 */
export function parseEventTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const match = ISO_DATE_TIME.exec(text);
  if (match) return fromIsoParts(match);
  // Other spellings ("Tue, 18 Feb 2022 17:34:57 GMT") only when they name their zone.
  if (!EXPLICIT_ZONE.test(text)) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : time;
}

function fromIsoParts(match: RegExpExecArray): number | null {
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return null;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  // Not Date.UTC: it reads years 0–99 as 1900–1999. setUTCFullYear takes the year as written.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  // Rolling 2021-02-30 over to March would hide a bad date: reject days the month does not have.
  if (date.getUTCDate() !== d) return null;
  const utc = date.getTime() + ((h * 60 + mi) * 60 + s) * 1000 + ms;
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string): number {
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}
