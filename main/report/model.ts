import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { FieldValue } from '../core/source-descriptor.js';
import { openCase, checkpointFully } from '../store/open-case.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { iterateTimeline, presentSources, timelineRange, type StoredTimelineRow } from '../store/queries/timeline.js';
import { getAnnotation } from '../store/queries/annotations.js';
import { listEvidence } from '../store/queries/evidence.js';
import { auditHead, listAudit, verifyAuditChain } from '../store/audit.js';
import { caseMeta, schemaVersion } from '../store/queries/case-meta.js';
import { distinctColumnValues, listReportSections, type ReportSectionName } from '../store/queries/report-sections.js';
import { listReviewItems, type ReviewKind, type ReviewStatus } from '../store/queries/review-items.js';
import { SOURCES } from '../ingest/sources/index.js';
import { filterFor } from '../services/read-queries.js';
import { toEventRecord } from '../services/timeline-records.js';
import type { Conversation } from '../analysis/flows/conversation.js';
import type { Scan } from '../analysis/flows/scans.js';
import type { BlastReport } from '../services/identity.js';
import { buildContainment, ID_PATTERNS, type ContainmentInput, type ContainmentPlan } from './containment.js';

/**
 * The report model: everything a post-mortem report says, as plain data. `--format json` prints it
 * as is; the HTML and Markdown renderers only lay it out. Deterministic: every list is sorted
 * explicitly, and the only clock read is `generatedAt` (given, or now).
 */

export const REPORT_FORMAT_VERSION = 1;

/** The incident-response phases, in order, with their headings (NIST SP 800-61 / SANS PICERL). */
export const PHASES: readonly { section: ReportSectionName; title: string }[] = [
  { section: 'preparation', title: 'Preparation' },
  { section: 'identification', title: 'Identification' },
  { section: 'containment', title: 'Containment' },
  { section: 'investigation', title: 'Investigation' },
  { section: 'eradication', title: 'Eradication' },
  { section: 'recovery', title: 'Recovery' },
  { section: 'follow-up', title: 'Follow-up' },
];

/** An analyst-written text (null text: not written yet). Times ISO 8601 UTC. */
export interface ReportText {
  text: string | null;
  author: string | null;
  updatedAt: string | null;
}

export interface CustodyEntry {
  id: number;
  path: string;
  sha256: string;
  bytes: number;
  format: string | null;
  status: string;
  records: number;
  inserted: number;
  importedAt: string;
  importedBy: string | null;
}

export interface TimelineEntry {
  id: number;
  time: string;
  source: string;
  /** The source's own record id (CloudTrail eventID), when it has one. */
  eventId: string | null;
  message: string;
  actor: string | null;
  target: string | null;
  outcome: string | null;
  tags: string[];
  notes: { author: string; at: string; text: string }[];
  /** The row's non-empty fields in descriptor order (long values cut). */
  fields: { name: string; label: string; value: string }[];
}

export interface ReviewEntry {
  id: number;
  kind: ReviewKind;
  text: string;
  owner: string | null;
  due: string | null;
  status: ReviewStatus | null;
  /** The linked timeline row and its source's id. */
  eventRowId: number | null;
  author: string;
}

export interface SuggestedGap {
  kind: 'logging-tampered' | 'source-missing' | 'time-to-detect';
  text: string;
  eventRowIds: number[];
}

export interface FlowFindings {
  available: boolean;
  note: string;
  /** Conversations whose verdict is not `ok`. */
  pairs: { eni: string; client: string; server: string; serverPort: number; protocol: number; verdict: string; records: number; bytes: number; first: string; last: string; explanation: string }[];
  scans: { source: string; kind: string; targets: string[]; distinctPorts: number; accepted: number; rejected: number; first: string; last: string }[];
}

export interface BlastFindings {
  seed: string;
  adminEquivalent: boolean;
  iamSnapshot: boolean;
  principals: string[];
  notes: string[];
  nodes: { id: string; kind: string; label: string; potential: boolean; observed: boolean }[];
  edges: { from: string; to: string; kind: string; potential: boolean; observed: boolean; actions: string[] }[];
}

