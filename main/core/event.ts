/** CloudTrail's source id (other sources' records are SourceRecords from their own parsers). */
export type EventSourceKind = 'cloudtrail';

/**
 * One CloudTrail record as the CloudTrail normalizer produces it (the cloudtrail descriptor turns it
 * into a SourceRecord for the timeline).
 * `time` is milliseconds since the epoch, UTC. JSON-valued fields are kept as JSON text.
 */
export interface NormalizedEvent {
  time: number;
  source: EventSourceKind;
  eventName: string | null;
  eventSource: string | null;
  region: string | null;
  /** Recipient account (where the event was recorded). */
  accountId: string | null;
  principalArn: string | null;
  principalType: string | null;
  userName: string | null;
  accessKeyId: string | null;
  sessionIssuerArn: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  readOnly: boolean | null;
  /** ARNs (or names, when the record gives no ARN) of the resources the event names. */
  resources: string[];
  requestParameters: string | null;
  responseElements: string | null;
  eventId: string | null;
  eventType: string | null;
  /** The record exactly as read (for wrapped shapes, the embedded record's text). */
  raw: string;
}
