import type { FieldValue, SourceDescriptor, SourceRecord } from '../../../core/source-descriptor.js';
import type { NormalizedEvent } from '../../../core/event.js';

/** CloudTrail management and data events, from every delivered shape. */
export const cloudTrailSource: SourceDescriptor = {
  id: 'cloudtrail',
  label: 'CloudTrail',
  description: 'AWS API activity: management and data events',
  table: 'cloudtrail_events',
  // Columns keep the names of the v1/v2 `events` table (migration 0003 renamed it).
  fields: [
    { name: 'eventName', column: 'event_name', type: 'text', indexed: true, fullText: true, aliases: ['event.action'], label: 'Event' },
    { name: 'eventSource', column: 'event_source', type: 'text', indexed: true, fullText: true, label: 'Service' },
    { name: 'region', column: 'region', type: 'text', indexed: true, fullText: true, aliases: ['awsRegion', 'cloud.region'], label: 'Region' },
    { name: 'accountId', column: 'account_id', type: 'text', fullText: true, aliases: ['recipientAccountId'], label: 'Account' },
    { name: 'principalArn', column: 'principal_arn', type: 'text', indexed: true, fullText: true, aliases: ['userIdentity.arn', 'arn', 'principal'], label: 'Principal' },
    { name: 'principalType', column: 'principal_type', type: 'text', aliases: ['userIdentity.type'], label: 'Principal type' },
    { name: 'userName', column: 'user_name', type: 'text', indexed: true, fullText: true, aliases: ['userIdentity.userName', 'user'], label: 'User' },
    { name: 'accessKeyId', column: 'access_key_id', type: 'text', indexed: true, fullText: true, aliases: ['userIdentity.accessKeyId', 'accessKey'], label: 'Access key' },
    { name: 'sessionIssuerArn', column: 'session_issuer_arn', type: 'text', aliases: ['userIdentity.sessionContext.sessionIssuer.arn'], label: 'Session issuer' },
    { name: 'sourceIp', column: 'source_ip', type: 'ip', indexed: true, fullText: true, aliases: ['sourceIPAddress', 'source.ip', 'ip'], label: 'Source IP' },
    { name: 'userAgent', column: 'user_agent', type: 'text', fullText: true, aliases: ['user_agent.original'], label: 'User agent' },
    { name: 'errorCode', column: 'error_code', type: 'text', indexed: true, fullText: true, label: 'Error' },
    { name: 'errorMessage', column: 'error_message', type: 'text', fullText: true, label: 'Error message' },
    { name: 'readOnly', column: 'read_only', type: 'bool', label: 'Read-only' },
    { name: 'resources', column: 'resources', type: 'list', fullText: true, aliases: ['resource', 'resources.arn'], label: 'Resources' },
    { name: 'requestParameters', column: 'request_parameters', type: 'json', fullText: true, label: 'Request parameters' },
    { name: 'responseElements', column: 'response_elements', type: 'json', fullText: true, label: 'Response elements' },
    { name: 'eventId', column: 'event_id', type: 'text', indexed: true, aliases: ['eventID'], label: 'Event id' },
    { name: 'eventType', column: 'event_type', type: 'text', label: 'Event type' },
  ],
  defaultColumns: ['eventName', 'eventSource', 'userName', 'sourceIp', 'region', 'errorCode'],
  project(fields) {
    const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : null);
    const service = text('eventSource')?.replace(/\.amazonaws\.com$/, '') ?? null;
    const resources = fields.resources;
    return {
      message: [service, text('eventName')].filter(Boolean).join(' ') || 'CloudTrail event',
      actor: text('principalArn') ?? text('userName') ?? text('accessKeyId'),
      target: Array.isArray(resources) && resources.length > 0 ? (resources[0] ?? null) : null,
      outcome: text('errorCode') ?? 'success',
    };
  },
};

/** A normalized CloudTrail event as a timeline record. Blank eventIDs count as none. */
export function cloudTrailRecord(event: NormalizedEvent): SourceRecord {
  const { time, raw, source: _source, ...rest } = event;
  const fields: Record<string, FieldValue> = rest;
  const nativeId = event.eventId?.trim() ? event.eventId : null;
  return { source: cloudTrailSource.id, time, fields, nativeId, raw };
}