export interface ReportModel {
  format: 'cairn-report';
  version: typeof REPORT_FORMAT_VERSION;
  /** The one clock reading in the report (ISO 8601 UTC). */
  generatedAt: string;
  case: {
    caseId: string;
    schemaVersion: number;
    /** SHA-256 of the case file's bytes at generation (see `sha256Basis`). */
    sha256: string | null;
    /** `file`: the main file after a WAL checkpoint; `file+wal`: main file then WAL bytes (a reader held the WAL). */
    sha256Basis: 'file' | 'file+wal' | 'unavailable';
    auditHead: string | null;
    auditEntries: number;
    auditChainIntact: boolean;
  };
  summary: ReportText;
  scope: {
    accounts: string[];
    regions: string[];
    timeRange: { from: string; to: string } | null;
    sources: { source: string; label: string; rows: number }[];
  };
  custody: CustodyEntry[];
  timeline: TimelineEntry[];
  findings: {
    detections: { available: false; note: string };
    flows: FlowFindings;
    identity: { available: boolean; note: string; blast: BlastFindings[] };
  };
  phases: ({ section: ReportSectionName; title: string } & ReportText)[];
  review: {
    whatHappened: ReportText & { drafted: boolean };
    wentWell: ReviewEntry[];
    wentBadly: ReviewEntry[];
    gaps: ReviewEntry[];
    suggestedGaps: SuggestedGap[];
    /** First starred event → first event tagged `containment` (ms), or null. */
    timeToDetectMs: number | null;
    actions: ReviewEntry[];
  };
  containment: ContainmentPlan;
}

/** The flows and identity analyses the report uses; missing ones make their sections say "not available". */
export interface ReportAnalyses {
  flowPairs?: ((db: ReadonlyDb) => Conversation[]) | undefined;
  flowScans?: ((db: ReadonlyDb) => Scan[]) | undefined;
  blastRadius?: ((db: ReadonlyDb, seed: string) => Promise<BlastReport>) | undefined;
}

