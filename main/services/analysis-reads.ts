import type { ApiResults, ApiValidRequest } from '../../preload/contract/api.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { iterateSourceRows } from '../store/queries/source-rows.js';
import { buildProfile } from '../analysis/profile/profile.js';
import { buildLineage } from '../analysis/lineage/lineage.js';
import type { TrailEvent } from '../analysis/lineage/trail-event.js';
import { protocolNumber } from '../ingest/sources/vpcflow/protocol.js';
import { SOURCES } from '../ingest/sources/index.js';
import { explainCaseFlow, flowPairs, flowScans, flowTalkers } from './flows.js';
import { blastRadius, caseTrailEvents } from './identity.js';
import { filterFor } from './read-queries.js';
import { ApiFailure } from './api-failure.js';
import { reportModelFor } from './report.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { listReportSections } from '../store/queries/report-sections.js';
import { listReviewItems } from '../store/queries/review-items.js';

/**
 * The analysis channels (flows, identity) as read operations: they run in the query workers like
 * the timeline's reads, so a long pairing never blocks the window.
 */

export function readFlowPairs(db: ReadonlyDb, request: ApiValidRequest<'flowPairs'>): ApiResults['flowPairs'] {
  return flowPairs(db, request);
}

export function readFlowScans(db: ReadonlyDb, request: ApiValidRequest<'flowScans'>): ApiResults['flowScans'] {
  return flowScans(db, request);
}

export function readFlowTalkers(db: ReadonlyDb, request: ApiValidRequest<'flowTalkers'>): ApiResults['flowTalkers'] {
  return flowTalkers(db, request);
}

export function readFlowExplanation(db: ReadonlyDb, request: ApiValidRequest<'explainFlow'>): ApiResults['explainFlow'] {
  const protocol = protocolNumber(request.protocol);
  if (protocol === null) throw new ApiFailure('invalid-request', `unknown protocol ${request.protocol}`);
  const { explanation, snapshot } = explainCaseFlow(db, { ...request, protocol });
  return { ...(explanation as Omit<ApiResults['explainFlow'], 'snapshot'>), snapshot };
}

export async function readBlastRadius(db: ReadonlyDb, request: ApiValidRequest<'blastRadius'>): Promise<ApiResults['blastRadius']> {
  const report = await blastRadius(db, request.seed);
  return { ...report.graph, notes: report.notes };
}

/** The query that selects an entity's CloudTrail events. */
function entityQuery(kind: ApiValidRequest<'entityProfile'>['kind'], id: string): string {
  const quoted = `"${id.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  switch (kind) {
    case 'principal':
      return `principalArn:${quoted} OR sessionIssuerArn:${quoted}`;
    case 'accessKey':
      return `accessKeyId:${quoted}`;
    case 'ip':
      return `sourceIp:${quoted}`;
    case 'resource':
      return `resources:${quoted} OR requestParameters:${quoted}`;
    case 'instance':
      return `principalArn:*${id.replaceAll(/[^A-Za-z0-9-]/g, '')} OR requestParameters:${quoted} OR responseElements:${quoted}`;
  }
}

export function readEntityProfile(db: ReadonlyDb, request: ApiValidRequest<'entityProfile'>): ApiResults['entityProfile'] {
  const cloudtrail = SOURCES.require('cloudtrail');
  const filter = filterFor(db, { query: entityQuery(request.kind, request.id) }, { perSource: true });
  const part = filter.parts.find((candidate) => candidate.source === 'cloudtrail');
  const events: TrailEvent[] = [];
  if (part) {
    for (const row of iterateSourceRows(db, cloudtrail, part)) events.push({ id: row.id, time: row.time, ...row.fields } as unknown as TrailEvent);
  }
  const from = request.from ?? events[0]?.time ?? 0;
  const to = request.to ?? events[events.length - 1]?.time ?? 0;
  return buildProfile(request.kind, request.id, events, { from, to }) as ApiResults['entityProfile'];
}

export function readLineage(db: ReadonlyDb, request: ApiValidRequest<'lineage'>): ApiResults['lineage'] {
  const lineage = buildLineage(caseTrailEvents(db));
  const chain = lineage.chainOf(request.key);
  const members = new Set(chain.map((step) => step.node.id));
  const created = lineage.links
    .filter((link) => members.has(link.from) && link.kind.startsWith('created'))
    .map((link) => ({ from: link.from, to: link.to, kind: link.kind, eventId: link.eventId, time: link.time }));
  return {
    key: request.key,
    root: lineage.rootOf(request.key),
    chain: chain.map((step) => ({
      node: step.node.id,
      kind: step.node.kind,
      principal: step.node.principal,
      via: step.via ? { kind: step.via.kind, eventId: step.via.eventId, eventRowId: step.via.eventRowId, time: step.via.time } : null,
    })),
    created,
  };
}

/** The live preview: the report exactly as `cairn report` builds it (now as its timestamp). */
export async function readReportPreview(db: ReadonlyDb): Promise<ApiResults['reportPreview']> {
  const model = await reportModelFor(db, db.name, { generatedAt: Date.now() });
  return { html: renderHtml(model), markdown: renderMarkdown(model) };
}

export function readReportSections(db: ReadonlyDb): ApiResults['reportSections'] {
  return listReportSections(db);
}

export function readReviewItems(db: ReadonlyDb): ApiResults['reviewItems'] {
  return listReviewItems(db);
}
