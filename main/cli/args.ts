import { parseTimeInterval } from '../analysis/query/time-value.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a verb's arguments; unknown options and bad values become usage errors. */
export function parseVerbArgs<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Parses an ISO 8601 date or time (UTC unless it says otherwise) into milliseconds. */
export function parseTimeOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // The query language's parser: UTC unless the text names a zone (never the machine's local time).
  const interval = parseTimeInterval(value.trim());
  if (!interval) throw new UsageError(`--${name}: not an ISO 8601 date or time: ${value}`);
  return interval.start;
}

export function parsePositiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name}: expected a whole number, got ${value}`);
  return Number(value);
}
