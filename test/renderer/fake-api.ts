import type {
  Annotation,
  ApiError,
  ApiMethod,
  ApiRequest,
  ApiResult,
  ApiResults,
  CairnApi,
  CaseInfo,
  AuditEntry,
  EvidenceFileInfo,
  IngestStatus,
  Note,
  ReportSection,
  ReviewItem,
  SavedSearch,
  VerifyReport,
} from '../../preload/contract/api.js';
import type {
  CatalogField,
  CatalogFieldType,
  EventRecord,
  FieldValue,
  SourceCatalog,
} from '../../preload/contract/event-record.js';
import type {
  BlastGraphResult,
  EntityProfileResult,
  FlowConversation,
  FlowScan,
  FlowTalker,
  LineageResult,
} from '../../preload/contract/analysis.js';

/**
 * An in-memory CairnApi for renderer tests: a tiny query matcher (field:value, NOT, bare words,
 * starred:true, tag:NAME; AND implied), keyset pages, counts, histograms, annotations, evidence
 * and a scripted ingest. Every call is recorded; `hold()` parks calls until released, to test
 * cancellation and stale answers.
 */

export interface Call {
  method: ApiMethod;
  request: unknown;
}

/** What a test may override on a generated event; `fields` are merged over the defaults. */
export type EventOverrides = Partial<Omit<EventRecord, 'fields'>> & { fields?: Record<string, FieldValue> };

/** A CloudTrail-shaped event at 2024-01-01T00:00Z + id minutes (fields as the cloudtrail source names them). */
export function makeEvent(id: number, overrides: EventOverrides = {}): EventRecord {
  const time = overrides.time ?? Date.UTC(2024, 0, 1) + id * 60_000;
  const fields: Record<string, FieldValue> = {
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    region: 'us-east-1',
    accountId: '111122223333',
    principalArn: 'arn:aws:iam::111122223333:user/alice',
    principalType: 'IAMUser',
    userName: 'alice',
    accessKeyId: 'AKIAEXAMPLE',
    sessionIssuerArn: null,
    sourceIp: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    errorCode: null,
    errorMessage: null,
    readOnly: true,
    resources: [],
    requestParameters: null,
    responseElements: null,
    eventId: `evt-${id}`,
    eventType: 'AwsApiCall',
    ...overrides.fields,
  };
  const base: EventRecord = {
    id,
    time,
    source: 'cloudtrail',
    message: String(fields.eventName ?? ''),
    actor: typeof fields.principalArn === 'string' ? fields.principalArn : null,
    target: null,
    outcome: fields.errorCode === null ? 'success' : 'failure',
    fields,
    raw: '',
    fileId: 1,
    locator: `line ${id}`,
    starred: false,
    tags: [],
    notes: 0,
    ...overrides,
  };
  base.fields = fields;
  if (overrides.raw === undefined) {
    base.raw = JSON.stringify({
      eventTime: new Date(time).toISOString(),
      eventName: fields.eventName,
      userAgent: fields.userAgent,
    });
  }
  return base;
}

function catalogField(name: string, type: CatalogFieldType = 'text', label = name): CatalogField {
  return { name, label, type, indexed: true, fullText: type === 'text', aliases: [], description: `${name} (test)` };
}

/** The catalogue the fake serves: the common fields and the cloudtrail source, as the brief lists them. */
export const FAKE_CATALOG: SourceCatalog = {
  common: [
    catalogField('time', 'time'),
    catalogField('source'),
    catalogField('message'),
    catalogField('actor'),
    catalogField('target'),
    catalogField('outcome'),
    catalogField('starred', 'bool'),
    catalogField('tag', 'list'),
  ],
  sources: [
    {
      id: 'cloudtrail',
      label: 'CloudTrail',
      description: 'AWS API calls',
      fields: [
        catalogField('time', 'time'),
        catalogField('eventName'),
        catalogField('eventSource'),
        catalogField('region'),
        catalogField('accountId'),
        catalogField('principalArn'),
        catalogField('principalType'),
        catalogField('userName'),
        catalogField('accessKeyId'),
        catalogField('sessionIssuerArn'),
        catalogField('sourceIp', 'ip'),
        catalogField('userAgent'),
        catalogField('errorCode'),
        catalogField('errorMessage'),
        catalogField('readOnly', 'bool'),
        catalogField('resources', 'list'),
        catalogField('requestParameters', 'json'),
        catalogField('responseElements', 'json'),
        catalogField('eventId'),
        catalogField('eventType'),
      ],
      defaultColumns: ['eventName', 'eventSource', 'userName', 'principalArn', 'sourceIp', 'region', 'errorCode'],
    },
  ],
};