export interface ReportOptions {
  /** ms UTC. */
  generatedAt: number;
  caseHash: { sha256: string | null; basis: ReportModel['case']['sha256Basis'] };
  analyses?: ReportAnalyses | undefined;
  /** Blast-radius seeds; default: the access keys of starred events. */
  blastSeeds?: readonly string[] | undefined;
  /** Containment options and extra targets the analyst named. */
  containment?: Partial<Pick<ContainmentInput, 'managementCidr' | 'managementPort' | 'breakGlassRole' | 'volumes' | 'instances' | 'buckets' | 'kmsKeys' | 'enis' | 'vpcs' | 'principals'>> | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const MAX_FIELD_CHARS = 2000;
/** The tag that marks the first containment action (time to detect ends there). */
export const CONTAINMENT_TAG = 'containment';

function fieldText(value: FieldValue | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  return String(value);
}

function timelineEntry(db: ReadonlyDb, row: StoredTimelineRow): TimelineEntry {
  const record = toEventRecord(row, SOURCES);
  const descriptor = SOURCES.get(row.source);
  const fields: TimelineEntry['fields'] = [];
  for (const field of descriptor?.fields ?? []) {
    const value = fieldText(row.fields[field.name]);
    if (value === null || field.name === 'eventId') continue; // the event id is shown on its own
    fields.push({
      name: field.name,
      label: field.label ?? field.name,
      value: value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}… (${value.length} characters)` : value,
    });
  }
  const annotation = getAnnotation(db, row.id);
  return {
    id: row.id,
    time: iso(row.time),
    source: row.source,
    eventId: fieldText(row.fields.eventId),
    message: record.message,
    actor: record.actor,
    target: record.target,
    outcome: record.outcome,
    tags: [...annotation.tags].sort(compare),
    notes: annotation.notes.map((note) => ({ author: note.author, at: iso(note.at), text: note.text })),
    fields,
  };
}

function rowsMatching(db: ReadonlyDb, query: string, limit?: number): StoredTimelineRow[] {
  let filter;
  try {
    filter = filterFor(db, { query });
  } catch {
    return []; // a field no present source has: nothing matches
  }
  return [...iterateTimeline(db, SOURCES, filter, { withRaw: false, ...(limit !== undefined ? { limit } : {}) })];
}

function reviewEntry(item: ReturnType<typeof listReviewItems>[number]): ReviewEntry {
  return {
    id: item.id,
    kind: item.kind,
    text: item.text,
    owner: item.owner,
    due: item.dueAt === null ? null : iso(item.dueAt),
    status: item.status,
    eventRowId: item.eventId,
    author: item.author,
  };
}

function scope(db: ReadonlyDb): ReportModel['scope'] {
  const accounts = new Set<string>();
  const regions = new Set<string>();
  const present = presentSources(db);
  for (const { source } of present) {
    const descriptor = SOURCES.get(source);
    if (!descriptor) continue;
    for (const field of descriptor.fields) {
      if (field.type !== 'text') continue;
      if (/accountid$/i.test(field.name)) for (const value of distinctColumnValues(db, descriptor.table, field.column)) accounts.add(value);
      if (/region$/i.test(field.name)) for (const value of distinctColumnValues(db, descriptor.table, field.column)) regions.add(value);
    }
  }
  const range = timelineRange(db);
  return {
    accounts: [...accounts].sort(compare),
    regions: [...regions].sort(compare),
    timeRange: range ? { from: iso(range.min), to: iso(range.max) } : null,
    sources: present
      .map(({ source, rows }) => ({ source, label: SOURCES.get(source)?.label ?? source, rows }))
      .sort((a, b) => compare(a.source, b.source)),
  };
}

const LOGGING_TAMPER_QUERY = 'eventName:StopLogging OR eventName:DeleteTrail OR eventName:PutEventSelectors OR eventName:UpdateTrail';

function suggestedGaps(db: ReadonlyDb, sources: readonly string[], timeline: readonly TimelineEntry[]): { gaps: SuggestedGap[]; timeToDetectMs: number | null } {
  const gaps: SuggestedGap[] = [];
  const tamper = sources.includes('cloudtrail') ? rowsMatching(db, LOGGING_TAMPER_QUERY, 1000) : [];
  if (tamper.length > 0) {
    const names = [...new Set(tamper.map((row) => fieldText(row.fields.eventName) ?? '?'))].sort(compare);
    gaps.push({
      kind: 'logging-tampered',
      text: `CloudTrail logging was tampered with (${names.join(', ')}; ${tamper.length} event${tamper.length === 1 ? '' : 's'}): alert on these calls and protect trails with an SCP`,
      eventRowIds: tamper.map((row) => row.id).sort((a, b) => a - b),
    });
  }
  if (!sources.includes('cloudtrail')) gaps.push({ kind: 'source-missing', text: 'No CloudTrail in the case: API activity cannot be reconstructed', eventRowIds: [] });
  if (!sources.includes('vpcflow')) gaps.push({ kind: 'source-missing', text: 'No VPC flow logs in the case: network activity cannot be confirmed', eventRowIds: [] });
  if (!sources.includes('route53resolver') && !sources.includes('route53')) {
    gaps.push({ kind: 'source-missing', text: 'No DNS logs (Route 53 Resolver or public query logs) in the case: name lookups cannot be traced', eventRowIds: [] });
  }
  let timeToDetectMs: number | null = null;
  const first = timeline[0];
  const contained = rowsMatching(db, `tag:${CONTAINMENT_TAG}`, 1)[0];
  if (first && contained) {
    timeToDetectMs = contained.time - Date.parse(first.time);
    gaps.push({
      kind: 'time-to-detect',
      text: `Time from the first starred event (${first.time}) to the first containment-tagged event (${iso(contained.time)}): ${formatDuration(timeToDetectMs)}`,
      eventRowIds: [first.id, contained.id],
    });
  }
  return { gaps, timeToDetectMs };
}

/** A duration as `1d 2h 3m 4s` (largest units first, zero units left out). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let seconds = Math.round(Math.abs(ms) / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`);
      seconds %= size;
    }
  }
  if (seconds > 0 || parts.length === 0) parts.push(`${seconds}s`);
  return sign + parts.join(' ');
}

