import { createHash } from 'node:crypto';
import type { NormalizedEvent } from './event.js';

/**
 * The identity of an event across imports: its source's own id when it has one (CloudTrail's
 * eventID is unique per event), else a hash of the raw record. Equal keys are one event.
 */
export function dedupeKey(event: NormalizedEvent): string {
  if (event.eventId) return `${event.source}:id:${event.eventId}`;
  return `${event.source}:sha256:${createHash('sha256').update(event.raw).digest('base64url')}`;
}
