import { z } from 'zod';
import type { EventCursor, EventRecord, SourceCatalog } from './event-record.js';
import { API_CHANNELS } from './channels.js';
import { REPORT_SECTION_NAMES } from './report-sections.js';

export { REPORT_SECTION_NAMES } from './report-sections.js';
import type {
  BlastGraphResult,
  EntityProfileResult,
  FlowConversation,
  FlowExplanationResult,
  FlowScan,
  FlowTalker,
  LineageResult,
} from './analysis.js';

/**
 * The one API between the renderer and the case, served by Electron IPC in the app and by the
 * loopback HTTP bridge (`cairn serve`). Channel names are `domain:action`; every request is
 * validated with its schema before a handler sees it. Times are milliseconds since the epoch, UTC.
 */

const timeMs = z.number().int().min(-8.64e15).max(8.64e15);
const query = z.string().max(10_000);
/** Lets the caller cancel a slow query it no longer needs (the user typed on). */
const requestId = z.string().min(1).max(100).optional();

/** A field's query name (any case, or an alias), checked against the catalogue by the handler. */
const fieldName = z.string().min(1).max(200);

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
    request: eventFilterSchema.extend({
      buckets: z.number().int().min(1).max(2000).default(120),
      /** Split each bar by this field's top values (top 5 + other). */
      splitBy: fieldName.optional(),
    }),
  },
  /** Top values of one field under the current filter. */
  fieldStats: {
    channel: API_CHANNELS.fieldStats,
    request: eventFilterSchema.extend({ field: fieldName, limit: z.number().int().min(1).max(1000).default(10) }),
  },
  catalog: { channel: API_CHANNELS.catalog, request: z.strictObject({}) },
  getEvent: { channel: API_CHANNELS.getEvent, request: z.strictObject({ id: z.number().int().min(1) }) },
  cancelQuery: { channel: API_CHANNELS.cancelQuery, request: z.strictObject({ requestId: z.string().min(1).max(100) }) },
  annotate: {
    channel: API_CHANNELS.annotate,
    request: z.strictObject({
      id: z.number().int().min(1),
      starred: z.boolean().optional(),
      addTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
      removeTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
      /** Adds a note (a comment with author and time). */
      addNote: z.string().trim().min(1).max(100_000).optional(),
      /** Deletes one of the row's notes by its id. */
      deleteNote: z.number().int().min(1).optional(),
    }),
  },
  listSearches: { channel: API_CHANNELS.listSearches, request: z.strictObject({}) },
  saveSearch: {
    channel: API_CHANNELS.saveSearch,
    request: z.strictObject({
      name: z.string().trim().min(1).max(200),
      description: z.string().max(10_000).default(''),
      query: query.default(''),
      from: timeMs.nullable().default(null),
      to: timeMs.nullable().default(null),
    }),
  },
  deleteSearch: { channel: API_CHANNELS.deleteSearch, request: z.strictObject({ id: z.number().int().min(1) }) },
  listAudit: {
    channel: API_CHANNELS.listAudit,
    request: z.strictObject({ limit: z.number().int().min(1).max(1000).default(200) }),
  },
  verifyCase: { channel: API_CHANNELS.verifyCase, request: z.strictObject({}) },
  flowPairs: {
    channel: API_CHANNELS.flowPairs,
    request: z.strictObject({
      from: timeMs.optional(),
      to: timeMs.optional(),
      verdict: z.enum(['ok', 'return-blocked', 'inbound-blocked', 'outbound-blocked', 'one-way']).optional(),
      requestId,
    }),
  },
  flowScans: { channel: API_CHANNELS.flowScans, request: z.strictObject({ from: timeMs.optional(), to: timeMs.optional(), requestId }) },
  flowTalkers: {
    channel: API_CHANNELS.flowTalkers,
    request: z.strictObject({ from: timeMs.optional(), to: timeMs.optional(), limit: z.number().int().min(1).max(1000).default(20), requestId }),
  },
  explainFlow: {
    channel: API_CHANNELS.explainFlow,
    request: z.strictObject({
      src: z.string().min(1).max(64),
      dst: z.string().min(1).max(64),
      dstPort: z.number().int().min(0).max(65535),
      srcPort: z.number().int().min(0).max(65535).optional(),
      protocol: z.enum(['tcp', 'udp', 'icmp', 'icmpv6']).default('tcp'),
    }),
  },
  blastRadius: { channel: API_CHANNELS.blastRadius, request: z.strictObject({ seed: z.string().trim().min(1).max(2048), requestId }) },
  entityProfile: {
    channel: API_CHANNELS.entityProfile,
    request: z.strictObject({
      kind: z.enum(['principal', 'accessKey', 'ip', 'instance', 'resource']),
      id: z.string().trim().min(1).max(2048),
      from: timeMs.optional(),
      to: timeMs.optional(),
      requestId,
    }),
  },
  lineage: { channel: API_CHANNELS.lineage, request: z.strictObject({ key: z.string().trim().min(1).max(256) }) },
  /** The post-mortem report as self-contained HTML (no scripts) and Markdown, for the live preview. */
  reportPreview: { channel: API_CHANNELS.reportPreview, request: z.strictObject({ requestId }) },
  reportSections: { channel: API_CHANNELS.reportSections, request: z.strictObject({}) },
  setReportSection: {
    channel: API_CHANNELS.setReportSection,
    request: z.strictObject({ section: z.enum(REPORT_SECTION_NAMES), text: z.string().max(200_000) }),
  },
  reviewItems: { channel: API_CHANNELS.reviewItems, request: z.strictObject({}) },
  addReviewItem: {
    channel: API_CHANNELS.addReviewItem,
    request: z.strictObject({
      kind: z.enum(['went-well', 'went-badly', 'gap', 'action']),
      text: z.string().trim().min(1).max(20_000),
      owner: z.string().max(200).nullable().optional(),
      dueAt: timeMs.nullable().optional(),
      status: z.enum(['open', 'in-progress', 'done']).nullable().optional(),
      eventId: z.number().int().min(1).nullable().optional(),
    }),
  },
  updateReviewItem: {
    channel: API_CHANNELS.updateReviewItem,
    request: z.strictObject({
      id: z.number().int().min(1),
      text: z.string().trim().min(1).max(20_000).optional(),
      owner: z.string().max(200).nullable().optional(),
      dueAt: timeMs.nullable().optional(),
      status: z.enum(['open', 'in-progress', 'done']).nullable().optional(),
      eventId: z.number().int().min(1).nullable().optional(),
    }),
  },
  deleteReviewItem: { channel: API_CHANNELS.deleteReviewItem, request: z.strictObject({ id: z.number().int().min(1) }) },
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
  /** With `splitBy`: the top values' counts per bucket (they add up to `counts`); `value` null = other. */
  series?: { value: string | null; counts: number[] }[];
}