const COMMON_KEYS = new Set(['time', 'source', 'message', 'actor', 'target', 'outcome']);

/** A field's value on an event by query name: a common key or one of the source's fields. */
export function fakeFieldValue(event: EventRecord, field: string): FieldValue | undefined {
  if (COMMON_KEYS.has(field)) return event[field as 'time' | 'source' | 'message' | 'actor' | 'target' | 'outcome'];
  return event.fields[field];
}

interface Term {
  negate: boolean;
  field: string | null;
  value: string;
}

const FIELDS = new Set([
  ...FAKE_CATALOG.common.map((field) => field.name),
  ...FAKE_CATALOG.sources.flatMap((source) => source.fields.map((field) => field.name)),
]);

class FakeSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(message);
  }
}

/** Parses the subset of the query language the tests use. */
export function parseFakeQuery(query: string): Term[] {
  const terms: Term[] = [];
  let index = 0;
  let negate = false;
  while (index < query.length) {
    const char = query[index] ?? '';
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const start = index;
    let token = '';
    let inQuote = false;
    let quoteStart = -1;
    while (index < query.length) {
      const current = query[index] ?? '';
      if (current === '\\' && inQuote) {
        token += query[index + 1] ?? '';
        index += 2;
        continue;
      }
      if (current === '"') {
        inQuote = !inQuote;
        if (inQuote) quoteStart = index;
        index++;
        continue;
      }
      if (!inQuote && /\s/.test(current)) break;
      token += current;
      index++;
    }
    if (inQuote)
      throw new FakeSyntaxError('Unterminated quote: missing the closing "', quoteStart, query.length - quoteStart);
    if (token === 'AND') continue;
    if (token === 'NOT') {
      negate = true;
      continue;
    }
    const colon = token.indexOf(':');
    const rawText = query.slice(start, index);
    if (colon > 0 && !rawText.startsWith('"')) {
      const field = token.slice(0, colon);
      if (!FIELDS.has(field)) throw new FakeSyntaxError(`Unknown field "${field}"`, start, field.length);
      terms.push({ negate, field, value: token.slice(colon + 1) });
    } else {
      terms.push({ negate, field: null, value: token });
    }
    negate = false;
  }
  return terms;
}

export interface FakeOptions {
  events?: EventRecord[];
  noCase?: boolean;
  evidence?: EvidenceFileInfo[];
  audit?: AuditEntry[];
  verify?: VerifyReport;
  /** addEvidenceDialog answers `unavailable` (as the browser bridge does). */
  dialogUnavailable?: boolean;
  /** Number of ingestStatus polls before the job is done. */
  ingestSteps?: number;
}

/** The fake's stored marks on an event (the real case keeps them in its annotation tables). */
interface StoredAnnotation {
  starred: boolean;
  tags: string[];
  notes: Note[];
}

export class FakeCairn {
  readonly calls: Call[] = [];
  events: EventRecord[];
  noCase: boolean;
  evidence: EvidenceFileInfo[];
  searches: SavedSearch[] = [];
  readonly annotations = new Map<number, StoredAnnotation>();
  readonly cancelled: string[] = [];
  /** The conversations flowPairs answers with (tests may replace them). */
  flows: FlowConversation[] = FAKE_FLOWS;
  /** When set, blastRadius answers with this graph whatever the seed. */
  blast: BlastGraphResult | null = null;
  /** The report's analyst-written sections and the lessons-learned review. */
  readonly sections = new Map<ReportSection['section'], ReportSection>();
  review: ReviewItem[] = [];
  private held: { method: ApiMethod; release: () => void; requestId: string | undefined }[] = [];
  private holding: Set<ApiMethod> | null = null;
  private ingestPolls = 0;
  private nextId = 1;
  private readonly options: FakeOptions;
  readonly api: CairnApi;

