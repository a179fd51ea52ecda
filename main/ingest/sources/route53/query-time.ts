// Route 53 writes ISO-8601 UTC ("2021-12-11T22:46:23Z", "2017-12-13T08:16:02.130Z"); some exports
// drop the T and the zone ("2022-06-25 00:27:53"), still UTC.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since epoch UTC for a Route 53 query timestamp, or null when it is not one. */
export function parseQueryTime(value: string): number | null {
  const match = ISO.exec(value.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
  let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isNaN(time) ? null : time;
}