/** Top values of a field under a filter; `total` is how many rows matched. */
export interface FieldStats {
  field: string;
  total: number;
  values: { value: string | null; count: number }[];
}

/** One analyst comment on a row. */
export interface Note {
  id: number;
  author: string;
  /** Milliseconds since the epoch, UTC. */
  at: number;
  text: string;
}

export interface Annotation {
  id: number;
  starred: boolean;
  tags: string[];
  notes: Note[];
}

export interface EventDetail {
  event: EventRecord;
  annotation: Annotation;
  /** The evidence file the row came from. */
  file: EvidenceFileInfo | null;
}

/** A search kept in the case (name, description, query, time range). */
export interface SavedSearch {
  id: number;
  name: string;
  description: string;
  query: string;
  from: number | null;
  to: number | null;
  createdAt: number;
}

/** An analyst-written report section. */
export interface ReportSection {
  section: (typeof REPORT_SECTION_NAMES)[number];
  text: string;
  author: string;
  updatedAt: number;
}

/** One item of the lessons-learned review. */
export interface ReviewItem {
  id: number;
  kind: 'went-well' | 'went-badly' | 'gap' | 'action';
  text: string;
  owner: string | null;
  dueAt: number | null;
  status: 'open' | 'in-progress' | 'done' | null;
  /** The timeline row that motivated it. */
  eventId: number | null;
  author: string;
  createdAt: number;
  updatedAt: number;
}

/** One row of the tamper-evident audit log. */
export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  /** JSON text. */
  detail: string;
  hash: string;
}

/** `cairn verify --json` and `case:verify`. */
export interface VerifyReport {
  ok: boolean;
  case: { integrity: 'ok' | string; auditChain: 'ok' | string; head: string | null };
  files: { path: string; sha256: string; status: 'ok' | 'modified' | 'missing' | 'unverifiable' | 'extra' }[];
  /** Rows the import log accounts for and rows the timeline holds; `problems` per evidence file when they differ. */
  records: { expected: number; found: number; problems?: string[] };
}

export interface TagCount {
  tag: string;
  count: number;
}

/** What became of a received file. */
export type EvidenceStatus = 'ingested' | 'partial' | 'failed' | 'unsupported' | 'recorded' | 'duplicate';

export interface EvidenceFileInfo {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  bytes: number;
  sha256: string;
  /** What was recognised (e.g. "cloudtrail-s3", "vpcflow"), also for unsupported files. */
  format: string | null;
  status: EvidenceStatus;
  records: number;
  inserted: number;
  duplicates: number;
  importedAt: number;
  /** Who ran the import ("cli", "app", "bridge"). */
  importedBy: string | null;
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
  fieldStats: FieldStats;
  catalog: SourceCatalog;
  getEvent: EventDetail;
  cancelQuery: { cancelled: boolean };
  annotate: Annotation;
  listTags: TagCount[];
  listSearches: SavedSearch[];
  saveSearch: SavedSearch;
  deleteSearch: { deleted: boolean };
  listAudit: AuditEntry[];
  verifyCase: VerifyReport;
  flowPairs: FlowConversation[];
  flowScans: FlowScan[];
  flowTalkers: FlowTalker[];
  explainFlow: FlowExplanationResult;
  blastRadius: BlastGraphResult;
  entityProfile: EntityProfileResult;
  lineage: LineageResult;
  reportPreview: { html: string; markdown: string };
  reportSections: ReportSection[];
  setReportSection: ReportSection | null;
  reviewItems: ReviewItem[];
  addReviewItem: ReviewItem;
  updateReviewItem: ReviewItem;
  deleteReviewItem: { deleted: boolean };
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