  constructor(options: FakeOptions = {}) {
    this.options = options;
    this.events = [...(options.events ?? [])].sort((a, b) => a.time - b.time || a.id - b.id);
    this.noCase = options.noCase ?? false;
    this.evidence = options.evidence ?? [];
    const handlers: { [M in ApiMethod]: (request: ApiRequest<M>) => ApiResults[M] } = {
      caseInfo: () => this.caseInfo(),
      queryEvents: (request) => this.queryEvents(request),
      countEvents: (request) => ({ count: this.filter(request).length }),
      histogram: (request) => this.histogram(request),
      fieldStats: (request) => this.fieldStats(request),
      catalog: () => FAKE_CATALOG,
      getEvent: (request) => {
        const event = this.events.find((candidate) => candidate.id === request.id);
        if (!event) throw fail({ code: 'not-found', message: `no event ${request.id}` });
        return {
          event: this.withMarks(event),
          annotation: this.annotation(event.id),
          file: this.evidence.find((file) => file.id === event.fileId) ?? null,
        };
      },
      cancelQuery: (request) => {
        this.cancelled.push(request.requestId);
        return { cancelled: true };
      },
      annotate: (request) => {
        const current = this.stored(request.id);
        const tags = new Set(current.tags);
        for (const tag of request.addTags ?? []) tags.add(tag);
        for (const tag of request.removeTags ?? []) tags.delete(tag);
        let notes = current.notes.filter((note) => note.id !== request.deleteNote);
        if (request.addNote !== undefined) {
          notes = [
            ...notes,
            { id: this.nextId++, author: 'analyst', at: Date.UTC(2024, 5, 1) + this.nextId, text: request.addNote },
          ];
        }
        this.annotations.set(request.id, {
          starred: request.starred ?? current.starred,
          tags: [...tags].sort(),
          notes,
        });
        return this.annotation(request.id);
      },
      listTags: () => {
        const counts = new Map<string, number>();
        for (const annotation of this.annotations.values()) {
          for (const tag of annotation.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
        }
        return [...counts].map(([tag, count]) => ({ tag, count }));
      },
      listSearches: () => this.searches,
      saveSearch: (request) => {
        const saved: SavedSearch = {
          id: this.nextId++,
          name: request.name,
          description: request.description ?? '',
          query: request.query ?? '',
          from: request.from ?? null,
          to: request.to ?? null,
          createdAt: Date.UTC(2024, 5, 1),
        };
        this.searches = [...this.searches, saved];
        return saved;
      },
      deleteSearch: (request) => {
        const before = this.searches.length;
        this.searches = this.searches.filter((search) => search.id !== request.id);
        return { deleted: this.searches.length < before };
      },
      listAudit: (request) => (this.options.audit ?? []).slice(0, request.limit ?? 200),
      verifyCase: () =>
        this.options.verify ?? {
          ok: true,
          case: { integrity: 'ok', auditChain: 'ok', head: null },
          files: this.evidence.map((file) => ({ path: file.path, sha256: file.sha256, status: 'ok' as const })),
          records: { expected: this.events.length, found: this.events.length },
        },
      listEvidence: () => this.evidence,
      startIngest: () => {
        this.ingestPolls = 0;
        return { jobId: 'job-1' };
      },
      ingestStatus: (request) => this.ingestStatus(request.jobId),
      cancelIngest: () => ({ cancelled: true }),
      addEvidenceDialog: () => {
        if (this.options.dialogUnavailable) {
          throw fail({ code: 'unavailable', message: 'Native dialogs are not available in the browser' });
        }
        this.ingestPolls = 0;
        return { jobId: 'job-1' };
      },
      openDemo: () => {
        this.noCase = false;
        return this.caseInfo();
      },
      flowPairs: (request) =>
        this.flows.filter((pair) => request.verdict === undefined || pair.verdict === request.verdict),
      flowScans: () => FAKE_SCANS,
      flowTalkers: (request) => FAKE_TALKERS.slice(0, request.limit ?? 20),
      explainFlow: (request) => {
        const blocked = request.dstPort !== 443;
        const rule = (direction: 'ingress' | 'egress', allowed: boolean) => ({
          layer: 'sg' as const,
          naclId: null,
          ruleNumber: null,
          direction,
          groupIds: ['sg-0fake0001'],
          text: allowed ? `sg-0fake0001 allows ${direction}` : `no rule of sg-0fake0001 allows ${direction}`,
          allowed,
        });
        return {
          allowed: !blocked,
          ingress: rule('ingress', !blocked),
          egress: rule('egress', true),
          text: blocked
            ? `${request.src} → ${request.dst}:${request.dstPort} is blocked: no security group rule allows it`
            : `${request.src} → ${request.dst}:${request.dstPort} is allowed`,
          snapshot: true,
        };
      },
      blastRadius: (request) => {
        if (this.blast) return this.blast;
        if (request.seed === FAKE_IDS.leakedKey || request.seed === FAKE_IDS.devArn) return fakeBlast(request.seed);
        return { seed: request.seed, adminEquivalent: false, nodes: [], edges: [], notes: [`No principal is known for ${request.seed}`] };
      },
      entityProfile: (request) => fakeProfile(request.kind, request.id),
      // Report channels: sections and review items kept in memory, a small preview built from them.
      reportPreview: () => this.reportPreview(),
      reportSections: () => [...this.sections.values()],
      setReportSection: (request) => {
        if (request.text.trim() === '') {
          this.sections.delete(request.section);
          return null;
        }
        const section: ReportSection = {
          section: request.section,
          text: request.text,
          author: 'analyst',
          updatedAt: Date.UTC(2024, 5, 1) + this.nextId++ * 1000,
        };
        this.sections.set(request.section, section);
        return section;
      },
      reviewItems: () => this.review,
      addReviewItem: (request) => {
        const at = Date.UTC(2024, 5, 1) + this.nextId * 1000;
        const item: ReviewItem = {
          id: this.nextId++,
          kind: request.kind,
          text: request.text.trim(),
          owner: request.owner ?? null,
          dueAt: request.dueAt ?? null,
          status: request.kind === 'action' ? (request.status ?? 'open') : null,
          eventId: request.eventId ?? null,
          author: 'analyst',
          createdAt: at,
          updatedAt: at,
        };
        this.review = [...this.review, item];
        return item;
      },
      updateReviewItem: (request) => {
        const current = this.review.find((item) => item.id === request.id);
        if (!current) throw fail({ code: 'not-found', message: `no review item ${request.id}` });
        const changes = request;
        const next: ReviewItem = { ...current, updatedAt: current.updatedAt + 1 };
        if (changes.text !== undefined) next.text = changes.text;
        if (changes.owner !== undefined) next.owner = changes.owner;
        if (changes.dueAt !== undefined) next.dueAt = changes.dueAt;
        if (changes.status !== undefined) next.status = changes.status;
        if (changes.eventId !== undefined) next.eventId = changes.eventId;
        this.review = this.review.map((item) => (item.id === request.id ? next : item));
        return next;
      },
      deleteReviewItem: (request) => {
        const before = this.review.length;
        this.review = this.review.filter((item) => item.id !== request.id);
        return { deleted: this.review.length < before };
      },
      lineage: (request) => {
        if (request.key !== FAKE_IDS.sessionKey && request.key !== FAKE_IDS.leakedKey)
          throw fail({ code: 'not-found', message: `no key ${request.key}` });
        return fakeLineage(request.key);
      },
    };
    const api: Partial<Record<ApiMethod, (request: unknown) => Promise<ApiResult<unknown>>>> = {};
    for (const method of Object.keys(handlers) as ApiMethod[]) {
      api[method] = async (request: unknown) => {
        this.calls.push({ method, request });
        const requestId = (request as { requestId?: string } | undefined)?.requestId;
        if (this.holding?.has(method)) {
          await new Promise<void>((resolve) => this.held.push({ method, release: resolve, requestId }));
        } else {
          await Promise.resolve();
        }
        if (requestId !== undefined && this.cancelled.includes(requestId)) {
          return { ok: false, error: { code: 'cancelled', message: 'cancelled' } };
        }
        try {
          const handler = handlers[method] as (request: unknown) => unknown;
          return { ok: true, value: handler(request) };
        } catch (error) {
          if (error instanceof FakeFailure) return { ok: false, error: error.error };
          throw error;
        }
      };
    }
    this.api = api as CairnApi;
  }

  /** Stars / tags an event directly (test set-up). */
  mark(id: number, marks: Partial<StoredAnnotation>): void {
    this.annotations.set(id, { ...this.stored(id), ...marks });
  }

  /** Parks calls to these methods until `releaseAll`. */
  hold(...methods: ApiMethod[]): void {
    this.holding = new Set(methods);
  }

  releaseAll(): void {
    this.holding = null;
    const held = this.held;
    this.held = [];
    for (const call of held) call.release();
  }

  callsOf<M extends ApiMethod>(method: M): ApiRequest<M>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.request as ApiRequest<M>);
  }

  /** A stand-in for the report: the sections and review items as text (escaped) in HTML and Markdown. */
  private reportPreview(): ApiResults['reportPreview'] {
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const sections = [...this.sections.values()];
    const html = [
      '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"></head><body>',
      '<h1>Incident report</h1>',
      ...sections.map((section) => `<h2>${escape(section.section)}</h2><p>${escape(section.text)}</p>`),
      ...this.review.map((item) => `<p>${escape(item.kind)}: ${escape(item.text)}</p>`),
      '</body></html>',
    ].join('');
    const markdown = [
      '# Incident report',
      ...sections.map((section) => `## ${section.section}\n\n${section.text}`),
      ...this.review.map((item) => `- ${item.kind}: ${item.text}`),
    ].join('\n\n');
    return { html, markdown };
  }

  private caseInfo(): CaseInfo {
    if (this.noCase) throw fail({ code: 'no-case', message: 'No case is open' });
    const times = this.events.map((event) => event.time);
    return {
      path: '/cases/test.cairn',
      caseId: 'case-1',
      createdAt: 0,
      schemaVersion: 2,
      eventCount: this.events.length,
      timeRange: times.length ? { min: minOf(times), max: maxOf(times) } : null,
      demo: false,
    };
  }

  private stored(id: number): StoredAnnotation {
    return this.annotations.get(id) ?? { starred: false, tags: [], notes: [] };
  }

  private annotation(id: number): Annotation {
    const { starred, tags, notes } = this.stored(id);
    return { id, starred, tags, notes };
  }

  /** The event as pages carry it: with the current marks. */
  private withMarks(event: EventRecord): EventRecord {
    const { starred, tags, notes } = this.stored(event.id);
    return { ...event, starred, tags, notes: notes.length };
  }

  private filter(request: {
    query?: string | undefined;
    from?: number | undefined;
    to?: number | undefined;
  }): EventRecord[] {
    let terms: Term[];
    try {
      terms = parseFakeQuery(request.query ?? '');
    } catch (error) {
      if (error instanceof FakeSyntaxError) {
        throw fail({ code: 'query-syntax', message: error.message, position: error.position, length: error.length });
      }
      throw error;
    }
    return this.events.filter((event) => {
      const time = event.time;
      if (request.from !== undefined && time < request.from) return false;
      if (request.to !== undefined && time >= request.to) return false;
      return terms.every((term) => this.matches(event, term) !== term.negate);
    });
  }

  private matches(event: EventRecord, term: Term): boolean {
    if (term.field === null)
      return (
        event.raw.toLowerCase().includes(term.value.toLowerCase()) ||
        JSON.stringify(event).toLowerCase().includes(term.value.toLowerCase())
      );
    if (term.field === 'starred') return this.stored(event.id).starred === (term.value === 'true');
    if (term.field === 'tag') return this.stored(event.id).tags.includes(term.value);
    const value = fakeFieldValue(event, term.field);
    if (Array.isArray(value)) return value.includes(term.value);
    if (value === null || value === undefined) return false;
    return String(value) === term.value;
  }

  private queryEvents(request: ApiRequest<'queryEvents'>): ApiResults['queryEvents'] {
    const order = request.order ?? 'asc';
    const limit = request.limit ?? 200;
    let rows = this.filter(request);
    if (order === 'desc') rows = [...rows].reverse();
    const after = request.after;
    if (after) {
      rows = rows.filter((event) => {
        const cmp = event.time - after.time || event.id - after.id;
        return order === 'asc' ? cmp > 0 : cmp < 0;
      });
    }
    const page = rows.slice(0, limit).map((event) => ({ ...this.withMarks(event), raw: '' }));
    const last = page[page.length - 1];
    return {
      rows: page,
      next: rows.length > limit && last ? { time: last.time, id: last.id } : null,
    };
  }

  private histogram(request: ApiRequest<'histogram'>): ApiResults['histogram'] {
    const rows = this.filter(request);
    const buckets = request.buckets ?? 120;
    if (rows.length === 0) return { start: request.from ?? 0, bucketMs: 60_000, counts: [] };
    const times = rows.map((event) => event.time);
    const min = minOf(times);
    const max = maxOf(times);
    const bucketMs = Math.max(1000, Math.ceil((max - min + 1) / buckets / 1000) * 1000);
    const start = Math.floor(min / bucketMs) * bucketMs;
    const length = Math.floor((max - start) / bucketMs) + 1;
    const counts = new Array<number>(length).fill(0);
    for (const time of times) {
      const index = Math.floor((time - start) / bucketMs);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    if (request.splitBy === undefined) return { start, bucketMs, counts };
    const field = request.splitBy;
    const top = this.topValues(rows, field, 5).map((entry) => entry.value);
    const series = [...top, null].map((value) => ({ value, counts: new Array<number>(length).fill(0) }));
    for (const event of rows) {
      const value = firstValue(event, field);
      const slot = top.indexOf(value);
      const target = series[slot >= 0 ? slot : series.length - 1];
      const index = Math.floor((event.time - start) / bucketMs);
      if (target) target.counts[index] = (target.counts[index] ?? 0) + 1;
    }
    return { start, bucketMs, counts, series: series.filter((entry) => entry.counts.some((count) => count > 0)) };
  }

  private fieldStats(request: ApiRequest<'fieldStats'>): ApiResults['fieldStats'] {
    if (!FIELDS.has(request.field))
      throw fail({ code: 'invalid-request', message: `Unknown field "${request.field}"` });
    const rows = this.filter(request);
    return {
      field: request.field,
      total: rows.length,
      values: this.topValues(rows, request.field, request.limit ?? 10),
    };
  }

  /** Most frequent values first (ties by value), null for rows without the field. */
  private topValues(rows: EventRecord[], field: string, limit: number): { value: string | null; count: number }[] {
    const counts = new Map<string | null, number>();
    for (const event of rows) {
      const value = firstValue(event, field);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, limit);
  }

  private ingestStatus(jobId: string): IngestStatus {
    this.ingestPolls++;
    const steps = this.options.ingestSteps ?? 2;
    const done = this.ingestPolls >= steps;
    return {
      jobId,
      state: done ? 'done' : 'running',
      filesDone: done ? 2 : 1,
      filesTotal: 2,
      bytesDone: done ? 2048 : 1024,
      bytesTotal: 2048,
      records: done ? 20 : 10,
      inserted: done ? 20 : 10,
      duplicates: 0,
      currentPath: done ? null : '/evidence/b.json',
      etaMs: done ? null : 1500,
      problems: [],
      error: null,
    };
  }
}

