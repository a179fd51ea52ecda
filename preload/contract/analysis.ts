/**
 * Result types of the analysis channels (flows, identity). They mirror the CLI's `--json` shapes
 * (`cairn flows`, `cairn blast`): times are milliseconds since the epoch, UTC.
 */

/** Which rule decided a flow: a NACL entry, a security group (or the lack of one), or nothing known. */
export interface RuleExplanation {
  layer: 'nacl' | 'sg' | 'none' | 'unknown';
  naclId: string | null;
  ruleNumber: number | null;
  direction: 'ingress' | 'egress' | null;
  groupIds: string[];
  text: string;
}

/** A request and its reply on one ENI, with the verdict and the rule that explains it. */
export interface FlowConversation {
  eni: string;
  client: string;
  server: string;
  serverPort: number;
  /** IANA protocol number (6 tcp, 17 udp, 1 icmp). */
  protocol: number;
  forward: 'ACCEPT' | 'REJECT' | null;
  reverse: 'ACCEPT' | 'REJECT' | null;
  verdict: 'ok' | 'return-blocked' | 'inbound-blocked' | 'outbound-blocked' | 'one-way';
  records: number;
  bytes: number;
  first: number;
  last: number;
  explanation: RuleExplanation;
}

/** One source probing many ports of a target (vertical) or one port of many targets (horizontal). */
export interface FlowScan {
  source: string;
  kind: 'vertical' | 'horizontal';
  targets: string[];
  distinctPorts: number;
  accepted: number;
  rejected: number;
  first: number;
  last: number;
}

/** A remote address by traffic volume, with the DNS names the case's resolver logs gave it. */
export interface FlowTalker {
  address: string;
  direction: 'egress' | 'ingress';
  bytes: number;
  packets: number;
  records: number;
  ports: number[];
  names: string[];
  enis: string[];
  first: number;
  last: number;
}

/** Whether a (hypothetical) flow passes the NACLs and security groups of the case's newest network snapshot. */
export interface FlowExplanationResult {
  allowed: boolean;
  ingress: RuleExplanation & { allowed?: boolean | null };
  egress: RuleExplanation & { allowed?: boolean | null };
  text: string;
  /** False when the case holds no network snapshot (the answer is then inferred, not evaluated). */
  snapshot: boolean;
}

/** The blast radius of a seed: what it could reach (potential) and what it did touch (observed). */
export interface BlastGraphResult {
  seed: string;
  adminEquivalent: boolean;
  nodes: { id: string; kind: string; label: string; potential: boolean; observed: boolean }[];
  edges: {
    from: string;
    to: string;
    kind: string;
    potential: boolean;
    observed: boolean;
    actions: string[];
    eventIds: string[];
  }[];
  /** What the graph could not include, and why (no IAM snapshot, no principal for the seed, …). */
  notes: string[];
}

/** Values with how often they occur. */
export interface ValueCount {
  value: string;
  count: number;
}

/** An entity's activity over a range compared with the time before it (Detective's "scope time"). */
export interface EntityProfileResult {
  kind: 'principal' | 'accessKey' | 'ip' | 'instance' | 'resource';
  id: string;
  firstSeen: number | null;
  lastSeen: number | null;
  total: number;
  errors: number;
  errorRate: number;
  eventNames: ValueCount[];
  regions: ValueCount[];
  userAgents: ValueCount[];
  sourceIps: ValueCount[];
  principals: ValueCount[];
  keys: ValueCount[];
  histogram: { start: number; bucketMs: number; counts: number[] };
  unusual: { newEventNames: string[]; newIps: string[]; newRegions: string[]; newUserAgents: string[] };
}

/** The credential chain of an access key: root first, each link with the CloudTrail event that proves it. */
export interface LineageResult {
  key: string;
  root: string | null;
  chain: { node: string; kind: string; principal: string | null; via: { kind: string; eventId: string | null; eventRowId: number; time: number } | null }[];
  /** Keys, users and login profiles created along the chain (persistence branches). */
  created: { from: string; to: string; kind: string; eventId: string | null; time: number }[];
}
