import type { RecordSink } from '../../format.js';
import { unwrapCloudTrail } from './envelope.js';
import { normalizeCloudTrailRecord } from './normalize.js';
import { cloudTrailRecord } from './descriptor.js';

/**
 * Parses the text of one line or array element and hands its CloudTrail record(s) to the sink:
 * events for usable records, located errors for the rest. Sink exceptions propagate.
 */
export function emitRecordText(text: string, locator: string, sink: RecordSink): void {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof RangeError ? 'nested too deeply to read; skipped' : `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    sink.error(locator, message);
    return;
  }
  emitRecordValue(value, text, locator, sink);
}

/** Like emitRecordText for a value already parsed from `text`. */
export function emitRecordValue(value: unknown, text: string, locator: string, sink: RecordSink): void {
  const unwrapped = unwrapCloudTrail(value, text);
  if ('error' in unwrapped) {
    sink.error(locator, unwrapped.error);
    return;
  }
  for (const { record, raw, locatorSuffix } of unwrapped.records) {
    const where = locator + locatorSuffix;
    const result = normalizeCloudTrailRecord(record, raw);
    if ('error' in result) sink.error(where, result.error);
    else sink.event(cloudTrailRecord(result.event), where);
  }
}