/** The value a field counts under (the first of a list), or null. */
function firstValue(event: EventRecord, field: string): string | null {
  const value = fakeFieldValue(event, field);
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value[0] ?? null;
  return String(value);
}

class FakeFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

function fail(error: ApiError): FakeFailure {
  return new FakeFailure(error);
}

// Spreading a long array into Math.min overflows the stack.
function minOf(values: number[]): number {
  return values.reduce((min, value) => (value < min ? value : min), Infinity);
}

function maxOf(values: number[]): number {
  return values.reduce((max, value) => (value > max ? value : max), -Infinity);
}

// ——— Analysis channels (flows, identity): small, deterministic data ———

/** The ids the fake's flows and identity answers use. */
export const FAKE_IDS = {
  eni: 'eni-0fake00000000001',
  server: '10.0.1.10',
  returnClient: '198.51.100.20',
  sgClient: '198.51.100.30',
  nacl: 'acl-0fake00000000001',
  sg: 'sg-0fake0001',
  scanner: '203.0.113.66',
  exfil: '93.184.216.34',
  exfilName: 'exfil.example.net',
  devArn: 'arn:aws:iam::111122223333:user/dev',
  leakedKey: 'AKIADEVLEAKEDKEY0001',
  roleArn: 'arn:aws:iam::111122223333:role/deploy',
  sessionKey: 'ASIADEPLOYSESSION001',
  sessionArn: 'arn:aws:sts::111122223333:assumed-role/deploy/dev-session',
  createdUserArn: 'arn:aws:iam::111122223333:user/backdoor',
  createdKey: 'AKIABACKDOORKEY00001',
  dataBucket: 'arn:aws:s3:::acme-data',
  backupBucket: 'arn:aws:s3:::acme-backups',
} as const;

