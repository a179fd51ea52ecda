/** A node of a blast-radius graph: a principal, a resource, or the whole account. */
export interface BlastNode {
  /** ARN (access keys by key id; the whole account as `account:<id>`). */
  readonly id: string;
  /** `user`, `role`, `session`, `new-user`, `account`, `s3-bucket`, `kms-key`, `lambda-function`, `sns-topic`, `sqs-queue`, `secret`, `resource`… */
  readonly kind: string;
  readonly label: string;
  /** Reachable according to policies. */
  readonly potential: boolean;
  /** Seen used in logs. */
  readonly observed: boolean;
}

/** An edge: `can-assume`, `can-escalate`, `can-access` (potential) or observed kinds from logs. */
export interface BlastEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly potential: boolean;
  readonly observed: boolean;
  /** Permissions used (can-escalate), access levels `read`/`write`/`permissions` (can-access), or API names (observed). */
  readonly actions: readonly string[];
  /** CloudTrail event ids behind observed edges. */
  readonly eventIds: readonly string[];
}

/** What a principal could reach (potential) and/or did reach (observed). */
export interface BlastGraph {
  readonly seed: string;
  /** The seed is admin-equivalent directly or through an escalation path. */
  readonly adminEquivalent: boolean;
  /** Some reached principal can act on `*` for most services: one `account:<id>` node stands for everything. */
  readonly wholeAccount: boolean;
  readonly nodes: readonly BlastNode[];
  readonly edges: readonly BlastEdge[];
}

/**
 * Union of a potential and an observed graph: nodes by id, edges by (from, to, kind); flags are
 * OR-ed, actions and event ids concatenated without duplicates. The seed is the potential graph's.
 */
export function mergeBlastGraphs(potential: BlastGraph, observed: BlastGraph): BlastGraph {
  const nodes = new Map<string, BlastNode>();
  for (const n of [...potential.nodes, ...observed.nodes]) {
    const prior = nodes.get(n.id);
    nodes.set(
      n.id,
      prior
        ? {
            ...prior,
            kind: prior.kind || n.kind,
            label: prior.label || n.label,
            potential: prior.potential || n.potential,
            observed: prior.observed || n.observed,
          }
        : n,
    );
  }
  const edges = new Map<string, BlastEdge>();
  for (const e of [...potential.edges, ...observed.edges]) {
    const key = JSON.stringify([e.from, e.to, e.kind]);
    const prior = edges.get(key);
    edges.set(
      key,
      prior
        ? {
            ...prior,
            potential: prior.potential || e.potential,
            observed: prior.observed || e.observed,
            actions: unique([...prior.actions, ...e.actions]),
            eventIds: unique([...prior.eventIds, ...e.eventIds]),
          }
        : { ...e, actions: unique(e.actions), eventIds: unique(e.eventIds) },
    );
  }
  return {
    seed: potential.seed,
    adminEquivalent: potential.adminEquivalent || observed.adminEquivalent,
    wholeAccount: potential.wholeAccount || observed.wholeAccount,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
