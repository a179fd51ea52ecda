/** A parsed JSON object (not an array, not null). */
export type JsonObject = { readonly [key: string]: unknown };

/** True for a parsed JSON object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a parsed value has the shape of a CloudTrail event: a time (eventTime, or Logstash's
 * @timestamp), an event name, an AWS service event source, and one of the fields every CloudTrail
 * record carries. Used for sniffing only; parsing accepts partial records.
 * S3/SQS/DynamoDB notifications also have eventName/eventSource/eventTime, but their eventSource
 * is "aws:s3"-style; a catalogue of event names (no time) is not an event either.
 */
export function looksLikeCloudTrailEvent(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const time = value.eventTime ?? value['@timestamp'];
  const source = value.eventSource;
  return (
    typeof time === 'string' &&
    typeof value.eventName === 'string' &&
    typeof source === 'string' &&
    !source.startsWith('aws:') &&
    ('userIdentity' in value || 'eventVersion' in value || 'recipientAccountId' in value)
  );
}

/** Keyword test for a CloudTrail record cut off by the end of the sniffed head. */
export function textLooksLikeCloudTrail(text: string): boolean {
  return (
    /"eventSource"\s*:\s*"(?!aws:)[^"]*"/.test(text) &&
    /"eventName"\s*:/.test(text) &&
    /"(?:eventVersion|userIdentity|recipientAccountId)"\s*:/.test(text)
  );
}