const T_FLOW = Date.UTC(2024, 4, 10, 9, 0, 0);

export const FAKE_FLOWS: FlowConversation[] = [
  {
    eni: FAKE_IDS.eni,
    client: FAKE_IDS.returnClient,
    server: FAKE_IDS.server,
    serverPort: 443,
    protocol: 6,
    forward: 'ACCEPT',
    reverse: 'REJECT',
    verdict: 'return-blocked',
    records: 4,
    bytes: 3000,
    first: T_FLOW,
    last: T_FLOW + 90_000,
    explanation: {
      layer: 'nacl',
      naclId: FAKE_IDS.nacl,
      ruleNumber: 90,
      direction: 'egress',
      groupIds: [],
      text: `Replies are denied by ${FAKE_IDS.nacl} egress rule 90 (deny 0.0.0.0/0 tcp 1024-65535)`,
    },
  },
  {
    eni: FAKE_IDS.eni,
    client: FAKE_IDS.sgClient,
    server: FAKE_IDS.server,
    serverPort: 8080,
    protocol: 6,
    forward: 'REJECT',
    reverse: null,
    verdict: 'inbound-blocked',
    records: 3,
    bytes: 180,
    first: T_FLOW + 5000,
    last: T_FLOW + 155_000,
    explanation: {
      layer: 'sg',
      naclId: null,
      ruleNumber: null,
      direction: 'ingress',
      groupIds: [FAKE_IDS.sg],
      text: `No rule of ${FAKE_IDS.sg} allows tcp/8080 from ${FAKE_IDS.sgClient}`,
    },
  },
  {
    eni: FAKE_IDS.eni,
    client: FAKE_IDS.server,
    server: FAKE_IDS.exfil,
    serverPort: 443,
    protocol: 6,
    forward: 'ACCEPT',
    reverse: 'ACCEPT',
    verdict: 'ok',
    records: 2,
    bytes: 5_020_000,
    first: T_FLOW + 3_000_000,
    last: T_FLOW + 3_030_000,
    explanation: { layer: 'none', naclId: null, ruleNumber: null, direction: null, groupIds: [], text: 'Allowed both ways' },
  },
];

