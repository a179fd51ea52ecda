import type {
  Annotation,
  ApiError,
  ApiMethod,
  ApiRequest,
  ApiResult,
  ApiResults,
  CairnApi,
  CaseInfo,
  EvidenceFileInfo,
  IngestStatus,
} from '../../preload/contract/api.js';
import type { EventRecord } from '../../preload/contract/event-record.js';

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

export function makeEvent(id: number, fields: Partial<EventRecord> = {}): EventRecord {
  const time = fields.time ?? new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
  const base: EventRecord = {
    time,
    source: 'cloudtrail',
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
    raw: '',
    id,
    fileId: 1,
    locator: `line ${id}`,
    ...fields,
  };
  if (fields.raw === undefined) {
    base.raw = JSON.stringify({ eventTime: base.time, eventName: base.eventName, userAgent: base.userAgent });
  }
  return base;
}

interface Term {
  negate: boolean;
  field: string | null;
  value: string;
}

const FIELDS = new Set([
  'time',
  'eventName',
  'eventSource',
  'principalArn',
  'userName',
  'accessKeyId',
  'sourceIp',
  'userAgent',
  'region',
  'accountId',
  'errorCode',
  'errorMessage',
  'readOnly',
  'eventType',
  'eventId',
  'resources',
  'principalType',
  'sessionIssuerArn',
  'starred',
  'tag',
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
  /** addEvidenceDialog answers `unavailable` (as the browser bridge does). */
  dialogUnavailable?: boolean;
  /** Number of ingestStatus polls before the job is done. */
  ingestSteps?: number;
}

export class FakeCairn {
  readonly calls: Call[] = [];
  events: EventRecord[];
  noCase: boolean;
  evidence: EvidenceFileInfo[];
  readonly annotations = new Map<number, Annotation>();
  readonly cancelled: string[] = [];
  private held: { method: ApiMethod; release: () => void; requestId: string | undefined }[] = [];
  private holding: Set<ApiMethod> | null = null;
  private ingestPolls = 0;
  private readonly options: FakeOptions;
  readonly api: CairnApi;

  constructor(options: FakeOptions = {}) {
    this.options = options;
    this.events = [...(options.events ?? [])].sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.id - b.id);
    this.noCase = options.noCase ?? false;
    this.evidence = options.evidence ?? [];
    const handlers: { [M in ApiMethod]: (request: ApiRequest<M>) => ApiResults[M] } = {
      caseInfo: () => this.caseInfo(),
      queryEvents: (request) => this.queryEvents(request),
      countEvents: (request) => ({ count: this.filter(request).length }),
      histogram: (request) => this.histogram(request),
      getEvent: (request) => {
        const event = this.events.find((candidate) => candidate.id === request.id);
        if (!event) throw fail({ code: 'not-found', message: `no event ${request.id}` });
        return { event, annotation: this.annotation(event.id) };
      },
      cancelQuery: (request) => {
        this.cancelled.push(request.requestId);
        return { cancelled: true };
      },
      annotate: (request) => {
        const current = this.annotation(request.id);
        const tags = new Set(current.tags);
        for (const tag of request.addTags ?? []) tags.add(tag);
        for (const tag of request.removeTags ?? []) tags.delete(tag);
        const next: Annotation = {
          id: request.id,
          starred: request.starred ?? current.starred,
          tags: [...tags].sort(),
          note: request.note ?? current.note,
        };
        this.annotations.set(request.id, next);
        return next;
      },
      listTags: () => {
        const counts = new Map<string, number>();
        for (const annotation of this.annotations.values()) {
          for (const tag of annotation.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
        }
        return [...counts].map(([tag, count]) => ({ tag, count }));
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

  private caseInfo(): CaseInfo {
    if (this.noCase) throw fail({ code: 'no-case', message: 'No case is open' });
    const times = this.events.map((event) => Date.parse(event.time));
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

  private annotation(id: number): Annotation {
    return this.annotations.get(id) ?? { id, starred: false, tags: [], note: '' };
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
      const time = Date.parse(event.time);
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
    if (term.field === 'starred') return this.annotation(event.id).starred === (term.value === 'true');
    if (term.field === 'tag') return this.annotation(event.id).tags.includes(term.value);
    const value = (event as unknown as Record<string, unknown>)[term.field];
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
        const time = Date.parse(event.time);
        const cmp = time - after.time || event.id - after.id;
        return order === 'asc' ? cmp > 0 : cmp < 0;
      });
    }
    const page = rows.slice(0, limit).map((event) => ({ ...event, raw: '' }));
    const last = page[page.length - 1];
    return {
      rows: page,
      next: rows.length > limit && last ? { time: Date.parse(last.time), id: last.id } : null,
    };
  }

  private histogram(request: ApiRequest<'histogram'>): ApiResults['histogram'] {
    const rows = this.filter(request);
    const buckets = request.buckets ?? 120;
    if (rows.length === 0) return { start: request.from ?? 0, bucketMs: 60_000, counts: [] };
    const times = rows.map((event) => Date.parse(event.time));
    const min = minOf(times);
    const max = maxOf(times);
    const bucketMs = Math.max(1000, Math.ceil((max - min + 1) / buckets / 1000) * 1000);
    const start = Math.floor(min / bucketMs) * bucketMs;
    const counts = new Array<number>(Math.floor((max - start) / bucketMs) + 1).fill(0);
    for (const time of times) {
      const index = Math.floor((time - start) / bucketMs);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    return { start, bucketMs, counts };
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
