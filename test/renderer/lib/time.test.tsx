import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatIso,
  formatTime,
  offsetSuffix,
  parseTimeInput,
  zoneLabel,
  zoneOffsetMinutes,
} from '../../../renderer/lib/time';

const JAN = Date.UTC(2024, 0, 15, 12, 34, 56, 789); // winter
const JUL = Date.UTC(2024, 6, 15, 12, 34, 56, 789); // summer

describe('UTC', () => {
  it('formats for the grid and as ISO', () => {
    expect(formatTime(JAN, 'utc')).toBe('2024-01-15 12:34:56.789');
    expect(formatIso(JAN, 'utc')).toBe('2024-01-15T12:34:56.789Z');
    expect(formatIso(0, 'utc')).toBe('1970-01-01T00:00:00.000Z');
    expect(formatTime(Number.NaN, 'utc')).toBe('');
    expect(zoneLabel('utc')).toBe('UTC');
  });

  it('reads typed times; no zone means UTC, an explicit zone wins', () => {
    expect(parseTimeInput('2024-01-15T12:34:56.789Z', 'utc')).toBe(JAN);
    expect(parseTimeInput('2024-01-15T12:34:56.789', 'utc')).toBe(JAN);
    expect(parseTimeInput('2024-01-15 12:34:56.789', 'utc')).toBe(JAN);
    expect(parseTimeInput('2024-01-15', 'utc')).toBe(Date.UTC(2024, 0, 15));
    expect(parseTimeInput('2024-01-15T12:34', 'utc')).toBe(Date.UTC(2024, 0, 15, 12, 34));
    expect(parseTimeInput('2024-01-15T13:34:56.789+01:00', 'utc')).toBe(JAN);
    expect(parseTimeInput('2024-01-15T07:04:56.789-0530', 'utc')).toBe(JAN);
    expect(parseTimeInput('  2024-01-15T12:34:56.789Z  ', 'local')).toBe(JAN);
  });

  it('rejects what is not a time', () => {
    for (const text of [
      '',
      'yesterday',
      '2024-13-01',
      '2024-02-30',
      '2024-01-15T25:00',
      '2024-01-15T12:00+25:00',
      '2024/01/15',
    ]) {
      expect(parseTimeInput(text, 'utc'), text).toBeNull();
    }
    expect(parseTimeInput('2024-02-29', 'utc')).toBe(Date.UTC(2024, 1, 29));
  });

  it('round-trips formatIso through parseTimeInput', () => {
    for (const ms of [JAN, JUL, 0, Date.UTC(1999, 11, 31, 23, 59, 59, 999)]) {
      expect(parseTimeInput(formatIso(ms, 'utc'), 'utc')).toBe(ms);
    }
  });
});

describe('local zone (America/New_York, with daylight saving)', () => {
  let savedTz: string | undefined;
  beforeAll(() => {
    savedTz = process.env.TZ;
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('uses the offset in force at each instant', () => {
    expect(zoneOffsetMinutes(JAN, 'local')).toBe(-300);
    expect(zoneOffsetMinutes(JUL, 'local')).toBe(-240);
    expect(zoneOffsetMinutes(JUL, 'utc')).toBe(0);
  });

  it('formats wall-clock times with the offset spelled out', () => {
    expect(formatTime(JAN, 'local')).toBe('2024-01-15 07:34:56.789');
    expect(formatIso(JAN, 'local')).toBe('2024-01-15T07:34:56.789-05:00');
    expect(formatIso(JUL, 'local')).toBe('2024-07-15T08:34:56.789-04:00');
    expect(zoneLabel('local', JAN)).toBe('UTC-05:00');
  });

  it('reads zone-less input as local wall-clock time', () => {
    expect(parseTimeInput('2024-01-15T07:34:56.789', 'local')).toBe(JAN);
    expect(parseTimeInput('2024-07-15 08:34:56.789', 'local')).toBe(JUL);
    expect(parseTimeInput('2024-01-15T12:34:56.789Z', 'local')).toBe(JAN);
    for (const ms of [JAN, JUL]) expect(parseTimeInput(formatIso(ms, 'local'), 'local')).toBe(ms);
  });
});

describe('helpers', () => {
  it('spells offsets', () => {
    expect(offsetSuffix(0, 'utc')).toBe('Z');
    expect(offsetSuffix(60, 'local')).toBe('+01:00');
    expect(offsetSuffix(-330, 'local')).toBe('-05:30');
    expect(offsetSuffix(345, 'local')).toBe('+05:45');
  });

  it('formats durations', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(-1)).toBe('');
  });
});