export const FAKE_SCANS: FlowScan[] = [
  {
    source: FAKE_IDS.scanner,
    kind: 'vertical',
    targets: [FAKE_IDS.server],
    distinctPorts: 1000,
    accepted: 1,
    rejected: 999,
    first: T_FLOW + 600_000,
    last: T_FLOW + 1_600_000,
  },
];

export const FAKE_TALKERS: FlowTalker[] = [
  {
    address: FAKE_IDS.exfil,
    direction: 'egress',
    bytes: 5_000_000,
    packets: 3500,
    records: 1,
    ports: [443],
    names: [FAKE_IDS.exfilName],
    enis: [FAKE_IDS.eni],
    first: T_FLOW + 3_000_000,
    last: T_FLOW + 3_030_000,
  },
  {
    address: FAKE_IDS.scanner,
    direction: 'ingress',
    bytes: 44_000,
    packets: 1000,
    records: 1000,
    ports: [1, 2, 3],
    names: [],
    enis: [FAKE_IDS.eni],
    first: T_FLOW + 600_000,
    last: T_FLOW + 1_600_000,
  },
];

function fakeBlast(seed: string): BlastGraphResult {
  const node = (id: string, kind: string, label: string, potential: boolean, observed: boolean) => ({
    id,
    kind,
    label,
    potential,
    observed,
  });
  const edge = (from: string, to: string, kind: string, potential: boolean, observed: boolean, actions: string[] = []) => ({
    from,
    to,
    kind,
    potential,
    observed,
    actions,
    eventIds: observed ? [`evt-${from.length}-${to.length}`] : [],
  });
  return {
    seed,
    adminEquivalent: true,
    nodes: [
      node(FAKE_IDS.leakedKey, 'accessKey', FAKE_IDS.leakedKey, true, true),
      node(FAKE_IDS.devArn, 'user', 'user/dev', true, true),
      node(FAKE_IDS.roleArn, 'role', 'role/deploy', true, true),
      node(FAKE_IDS.dataBucket, 'bucket', 'acme-data', true, true),
      node(FAKE_IDS.backupBucket, 'bucket', 'acme-backups', true, false),
      node(FAKE_IDS.createdUserArn, 'user', 'user/backdoor', false, true),
    ],
    edges: [
      edge(FAKE_IDS.leakedKey, FAKE_IDS.devArn, 'key-of', true, true),
      edge(FAKE_IDS.devArn, FAKE_IDS.roleArn, 'can-assume', true, true, ['sts:AssumeRole']),
      edge(FAKE_IDS.roleArn, FAKE_IDS.dataBucket, 'can-access', true, true, ['s3:GetObject']),
      edge(FAKE_IDS.roleArn, FAKE_IDS.backupBucket, 'can-access', true, false, ['s3:GetObject']),
      edge(FAKE_IDS.devArn, FAKE_IDS.createdUserArn, 'can-escalate', true, true, ['iam:CreateUser', 'iam:CreateAccessKey']),
    ],
    notes: ['The IAM snapshot is older than the trail: later policy changes are not included'],
  };
}

