import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeCloudTrailRecord } from '../../../../main/ingest/sources/cloudtrail/normalize.js';
import type { TrailEvent } from '../../../../main/analysis/lineage/trail-event.js';

/** The public sample evidence folder. */
export const EVIDENCE = '/work/shared/evidence';

/**
 * Reads raw CloudTrail records (NDJSON, `{"Records": […]}`, a JSON array or one object) and maps
 * them to TrailEvents through the real normalizer; row ids count from `firstId` in file order, then
 * events are sorted by time (stable), as the case file hands them out.
 */
export function loadTrail(relativePath: string, firstId = 1): TrailEvent[] {
  const text = readFileSync(path.join(EVIDENCE, relativePath), 'utf8');
  return toTrailEvents(recordsOf(text), firstId);
}

/** Raw records of one file in any of the shapes above. */
export function recordsOf(text: string): unknown[] {
  const trimmed = text.trim();
  try {
    const whole: unknown = JSON.parse(trimmed);
    if (Array.isArray(whole)) return whole as unknown[];
    if (typeof whole === 'object' && whole !== null && Array.isArray((whole as { Records?: unknown }).Records))
      return (whole as { Records: unknown[] }).Records;
    return [whole];
  } catch {
    return trimmed
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown);
  }
}

/** Normalizes records and gives them row ids; throws on a record the normalizer rejects. */
export function toTrailEvents(records: readonly unknown[], firstId = 1): TrailEvent[] {
  const events = records.map((record, index): TrailEvent => {
    const result = normalizeCloudTrailRecord(record, JSON.stringify(record));
    if ('error' in result) throw new Error(`record ${index}: ${result.error}`);
    const e = result.event;
    return {
      id: firstId + index,
      time: e.time,
      eventId: e.eventId,
      eventName: e.eventName,
      eventSource: e.eventSource,
      region: e.region,
      accountId: e.accountId,
      principalArn: e.principalArn,
      principalType: e.principalType,
      userName: e.userName,
      accessKeyId: e.accessKeyId,
      sessionIssuerArn: e.sessionIssuerArn,
      sourceIp: e.sourceIp,
      userAgent: e.userAgent,
      errorCode: e.errorCode,
      resources: e.resources,
      requestParameters: e.requestParameters,
      responseElements: e.responseElements,
    };
  });
  return events.sort((a, b) => a.time - b.time || a.id - b.id);
}
