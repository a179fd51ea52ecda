/**
 * A normalized CloudTrail event as the identity analyses read it: the fields of core/event.ts's
 * NormalizedEvent they need, plus the case row id. `time` is integer milliseconds since the epoch,
 * UTC; `requestParameters` and `responseElements` are JSON text (attacker-controlled).
 */
export interface TrailEvent {
  /** Row id of the event in the case file. */
  id: number;
  /** Milliseconds since the epoch, UTC. */
  time: number;
  /** CloudTrail eventID. */
  eventId: string | null;
  eventName: string | null;
  eventSource: string | null;
  region: string | null;
  accountId: string | null;
  principalArn: string | null;
  principalType: string | null;
  userName: string | null;
  accessKeyId: string | null;
  sessionIssuerArn: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  errorCode: string | null;
  resources: string[];
  /** JSON text. */
  requestParameters: string | null;
  /** JSON text. */
  responseElements: string | null;
}