function fakeProfile(kind: EntityProfileResult['kind'], id: string): EntityProfileResult {
  return {
    kind,
    id,
    firstSeen: Date.UTC(2024, 5, 1, 12, 0, 0),
    lastSeen: Date.UTC(2024, 5, 1, 12, 0, 40),
    total: 5,
    errors: 1,
    errorRate: 0.2,
    eventNames: [
      { value: 'GetObject', count: 3 },
      { value: 'CreateUser', count: 1 },
      { value: 'CreateAccessKey', count: 1 },
    ],
    regions: [{ value: 'eu-west-1', count: 5 }],
    userAgents: [{ value: 'aws-cli/2.15.0', count: 5 }],
    sourceIps: [{ value: '198.51.100.77', count: 5 }],
    principals: [{ value: FAKE_IDS.sessionArn, count: 5 }],
    keys: [{ value: FAKE_IDS.sessionKey, count: 5 }],
    histogram: { start: Date.UTC(2024, 5, 1, 12, 0, 0), bucketMs: 10_000, counts: [2, 1, 1, 1] },
    unusual: { newEventNames: ['CreateUser'], newIps: ['198.51.100.77'], newRegions: [], newUserAgents: [] },
  };
}

function fakeLineage(key: string): LineageResult {
  const t = Date.UTC(2024, 5, 1, 12, 0, 0);
  return {
    key,
    root: FAKE_IDS.devArn,
    chain: [
      { node: FAKE_IDS.devArn, kind: 'user', principal: FAKE_IDS.devArn, via: null },
      {
        node: FAKE_IDS.leakedKey,
        kind: 'accessKey',
        principal: FAKE_IDS.devArn,
        via: { kind: 'key-of', eventId: null, eventRowId: 0, time: t },
      },
      {
        node: FAKE_IDS.sessionKey,
        kind: 'sessionKey',
        principal: FAKE_IDS.sessionArn,
        via: { kind: 'AssumeRole', eventId: 'evt-assume-1', eventRowId: 2, time: t + 10_000 },
      },
    ],
    created: [
      { from: FAKE_IDS.sessionKey, to: FAKE_IDS.createdUserArn, kind: 'CreateUser', eventId: 'evt-create-user', time: t + 30_000 },
      { from: FAKE_IDS.sessionKey, to: FAKE_IDS.createdKey, kind: 'CreateAccessKey', eventId: 'evt-create-key', time: t + 40_000 },
    ],
  };
}
