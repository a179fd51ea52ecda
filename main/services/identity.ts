import type { FieldValue } from '../core/source-descriptor.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { iterateSourceRows } from '../store/queries/source-rows.js';
import { latestResourceStates } from '../store/queries/resource-states.js';
import { SOURCES } from '../ingest/sources/index.js';
import {
  parseAuthorizationDetails,
  parseConfigIamItems,
  parseCredentialReport,
  parseOrganizationsPolicy,
  parseResourcePolicy,
  type ResourcePolicyFormat,
} from '../ingest/sources/iam/index.js';
import {
  buildPotentialGraph,
  emptySnapshot,
  evaluate,
  loadActionCatalogue,
  mergeBlastGraphs,
  mergeSnapshots,
  whoCan,
  type ActionCatalogue,
  type BlastGraph,
  type Decision,
  type IamSnapshot,
  type RequestContext,
} from '../analysis/iam/index.js';
import { collectResources } from '../analysis/iam/potential-graph.js';
import { parseArn } from '../analysis/iam/arn.js';
import { buildLineage, type Lineage } from '../analysis/lineage/lineage.js';
import { buildObservedGraph } from '../analysis/lineage/observed-graph.js';
import type { TrailEvent } from '../analysis/lineage/trail-event.js';

/**
 * Identity analyses over a case: the IAM snapshot from the newest IAM resource states, policy
 * questions against it, and the blast radius of a credential (observed from CloudTrail lineage,
 * potential from the snapshot).
 */

/** Resource-state kinds that hold IAM configuration (ingest's IAM_SNAPSHOT_FORMATS ids). */
export const IAM_SNAPSHOT_KINDS = [
  'iam-authorization-details',
  'iam-credential-report',
  's3-bucket-policy',
  'kms-key-policy',
  'lambda-policy',
  'sns-sqs-policy',
  'secretsmanager-policy',
  'organizations-policy',
  'config-iam-items',
] as const;

const RESOURCE_POLICY_KINDS: ReadonlySet<string> = new Set<ResourcePolicyFormat>([
  's3-bucket-policy',
  'kms-key-policy',
  'lambda-policy',
  'sns-sqs-policy',
  'secretsmanager-policy',
]);

function parseIamState(kind: string, document: unknown): IamSnapshot {
  if (kind === 'iam-authorization-details') return parseAuthorizationDetails(document);
  if (kind === 'iam-credential-report') {
    const csv = (document as { csv?: unknown }).csv;
    return { ...emptySnapshot(), credentialReport: parseCredentialReport(typeof csv === 'string' ? csv : '') };
  }
  if (RESOURCE_POLICY_KINDS.has(kind)) return parseResourcePolicy(kind as ResourcePolicyFormat, document);
  if (kind === 'organizations-policy') return parseOrganizationsPolicy(document);
  if (kind === 'config-iam-items') return parseConfigIamItems(document);
  return emptySnapshot();
}

/** The case's IAM snapshot (newest state of every IAM document, merged oldest first); null when there is none. */
export function caseIamSnapshot(db: ReadonlyDb): { snapshot: IamSnapshot | null; notes: string[] } {
  const states = latestResourceStates(db, IAM_SNAPSHOT_KINDS);
  if (states.length === 0) return { snapshot: null, notes: [] };
  const parts: IamSnapshot[] = [];
  const notes: string[] = [];
  for (const state of [...states].sort((a, b) => a.capturedAt - b.capturedAt || a.fileId - b.fileId)) {
    try {
      parts.push(parseIamState(state.kind, JSON.parse(state.document) as unknown));
    } catch (error) {
      notes.push(`${state.kind} ${state.resourceId}: unreadable (${(error as Error).message})`);
    }
  }
  if (parts.length === 0) return { snapshot: null, notes };
  return { snapshot: mergeSnapshots(...parts), notes };
}

const text = (value: FieldValue | undefined): string | null => (typeof value === 'string' ? value : null);

/** The case's CloudTrail events in time order, as the lineage analyses read them. */
export function caseTrailEvents(db: ReadonlyDb): TrailEvent[] {
  const descriptor = SOURCES.get('cloudtrail');
  if (!descriptor) return [];
  const events: TrailEvent[] = [];
  for (const row of iterateSourceRows(db, descriptor)) {
    const f = row.fields;
    events.push({
      id: row.id,
      time: row.time,
      eventId: text(f.eventId),
      eventName: text(f.eventName),
      eventSource: text(f.eventSource),
      region: text(f.region),
      accountId: text(f.accountId),
      principalArn: text(f.principalArn),
      principalType: text(f.principalType),
      userName: text(f.userName),
      accessKeyId: text(f.accessKeyId),
      sessionIssuerArn: text(f.sessionIssuerArn),
      sourceIp: text(f.sourceIp),
      userAgent: text(f.userAgent),
      errorCode: text(f.errorCode),
      resources: Array.isArray(f.resources) ? f.resources : [],
      requestParameters: text(f.requestParameters),
      responseElements: text(f.responseElements),
    });
  }
  return events;
}

/** One policy question. */
export interface CanRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: RequestContext | undefined;
  /** Keys missing from `context` are absent from the request (else they make the answer conditional). */
  readonly contextComplete?: boolean | undefined;
}

/** The engine's decision in the CLI's key order: decision, explicitDeny, reasons, then the details. */
export interface CanAnswer {
  decision: Decision['decision'];
  explicitDeny: boolean;
  reasons: { policy: string; statement: string; effect: 'Allow' | 'Deny' }[];
  conditions: string[];
  missingPolicies: string[];
}