function draftWhatHappened(timeline: readonly TimelineEntry[]): string | null {
  if (timeline.length === 0) return null;
  const lines = timeline.map((entry) => {
    const who = entry.actor ? ` by ${entry.actor}` : '';
    const outcome = entry.outcome && entry.outcome !== 'success' ? ` (${entry.outcome})` : '';
    const note = entry.notes[0] ? ` — ${entry.notes[0].text}` : '';
    return `${entry.time}: ${entry.message}${who}${outcome}${note}`;
  });
  return `Drafted from the ${timeline.length} starred event${timeline.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}

function flowFindings(db: ReadonlyDb, analyses: ReportAnalyses, sources: readonly string[]): FlowFindings {
  if (!analyses.flowPairs || !analyses.flowScans) return { available: false, note: 'not available in this case: the flow analyses are not built into this Cairn', pairs: [], scans: [] };
  if (!sources.includes('vpcflow')) return { available: false, note: 'not available in this case: no VPC flow logs', pairs: [], scans: [] };
  const pairs = analyses
    .flowPairs(db)
    .filter((conv) => conv.verdict !== 'ok')
    .map((conv) => ({
      eni: conv.eni,
      client: conv.client,
      server: conv.server,
      serverPort: conv.serverPort,
      protocol: conv.protocol,
      verdict: conv.verdict,
      records: conv.records,
      bytes: conv.bytes,
      first: iso(conv.first),
      last: iso(conv.last),
      explanation: conv.explanation.text,
    }))
    .sort((a, b) => compare(a.first, b.first) || compare(a.eni, b.eni) || compare(a.client, b.client) || compare(a.server, b.server) || a.serverPort - b.serverPort || a.protocol - b.protocol);
  const scans = analyses
    .flowScans(db)
    .map((scan) => ({
      source: scan.source,
      kind: scan.kind,
      targets: [...scan.targets].sort(compare),
      distinctPorts: scan.distinctPorts,
      accepted: scan.accepted,
      rejected: scan.rejected,
      first: iso(scan.first),
      last: iso(scan.last),
    }))
    .sort((a, b) => compare(a.first, b.first) || compare(a.source, b.source) || compare(a.kind, b.kind));
  return { available: true, note: `${pairs.length} conversation${pairs.length === 1 ? '' : 's'} not ok; ${scans.length} scan${scans.length === 1 ? '' : 's'}`, pairs, scans };
}

function blastFindings(report: BlastReport): BlastFindings {
  const { graph } = report;
  return {
    seed: graph.seed,
    adminEquivalent: graph.adminEquivalent,
    iamSnapshot: report.iamSnapshot,
    principals: [...report.principals].sort(compare),
    notes: [...report.notes],
    nodes: graph.nodes.map((n) => ({ ...n })).sort((a, b) => compare(a.kind, b.kind) || compare(a.id, b.id)),
    edges: graph.edges
      .map((e) => ({ from: e.from, to: e.to, kind: e.kind, potential: e.potential, observed: e.observed, actions: [...e.actions].sort(compare) }))
      .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind)),
  };
}

/** The role ARN behind an assumed-role session ARN; other ARNs unchanged. */
export function principalOf(arn: string): string {
  const match = /^arn:(aws(?:-[a-z]+)*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[^/]+$/.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : arn;
}

function bucketsOf(row: StoredTimelineRow): string[] {
  const out: string[] = [];
  const resources = row.fields.resources;
  if (Array.isArray(resources)) {
    for (const arn of resources) {
      const match = /^arn:aws(?:-[a-z]+)*:s3:::([^/]+)/.exec(arn);
      if (match?.[1]) out.push(match[1]);
    }
  }
  const params = row.fields.requestParameters;
  if (typeof params === 'string') {
    try {
      const bucket = (JSON.parse(params) as { bucketName?: unknown } | null)?.bucketName;
      if (typeof bucket === 'string') out.push(bucket);
    } catch {
      // not JSON: no bucket
    }
  }
  return out;
}

/** Security groups a CloudTrail call named (`groupId` in its request parameters). */
function groupsOf(row: StoredTimelineRow): string[] {
  const params = row.fields.requestParameters;
  if (typeof params !== 'string') return [];
  try {
    const group = (JSON.parse(params) as { groupId?: unknown } | null)?.groupId;
    return typeof group === 'string' ? [group] : [];
  } catch {
    return [];
  }
}

/** What to contain, from the starred events (plus what the analyst named). */
function containmentInput(starred: readonly StoredTimelineRow[], options: ReportOptions): ContainmentInput {
  const extra = options.containment ?? {};
  const principals: string[] = [...(extra.principals ?? [])];
  const rootPrincipals: string[] = [];
  const accessKeys: ContainmentInput['accessKeys'][number][] = [];
  const enis: string[] = [...(extra.enis ?? [])];
  const vpcs: string[] = [...(extra.vpcs ?? [])];
  const buckets: string[] = [...(extra.buckets ?? [])];
  const kmsKeys: string[] = [...(extra.kmsKeys ?? [])];
  const instances: string[] = [...(extra.instances ?? [])];
  const securityGroups: string[] = [];
  for (const row of starred) {
    const f = row.fields;
    const text = (name: string) => fieldText(f[name]);
    if (row.source === 'cloudtrail') {
      const arn = text('principalArn');
      if (arn && text('principalType') === 'Root') rootPrincipals.push(arn);
      else if (arn && text('principalType') !== 'AWSService') principals.push(principalOf(arn));
      const key = text('accessKeyId');
      if (key) accessKeys.push({ accessKeyId: key, userName: text('principalType') === 'IAMUser' ? text('userName') : null });
      buckets.push(...bucketsOf(row));
      securityGroups.push(...groupsOf(row));
      for (const resource of Array.isArray(f.resources) ? f.resources : []) if (/^arn:aws(?:-[a-z]+)*:kms:/.test(resource)) kmsKeys.push(resource);
      const user = text('userName');
      if (user && ID_PATTERNS.instance.test(user)) instances.push(user); // EC2 role sessions are named after the instance
    } else if (row.source === 'vpcflow') {
      const eni = text('eni');
      if (eni) enis.push(eni);
      const vpc = text('vpcId');
      if (vpc) vpcs.push(vpc);
      const instance = text('instanceId');
      if (instance) instances.push(instance);
    }
  }
  return {
    principals,
    rootPrincipals,
    accessKeys,
    enis,
    securityGroups,
    vpcs,
    buckets,
    kmsKeys,
    instances,
    volumes: [...(extra.volumes ?? [])],
    managementCidr: extra.managementCidr ?? null,
    managementPort: extra.managementPort ?? 22,
    breakGlassRole: extra.breakGlassRole ?? null,
    revokeBefore: iso(options.generatedAt),
  };
}

function reportText(stored: { text: string; author: string; updatedAt: number } | undefined): ReportText {
  return stored ? { text: stored.text, author: stored.author, updatedAt: iso(stored.updatedAt) } : { text: null, author: null, updatedAt: null };
}

/** Builds the report model of a case (read-only). */
export async function buildReportModel(db: ReadonlyDb, options: ReportOptions): Promise<ReportModel> {
  const analyses = options.analyses ?? {};
  const meta = caseMeta(db);
  const sections = new Map(listReportSections(db).map((section) => [section.section, section]));
  const caseScope = scope(db);
  const sources = caseScope.sources.map((entry) => entry.source);
  const starredRows = rowsMatching(db, 'starred:true');
  const timeline = starredRows.map((row) => timelineEntry(db, row));
  const items = listReviewItems(db).map(reviewEntry);
  const { gaps, timeToDetectMs } = suggestedGaps(db, sources, timeline);

  const written = sections.get('what-happened');
  const draft = written ? null : draftWhatHappened(timeline);
  const whatHappened = written ? { ...reportText(written), drafted: false } : { text: draft, author: draft ? 'cairn (draft)' : null, updatedAt: null, drafted: draft !== null };

  const seeds = options.blastSeeds?.length
    ? [...new Set(options.blastSeeds)].sort(compare)
    : [...new Set(starredRows.flatMap((row) => (row.source === 'cloudtrail' ? [fieldText(row.fields.accessKeyId)] : [])).filter((key): key is string => key !== null))].sort(compare);
  const blast: BlastFindings[] = [];
  let identityNote: string;
  if (!analyses.blastRadius) identityNote = 'not available in this case: the identity analyses are not built into this Cairn';
  else if (!sources.includes('cloudtrail')) identityNote = 'not available in this case: no CloudTrail';
  else if (seeds.length === 0) identityNote = 'no seed: star events with an access key, or give --blast-seed';
  else {
    for (const seed of seeds) blast.push(blastFindings(await analyses.blastRadius(db, seed)));
    identityNote = `blast radius of ${seeds.join(', ')}`;
  }

  const chainProblems = verifyAuditChain(db);
  return {
    format: 'cairn-report',
    version: REPORT_FORMAT_VERSION,
    generatedAt: iso(options.generatedAt),
    case: {
      caseId: meta.get('case_id') ?? '',
      schemaVersion: schemaVersion(db),
      sha256: options.caseHash.sha256,
      sha256Basis: options.caseHash.basis,
      auditHead: auditHead(db),
      auditEntries: listAudit(db, Number.MAX_SAFE_INTEGER).length,
      auditChainIntact: chainProblems.length === 0,
    },
    summary: reportText(sections.get('summary')),
    scope: caseScope,
    custody: listEvidence(db)
      .map((file) => ({
        id: file.id,
        path: file.path,
        sha256: file.sha256,
        bytes: file.bytes,
        format: file.format,
        status: file.status,
        records: file.records,
        inserted: file.inserted,
        importedAt: iso(file.importedAt),
        importedBy: file.importedBy,
      }))
      .sort((a, b) => compare(a.path, b.path) || compare(a.sha256, b.sha256) || a.id - b.id),
    timeline,
    findings: {
      detections: { available: false, note: 'Detections are not built yet: no rule matches are reported.' },
      flows: flowFindings(db, analyses, sources),
      identity: { available: blast.length > 0, note: identityNote, blast },
    },
    phases: PHASES.map((phase) => ({ ...phase, ...reportText(sections.get(phase.section)) })),
    review: {
      whatHappened,
      wentWell: items.filter((item) => item.kind === 'went-well'),
      wentBadly: items.filter((item) => item.kind === 'went-badly'),
      gaps: items.filter((item) => item.kind === 'gap'),
      suggestedGaps: gaps,
      timeToDetectMs,
      actions: items.filter((item) => item.kind === 'action'),
    },
    containment: buildContainment(containmentInput(starredRows, options)),
  };
}

/**
 * SHA-256 of the case file as it stands. A writable connection first checkpoints the WAL into the
 * main file (TRUNCATE): then the main file alone is the case (basis `file`). When another process
 * keeps the WAL busy (an open `cairn serve`), the checkpoint cannot finish: the hash is then of the
 * main file's bytes followed by the WAL's (basis `file+wal`), which still pins the exact state.
 */
export async function hashCaseFile(path: string): Promise<ReportOptions['caseHash']> {
  if (path === ':memory:' || !existsSync(path)) return { sha256: null, basis: 'unavailable' };
  const wal = `${path}-wal`;
  const walSize = () => statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
  if (walSize() > 0) {
    try {
      const db = openCase(path);
      try {
        checkpointFully(db);
      } finally {
        db.close();
      }
    } catch {
      // A read-only medium or a lock: hash the file and its WAL as they are.
    }
  }
  // Streamed: a case file can be gigabytes.
  const hash = createHash('sha256');
  const feed = async (file: string) => {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  };
  await feed(path);
  if (walSize() === 0) return { sha256: hash.digest('hex'), basis: 'file' };
  await feed(wal);
  return { sha256: hash.digest('hex'), basis: 'file+wal' };
}
