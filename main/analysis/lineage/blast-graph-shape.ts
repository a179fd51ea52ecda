/**
 * The blast-radius graph shared by the potential (IAM policy) and observed (CloudTrail) analyses.
 * Declared twice on purpose while both are written in parallel; the two declarations are identical.
 */
export interface BlastGraph {
  /** What the graph was built from: an access key id, principal ARN, instance id or IP. */
  seed: string;
  adminEquivalent: boolean;
  wholeAccount: boolean;
  nodes: BlastNode[];
  edges: BlastEdge[];
}

/** A principal, credential, resource or address in a blast graph. */
export interface BlastNode {
  id: string;
  kind: string;
  label: string;
  potential: boolean;
  observed: boolean;
}

/** A directed relation in a blast graph; `eventIds` are CloudTrail eventIDs proving an observed edge. */
export interface BlastEdge {
  from: string;
  to: string;
  kind: string;
  potential: boolean;
  observed: boolean;
  actions: string[];
  eventIds: string[];
}
