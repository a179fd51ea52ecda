import { z } from 'zod';
import type { EventCursor, EventRecord } from './event-record.js';
import { API_CHANNELS } from './channels.js';

/**
 * The one API between the renderer and the case, served by Electron IPC in the app and by the
 * loopback HTTP bridge (`cairn serve`). Channel names are `domain:action`; every request is
 * validated with its schema before a handler sees it. Times are milliseconds since the epoch, UTC.
 */

const timeMs = z.number().int().min(-8.64e15).max(8.64e15);
const query = z.string().max(10_000);
/** Lets the caller cancel a slow query it no longer needs (the user typed on). */
const requestId = z.string().min(1).max(100).optional();

export const eventFilterSchema = z.strictObject({
  query: query.optional(),
  /** Inclusive. */
  from: timeMs.optional(),
  /** Exclusive. */
  to: timeMs.optional(),
  requestId,
});

export const contract = {
  caseInfo: { channel: API_CHANNELS.caseInfo, request: z.strictObject({}) },
  queryEvents: {
    channel: API_CHANNELS.queryEvents,
    request: eventFilterSchema.extend({
      order: z.enum(['asc', 'desc']).default('asc'),
      limit: z.number().int().min(1).max(1000).default(200),
      after: z.strictObject({ time: timeMs, id: z.number().int().min(0) }).optional(),
    }),
  },
  countEvents: { channel: API_CHANNELS.countEvents, request: eventFilterSchema },
  histogram: {
    channel: API_CHANNELS.histogram,
    request: eventFilterSchema.extend({ buckets: z.number().int().min(1).max(2000).default(120) }),
  },
  getEvent: { channel: API_CHANNELS.getEvent, request: z.strictObject({ id: z.number().int().min(1) }) },
  cancelQuery: { channel: API_CHANNELS.cancelQuery, request: z.strictObject({ requestId: z.string().min(1).max(100) }) },
  annotate: {
    channel: API_CHANNELS.annotate,
    request: z.strictObject({
      id: z.number().int().min(1),
      starred: z.boolean().optional(),
      addTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
      removeTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
      /** Replaces the note; empty string clears it. */
      note: z.string().max(100_000).optional(),
    }),
  },
  listTags: { channel: API_CHANNELS.listTags, request: z.strictObject({}) },
  listEvidence: { channel: API_CHANNELS.listEvidence, request: z.strictObject({}) },
  startIngest: {
    channel: API_CHANNELS.startIngest,
    request: z.strictObject({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }),
  },
  ingestStatus: { channel: API_CHANNELS.ingestStatus, request: z.strictObject({ jobId: z.string().min(1).max(100) }) },
  cancelIngest: { channel: API_CHANNELS.cancelIngest, request: z.strictObject({ jobId: z.string().min(1).max(100) }) },
  /** Desktop only: native file/folder picker, then an import of what was picked (null if dismissed). */
  addEvidenceDialog: {
    channel: API_CHANNELS.addEvidenceDialog,
    request: z.strictObject({ kind: z.enum(['files', 'folder']).default('files') }),
  },
  /** Opens (creating it the first time) the bundled demo incident. Desktop only. */
  openDemo: { channel: API_CHANNELS.openDemo, request: z.strictObject({}) },
} as const;

export type ApiMethod = keyof typeof contract;
export type ApiChannel = (typeof contract)[ApiMethod]['channel'];
/** What a caller sends (defaults may be left out). */
export type ApiRequest<M extends ApiMethod> = z.input<(typeof contract)[M]['request']>;
/** What a handler receives (validated, defaults applied). */
export type ApiValidRequest<M extends ApiMethod> = z.output<(typeof contract)[M]['request']>;

export interface CaseInfo {
  path: string;
  caseId: string;
  createdAt: number;
  schemaVersion: number;
  eventCount: number;
  /** First and last event time, or null for an empty case. */
  timeRange: { min: number; max: number } | null;
  /** Whether this case is the bundled demo incident. */
  demo: boolean;
}

export interface EventPage {
  rows: EventRecord[];
  /** Pass as `after` for the next page; null when this was the last. */
  next: EventCursor | null;
}

export interface Histogram {
  /** Start of the first bucket. */
  start: number;
  /** Width of every bucket (a "nice" interval: seconds, minutes, hours, days). */
  bucketMs: number;
  counts: number[];
}

export interface Annotation {
  id: number;
  starred: boolean;
  tags: string[];
  note: string;
}

export interface EventDetail {
  event: EventRecord;
  annotation: Annotation;
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface EvidenceFileInfo {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  bytes: number;
  sha256: string;
  format: string | null;
  status: 'ingested' | 'partial' | 'failed' | 'recorded';
  records: number;
  inserted: number;
  duplicates: number;
  importedAt: number;
  errors: { location: string; message: string }[];
}

export interface IngestStatus {
  jobId: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  inserted: number;
  duplicates: number;
  currentPath: string | null;
  etaMs: number | null;
  /** Files with errors so far (path and first error). */
  problems: { path: string; message: string }[];
  error: string | null;
}

/** Result type of each method. */
export interface ApiResults {
  caseInfo: CaseInfo;
  queryEvents: EventPage;
  countEvents: { count: number };
  histogram: Histogram;
  getEvent: EventDetail;
  cancelQuery: { cancelled: boolean };
  annotate: Annotation;
  listTags: TagCount[];
  listEvidence: EvidenceFileInfo[];
  startIngest: { jobId: string };
  ingestStatus: IngestStatus;
  cancelIngest: { cancelled: boolean };
  addEvidenceDialog: { jobId: string | null };
  openDemo: CaseInfo;
}

export type ApiErrorCode =
  | 'invalid-request'
  | 'query-syntax'
  | 'not-found'
  | 'cancelled'
  | 'forbidden'
  /** No case is open yet (the desktop app before New/Open/Demo). */
  | 'no-case'
  /** Not offered by this transport (e.g. native dialogs in the browser bridge). */
  | 'unavailable'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** For query-syntax: where in the query (0-based character offset) and how long. */
  position?: number;
  length?: number;
}

/** Every transport answers with this envelope. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The verbs the renderer can call (what preload exposes as `window.cairn`). */
export type CairnApi = {
  [M in ApiMethod]: (request: ApiRequest<M>) => Promise<ApiResult<ApiResults[M]>>;
};

/** Channel name → method, for transports that route by channel. */
export const methodByChannel: ReadonlyMap<string, ApiMethod> = new Map(
  (Object.keys(contract) as ApiMethod[]).map((method) => [contract[method].channel, method]),
);
