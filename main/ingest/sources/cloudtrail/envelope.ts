import { JsonSplitter } from '../../json/json-splitter.js';
import { memberValueText } from '../../json/member-text.js';
import { isJsonObject, looksLikeCloudTrailEvent } from './record-shape.js';

/** One CloudTrail record found inside a parsed value, with its own text. */
export interface WrappedRecord {
  readonly record: unknown;
  readonly raw: string;
  /** Appended to the container's locator when a value holds several records (" record 3"). */
  readonly locatorSuffix: string;
}

/** The records a value holds, or why it holds none. */
export type UnwrapResult = { readonly records: readonly WrappedRecord[] } | { readonly error: string };

/** Envelopes nest rarely more than twice (Elasticsearch _source → message → event). */
const MAX_DEPTH = 4;

/**
 * Finds the CloudTrail record(s) in one parsed line or array element, looking through the
 * envelopes exporters put around them: a `{"Records":[…]}` object, Panther's test wrapper
 * (`log_type`/`log`), EventBridge (`detail-type` "… via CloudTrail"/`detail`), an Elasticsearch
 * hit (`_source`), LookupEvents (`CloudTrailEvent` string) and CloudWatch Logs (`message` string).
 * Anything else is returned as the record itself; normalizing decides whether it is usable.
 */
export function unwrapCloudTrail(value: unknown, text: string): UnwrapResult {
  return unwrap(value, text, 0);
}

function unwrap(value: unknown, text: string, depth: number): UnwrapResult {
  const itself = { records: [{ record: value, raw: text, locatorSuffix: '' }] };
  if (!isJsonObject(value) || depth >= MAX_DEPTH || looksLikeCloudTrailEvent(value)) return itself;

  if (Array.isArray(value.Records) && value.eventTime === undefined) {
    return { records: recordsArray(value.Records as unknown[], text) };
  }
  if (typeof value.log_type === 'string' && 'log' in value) {
    if (value.log_type !== 'AWS.CloudTrail') return { error: `log_type "${value.log_type}" is not AWS.CloudTrail` };
    return unwrap(value.log, memberText(text, 'log', value.log), depth + 1);
  }
  const detailType = value['detail-type'];
  if (typeof detailType === 'string' && 'detail' in value) {
    if (!detailType.endsWith('via CloudTrail')) {
      return { error: `EventBridge event of type "${detailType}" is not a CloudTrail event` };
    }
    return unwrap(value.detail, memberText(text, 'detail', value.detail), depth + 1);
  }
  if (isJsonObject(value._source)) {
    return unwrap(value._source, memberText(text, '_source', value._source), depth + 1);
  }
  if (typeof value.CloudTrailEvent === 'string') {
    return unwrapEmbedded(value.CloudTrailEvent, 'CloudTrailEvent', depth);
  }
  if (typeof value.message === 'string' && value.eventTime === undefined) {
    return unwrapEmbedded(value.message, 'the log message', depth);
  }
  return itself;
}

/** A record embedded as a JSON string (LookupEvents, CloudWatch Logs): its text is the string. */
function unwrapEmbedded(embedded: string, what: string, depth: number): UnwrapResult {
  let inner: unknown;
  try {
    inner = JSON.parse(embedded) as unknown;
  } catch {
    return { error: `${what} is not a CloudTrail event: ${preview(embedded)}` };
  }
  if (!isJsonObject(inner)) return { error: `${what} is not a CloudTrail event: ${preview(embedded)}` };
  return unwrap(inner, embedded, depth + 1);
}

function memberText(text: string, key: string, value: unknown): string {
  return memberValueText(text, key) ?? JSON.stringify(value);
}

/** Pairs each element of a Records array with its exact text in the container. */
function recordsArray(records: readonly unknown[], text: string): WrappedRecord[] {
  const texts: string[] = [];
  const splitter = new JsonSplitter(
    { element: (elementText) => texts.push(elementText), oversize: () => texts.push('') },
    { mode: { kind: 'member', key: 'Records' }, maxElementBytes: Number.MAX_SAFE_INTEGER },
  );
  splitter.push(Buffer.from(text, 'utf8'));
  splitter.end();
  const exact = texts.length === records.length;
  return records.map((record, index) => ({
    record,
    raw: exact ? (texts[index] as string) : JSON.stringify(record),
    locatorSuffix: ` record ${index + 1}`,
  }));
}

function preview(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
