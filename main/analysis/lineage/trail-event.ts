import type { NormalizedEvent } from '../../core/event.js';

/**
 * A normalized CloudTrail event as the identity analyses read it: the normalizer's fields they need,
 * plus the case row id. `time` is integer milliseconds since the epoch, UTC; `requestParameters` and
 * `responseElements` are JSON text (attacker-controlled).
 */
export type TrailEvent = Omit<NormalizedEvent, 'source' | 'raw' | 'readOnly' | 'eventType' | 'errorMessage'> & {
  /** Row id of the event in the case file. */
  id: number;
};
