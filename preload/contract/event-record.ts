/**
 * One normalized event as the CLI (`cairn events --json`, one per line) and the UI see it.
 * Field names are the contract; `time` is ISO 8601 UTC with milliseconds.
 */
export interface EventRecord {
  time: string;
  source: string;
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
  errorMessage: string | null;
  readOnly: boolean | null;
  resources: string[];
  requestParameters: unknown;
  responseElements: unknown;
  eventId: string | null;
  eventType: string | null;
  /**
   * The record exactly as read from the evidence. Timeline pages (`events:page`) leave it empty to
   * stay light; `events:get` and `cairn events --json` carry it.
   */
  raw: string;
  /** Case-local row id: stable within this case file, used to annotate and to page. */
  id: number;
  /** Evidence file the event was first read from (see `cairn files`) and where in it. */
  fileId: number;
  locator: string;
}

/** Keyset-pagination position: the last row of the previous page. */
export interface EventCursor {
  /** Milliseconds since the epoch, UTC. */
  time: number;
  id: number;
}
