import type { EventRecord } from '../../preload/contract/event-record';

/** The normalized fields the timeline can show as columns (the contract's names, in chooser order). */
export const TIMELINE_FIELDS = [
  'time',
  'eventName',
  'eventSource',
  'principalArn',
  'userName',
  'accessKeyId',
  'sourceIp',
  'userAgent',
  'region',
  'accountId',
  'errorCode',
  'errorMessage',
  'readOnly',
  'eventType',
  'eventId',
  'resources',
  'principalType',
  'sessionIssuerArn',
] as const;

export type TimelineField = (typeof TIMELINE_FIELDS)[number];

/** What a new investigator sees first: who did what from where, and whether it failed. */
export const DEFAULT_COLUMNS: readonly TimelineField[] = [
  'time',
  'eventName',
  'eventSource',
  'principalArn',
  'sourceIp',
  'errorCode',
  'userAgent',
];

interface FieldLook {
  /** Column width in pixels. */
  width: number;
  /** Identifiers, addresses and keys read better in monospace. */
  mono: boolean;
}

export const FIELD_LOOK: Record<TimelineField, FieldLook> = {
  time: { width: 190, mono: true },
  eventName: { width: 200, mono: false },
  eventSource: { width: 180, mono: false },
  principalArn: { width: 320, mono: true },
  userName: { width: 140, mono: false },
  accessKeyId: { width: 180, mono: true },
  sourceIp: { width: 130, mono: true },
  userAgent: { width: 280, mono: false },
  region: { width: 110, mono: true },
  accountId: { width: 120, mono: true },
  errorCode: { width: 160, mono: false },
  errorMessage: { width: 260, mono: false },
  readOnly: { width: 80, mono: false },
  eventType: { width: 130, mono: false },
  eventId: { width: 290, mono: true },
  resources: { width: 320, mono: true },
  principalType: { width: 120, mono: false },
  sessionIssuerArn: { width: 320, mono: true },
};

export function isTimelineField(value: unknown): value is TimelineField {
  return typeof value === 'string' && (TIMELINE_FIELDS as readonly string[]).includes(value);
}

/**
 * The values of a field as the query language matches them (each one pivotable): none for null,
 * one per resource ARN, `true`/`false` for readOnly.
 */
export function fieldValues(event: EventRecord, field: TimelineField): string[] {
  const value = event[field];
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [String(value)];
}
