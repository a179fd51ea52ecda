/**
 * The normalized event fields: their SQL columns and how the query language compares them.
 * These names are the contract shared by the CLI, the UI and the query language.
 */
export type FieldKind = 'text' | 'time' | 'bool' | 'json-array' | 'json';

export interface FieldSpec {
  readonly column: string;
  readonly kind: FieldKind;
  /** Has an index whose first column is this one (cheap to filter and count). */
  readonly indexed: boolean;
}

export const EVENT_FIELDS = {
  time: { column: 'time', kind: 'time', indexed: true },
  source: { column: 'source', kind: 'text', indexed: false },
  eventName: { column: 'event_name', kind: 'text', indexed: true },
  eventSource: { column: 'event_source', kind: 'text', indexed: true },
  region: { column: 'region', kind: 'text', indexed: false },
  accountId: { column: 'account_id', kind: 'text', indexed: false },
  principalArn: { column: 'principal_arn', kind: 'text', indexed: true },
  principalType: { column: 'principal_type', kind: 'text', indexed: false },
  userName: { column: 'user_name', kind: 'text', indexed: true },
  accessKeyId: { column: 'access_key_id', kind: 'text', indexed: true },
  sessionIssuerArn: { column: 'session_issuer_arn', kind: 'text', indexed: false },
  sourceIp: { column: 'source_ip', kind: 'text', indexed: true },
  userAgent: { column: 'user_agent', kind: 'text', indexed: false },
  errorCode: { column: 'error_code', kind: 'text', indexed: true },
  errorMessage: { column: 'error_message', kind: 'text', indexed: false },
  readOnly: { column: 'read_only', kind: 'bool', indexed: false },
  resources: { column: 'resources', kind: 'json-array', indexed: false },
  requestParameters: { column: 'request_parameters', kind: 'json', indexed: false },
  responseElements: { column: 'response_elements', kind: 'json', indexed: false },
  eventId: { column: 'event_id', kind: 'text', indexed: true },
  eventType: { column: 'event_type', kind: 'text', indexed: false },
} as const satisfies Record<string, FieldSpec>;

export type EventField = keyof typeof EVENT_FIELDS;

/**
 * Other spellings investigators type (raw CloudTrail and Kibana/ECS habits), mapped to our names.
 * Matched case-insensitively.
 */
export const FIELD_ALIASES: Readonly<Record<string, EventField>> = {
  eventtime: 'time',
  '@timestamp': 'time',
  timestamp: 'time',
  sourceipaddress: 'sourceIp',
  'source.ip': 'sourceIp',
  ip: 'sourceIp',
  awsregion: 'region',
  'cloud.region': 'region',
  recipientaccountid: 'accountId',
  eventid: 'eventId',
  'useridentity.arn': 'principalArn',
  arn: 'principalArn',
  principal: 'principalArn',
  'useridentity.type': 'principalType',
  'useridentity.username': 'userName',
  user: 'userName',
  'useridentity.accesskeyid': 'accessKeyId',
  accesskey: 'accessKeyId',
  'useridentity.sessioncontext.sessionissuer.arn': 'sessionIssuerArn',
  useragent: 'userAgent',
  'user_agent.original': 'userAgent',
  errorcode: 'errorCode',
  errormessage: 'errorMessage',
  readonly: 'readOnly',
  resource: 'resources',
  'resources.arn': 'resources',
  eventname: 'eventName',
  'event.action': 'eventName',
  eventsource: 'eventSource',
  eventtype: 'eventType',
};

const canonicalByLowerName = new Map<string, EventField>(
  Object.keys(EVENT_FIELDS).map((name) => [name.toLowerCase(), name as EventField]),
);

/** Resolves a field name as typed (any case, or an alias) to its canonical name, or null. */
export function resolveField(name: string): EventField | null {
  const lower = name.toLowerCase();
  return canonicalByLowerName.get(lower) ?? FIELD_ALIASES[lower] ?? null;
}