export function answerOf(decision: Decision): CanAnswer {
  return {
    decision: decision.decision,
    explicitDeny: decision.explicitDeny,
    reasons: decision.reasons.map((reason) => ({ policy: reason.policy, statement: reason.statement, effect: reason.effect })),
    conditions: [...decision.conditions],
    missingPolicies: [...decision.missingPolicies],
  };
}

/** Whether the principal may perform the action on the resource. */
export function canPerform(snapshot: IamSnapshot, request: CanRequest): CanAnswer {
  return answerOf(
    evaluate(snapshot, {
      principal: request.principal,
      action: request.action,
      resource: request.resource,
      ...(request.context !== undefined ? { context: request.context } : {}),
      ...(request.contextComplete !== undefined ? { contextComplete: request.contextComplete } : {}),
    }),
  );
}

/** Users and roles of the snapshot allowed (or conditionally allowed) the action on the resource. */
export function whoCanPerform(
  snapshot: IamSnapshot,
  request: Omit<CanRequest, 'principal'>,
): ({ principal: string } & CanAnswer)[] {
  return whoCan(snapshot, {
    action: request.action,
    resource: request.resource,
    ...(request.context !== undefined ? { context: request.context } : {}),
    ...(request.contextComplete !== undefined ? { contextComplete: request.contextComplete } : {}),
  }).map((entry) => ({ principal: entry.principal, ...answerOf(entry.decision) }));
}

/** The blast radius in the CLI's shape: exactly these keys. */
export interface BlastResult {
  seed: string;
  adminEquivalent: boolean;
  nodes: { id: string; kind: string; label: string; potential: boolean; observed: boolean }[];
  edges: { from: string; to: string; kind: string; potential: boolean; observed: boolean; actions: string[]; eventIds: string[] }[];
}

export interface BlastReport {
  graph: BlastResult;
  /** False when the case has no IAM snapshot (the graph is observed only). */
  iamSnapshot: boolean;
  /** True when a potential graph was built (an IAM snapshot and a principal for the seed). */
  potential: boolean;
  /** The principals the potential graph started from. */
  principals: string[];
  notes: string[];
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/**
 * The principals whose policies bound what the seed could do: the seed itself when it is an ARN;
 * for an access key, the identity it acts as (lineage, i.e. CloudTrail userIdentity); for an
 * instance, its profile's role; for an address, the identities that called from it.
 */
export function seedPrincipals(seed: string, events: readonly TrailEvent[], lineage: Lineage): string[] {
  if (seed.startsWith('arn:')) return [seed];
  const out = new Set<string>();
  const node = lineage.node(seed);
  if (node !== undefined) {
    const principal = node.principal ?? node.role;
    if (principal !== null) out.add(principal);
    return [...out];
  }
  if (INSTANCE_ID.test(seed)) {
    for (const candidate of lineage.nodes) if (candidate.instanceId === seed && candidate.role !== null) out.add(candidate.role);
    return [...out];
  }
  for (const event of events) {
    if (event.sourceIp !== seed) continue;
    const credential = lineage.credentialOf(event);
    const principal = (credential === null ? undefined : lineage.node(credential)?.principal) ?? event.principalArn;
    if (principal) out.add(principal);
  }
  return [...out];
}

/** Services whose actions the potential graph tests on the snapshot's resources. */
function catalogueServices(snapshot: IamSnapshot): string[] {
  const services = new Set<string>();
  for (const arn of collectResources(snapshot).keys()) {
    const service = parseArn(arn)?.service;
    if (service) services.add(service);
  }
  return [...services].sort();
}

function shape(graph: BlastGraph, seed: string): BlastResult {
  return {
    seed,
    adminEquivalent: graph.adminEquivalent,
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, potential: n.potential, observed: n.observed })),
    edges: graph.edges.map((e) => ({
      from: e.from,
      to: e.to,
      kind: e.kind,
      potential: e.potential,
      observed: e.observed,
      actions: [...e.actions],
      eventIds: [...e.eventIds],
    })),
  };
}

/**
 * The blast radius of a seed (access key id, principal ARN, instance id or IP): what its credentials
 * and everything they minted did (observed), merged with what the IAM snapshot lets the seed's
 * principals reach (potential). Without an IAM snapshot: observed only, adminEquivalent false.
 */
export async function blastRadius(
  db: ReadonlyDb,
  seed: string,
  options: { catalogue?: ActionCatalogue | null } = {},
): Promise<BlastReport> {
  const events = caseTrailEvents(db);
  const lineage = buildLineage(events);
  const observed = buildObservedGraph(seed, events, lineage);
  const { snapshot, notes } = caseIamSnapshot(db);
  if (snapshot === null) return { graph: shape(observed, seed), iamSnapshot: false, potential: false, principals: [], notes };
  const principals = seedPrincipals(seed, events, lineage);
  let catalogue: ActionCatalogue | undefined;
  if (options.catalogue === undefined) {
    const services = catalogueServices(snapshot);
    try {
      catalogue = services.length > 0 ? await loadActionCatalogue(services) : undefined;
    } catch (error) {
      notes.push(`AWS action catalogue unavailable (${(error as Error).message}): testing a sample of actions`);
    }
  } else catalogue = options.catalogue ?? undefined;
  let merged: BlastGraph = observed;
  for (const principal of principals) {
    const potential = buildPotentialGraph(snapshot, principal, catalogue ? { catalogue } : {});
    merged = mergeBlastGraphs(potential, merged);
  }
  if (principals.length === 0) notes.push(`no principal found for ${seed} in the case's CloudTrail: potential graph not built`);
  return { graph: shape(merged, seed), iamSnapshot: true, potential: principals.length > 0, principals, notes };
}
