import { parseBodies, stringAt } from './json-fields.js';
import type { TrailEvent } from './trail-event.js';

/** What a lineage node stands for. `principal`: an identity acting without a key id (a created user, an instance, a service, an IdP). */
export type CredentialKind = 'long-term-key' | 'session-key' | 'console-session' | 'principal';

/** How one credential came from another; `created-*` links start a new root (persistence), the others continue a chain. */
export type LinkKind =
  | 'assumed'
  | 'session-token'
  | 'federation'
  | 'saml'
  | 'web-identity'
  | 'sso'
  | 'instance-profile'
  | 'created-key'
  | 'created-user'
  | 'created-login-profile';

/** One credential (or key-less identity) seen in the evidence. Times are ms since the epoch, UTC. */
export interface LineageNode {
  /** Access key id, `console:<principal ARN>`, or for `principal` nodes an ARN, instance id, service or IdP name. */
  id: string;
  kind: CredentialKind;
  /** ARN of the identity the credential acts as, when known. */
  principal: string | null;
  /** For sessions: the role (session issuer) ARN, when known. */
  role: string | null;
  /** For instance-profile sessions: the EC2 instance id. */
  instanceId: string | null;
  /** First time the credential appears (its creation or first use). */
  firstSeen: number;
  lastSeen: number;
  /** Number of events made with this credential. */
  events: number;
  /** A session key used in the evidence whose creating STS call is not in it: it is its own root. */
  orphan: boolean;
}

/** A proven step between two lineage nodes, with the event that proves it. */
export interface LineageLink {
  from: string;
  to: string;
  kind: LinkKind;
  /** Case row id of the proving event. */
  eventRowId: number;
  /** CloudTrail eventID of the proving event. */
  eventId: string | null;
  /** ms since the epoch, UTC. */
  time: number;
}

/** One step of a chain: the node and the link that led to it (null for the root). */
export interface ChainStep {
  node: LineageNode;
  via: LineageLink | null;
}

/** Credential lineage reconstructed from CloudTrail: who minted which credential from which. */
export interface Lineage {
  /** Every credential, in order of first appearance. */
  readonly nodes: readonly LineageNode[];
  /** Every proven link, in event order. */
  readonly links: readonly LineageLink[];
  /** The node with this id. */
  node(id: string): LineageNode | undefined;
  /** The credential an event was made with (its key id, else the principal's console session or principal node). */
  credentialOf(event: TrailEvent): string | null;
  /** The long-term key, console login or key-less identity at the start of the credential's chain; null if unknown. */
  rootOf(credentialId: string): string | null;
  /** rootOf(credentialOf(event)). */
  rootOfEvent(event: TrailEvent): string | null;
  /** The path root → … → credential with the proving links; empty if unknown. */
  chainOf(credentialId: string): ChainStep[];
  /** Access key ids (long-term and session) whose root is `root`, the root itself included when it is a key. */
  keysWithRoot(root: string): string[];
  /** Every node id whose root is `root` (keys, console sessions, principals). */
  credentialsWithRoot(root: string): string[];
  /** Links leaving a node (created-* links included). */
  linksFrom(id: string): readonly LineageLink[];
  /** The link that created or minted this node, if the evidence has it. */
  linkTo(id: string): LineageLink | null;
}

const STS_LINK_KINDS: ReadonlyMap<string, LinkKind> = new Map<string, LinkKind>([
  ['AssumeRole', 'assumed'],
  ['GetSessionToken', 'session-token'],
  ['GetFederationToken', 'federation'],
  ['AssumeRoleWithSAML', 'saml'],
  ['AssumeRoleWithWebIdentity', 'web-identity'],
  ['GetRoleCredentials', 'sso'],
]);

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/**
 * Builds the credential lineage in one pass over events sorted by time. Memory grows with the
 * number of credentials and links, not events. An STS call that arrives after its session's first
 * use (equal timestamps) still links the session.
 */
export function buildLineage(events: Iterable<TrailEvent>): Lineage {
  const builder = new LineageBuilder();
  for (const event of events) builder.add(event);
  return builder;
}

/** The SSO/assumed-role session name of an `assumed-role/<role>/<session>` ARN. */
export function sessionNameOf(principalArn: string | null): string | null {
  if (principalArn === null) return null;
  const resource = principalArn.split(':').slice(5).join(':');
  const segments = resource.split('/');
  return segments[0] === 'assumed-role' ? (segments[2] ?? null) : null;
}

class LineageBuilder implements Lineage {
  readonly nodes: LineageNode[] = [];
  readonly links: LineageLink[] = [];
  private readonly byId = new Map<string, LineageNode>();
  /** The chain-continuing link into each node; created-* links are kept apart so they never merge roots. */
  private readonly parent = new Map<string, LineageLink>();
  private readonly creation = new Map<string, LineageLink>();
  private readonly outgoing = new Map<string, LineageLink[]>();
  /** Session keys whose creating STS call has been seen. */
  private readonly minted = new Set<string>();
  /** `account/userName` → user ARN from CreateUser responses, for exact ARNs (with paths). */
  private readonly userArns = new Map<string, string>();

  add(event: TrailEvent): void {
    const failed = event.errorCode !== null && event.errorCode !== '';
    const name = event.eventName;
    // A successful login opens the console session before the login event is counted on it.
    if (name === 'ConsoleLogin' && !failed) this.addConsoleLogin(event);
    const used = this.touchUsed(event);
    if (failed || name === null) return;
    const stsKind = STS_LINK_KINDS.get(name);
    if (stsKind !== undefined) {
      this.addSession(event, stsKind, used);
      return;
    }
    switch (name) {
      case 'CreateUser':
        this.addCreatedUser(event, used);
        return;
      case 'CreateAccessKey':
        this.addCreatedKey(event, used);
        return;
      case 'CreateLoginProfile':
        this.addCreatedLoginProfile(event, used);
        return;
      default:
        return;
    }
  }

  node(id: string): LineageNode | undefined {
    return this.byId.get(id);
  }

  credentialOf(event: TrailEvent): string | null {
    if (event.accessKeyId !== null && event.accessKeyId !== '') return event.accessKeyId;
    if (event.principalArn === null) return null;
    const console = `console:${event.principalArn}`;
    if (this.byId.has(console)) return console;
    return this.byId.has(event.principalArn) ? event.principalArn : null;
  }

  rootOf(credentialId: string): string | null {
    const chain = this.chainOf(credentialId);
    return chain[0]?.node.id ?? null;
  }

  rootOfEvent(event: TrailEvent): string | null {
    const credential = this.credentialOf(event);
    return credential === null ? null : this.rootOf(credential);
  }

  chainOf(credentialId: string): ChainStep[] {
    let node = this.byId.get(credentialId);
    if (node === undefined) return [];
    const steps: ChainStep[] = [];
    const seen = new Set<string>();
    while (node !== undefined && !seen.has(node.id)) {
      seen.add(node.id);
      const via: LineageLink | null = this.parent.get(node.id) ?? null;
      steps.push({ node, via });
      node = via === null ? undefined : this.byId.get(via.from);
    }
    return steps.reverse();
  }

  keysWithRoot(root: string): string[] {
    return this.credentialsWithRoot(root).filter((id) => {
      const kind = this.byId.get(id)?.kind;
      return kind === 'long-term-key' || kind === 'session-key';
    });
  }

  credentialsWithRoot(root: string): string[] {
    return this.nodes.filter((node) => this.rootOf(node.id) === root).map((node) => node.id);
  }

  linksFrom(id: string): readonly LineageLink[] {
    return this.outgoing.get(id) ?? [];
  }

  linkTo(id: string): LineageLink | null {
    return this.parent.get(id) ?? this.creation.get(id) ?? null;
  }

  /** Counts the event on the credential it was made with; returns that credential's id. */
  private touchUsed(event: TrailEvent): string | null {
    const key = event.accessKeyId;
    if (key !== null && key !== '') {
      const session = key.startsWith('ASIA') || (!key.startsWith('AKIA') && isSessionPrincipal(event.principalType));
      const node = this.ensure(key, session ? 'session-key' : 'long-term-key', event.time, event.principalArn);
      // A session first met in use, not at its creation, has no known parent.
      if (node.events === 0 && node.kind === 'session-key' && !this.minted.has(key)) node.orphan = true;
      if (node.kind === 'session-key') {
        node.role ??= event.sessionIssuerArn;
        const sessionName = sessionNameOf(event.principalArn);
        if (node.instanceId === null && sessionName !== null && INSTANCE_ID.test(sessionName))
          node.instanceId = sessionName;
      }
      this.count(node, event.time);
      return key;
    }
    if (event.principalArn === null) return null;
    const consoleId = `console:${event.principalArn}`;
    const node =
      this.byId.get(consoleId) ?? this.ensure(event.principalArn, 'principal', event.time, event.principalArn);
    this.count(node, event.time);
    return node.id;
  }

  private addConsoleLogin(event: TrailEvent): void {
    const { response } = parseBodies(event);
    if (event.principalArn === null || stringAt(response, 'ConsoleLogin') !== 'Success') return;
    const id = `console:${event.principalArn}`;
    this.ensure(id, 'console-session', event.time, event.principalArn);
  }

  private addSession(event: TrailEvent, kind: LinkKind, used: string | null): void {
    const { request, response } = parseBodies(event);
    const newKey =
      stringAt(response, 'credentials', 'accessKeyId') ?? stringAt(response, 'roleCredentials', 'accessKeyId');
    if (newKey === null) return;
    const roleArn = stringAt(request, 'roleArn');
    const sessionName = stringAt(request, 'roleSessionName');
    let linkKind = kind;
    let from = used;
    let instanceId: string | null = null;
    if (from === null) {
      if (kind === 'assumed' && isServiceCall(event)) {
        if (sessionName !== null && INSTANCE_ID.test(sessionName)) {
          // EC2 delivering an instance profile: the instance is the start of the chain.
          instanceId = sessionName;
          linkKind = 'instance-profile';
          from = this.ensure(sessionName, 'principal', event.time, null).id;
        } else {
          const service = event.sourceIp ?? event.userAgent;
          if (service !== null) from = this.ensure(service, 'principal', event.time, null).id;
        }
      } else if (kind === 'saml') {
        const provider = stringAt(request, 'principalArn');
        if (provider !== null) from = this.ensure(provider, 'principal', event.time, provider).id;
      } else if (kind === 'web-identity') {
        const provider = stringAt(response, 'provider') ?? event.userName;
        if (provider !== null) from = this.ensure(provider, 'principal', event.time, null).id;
      }
    }
    const principal =
      stringAt(response, 'assumedRoleUser', 'arn') ??
      stringAt(response, 'federatedUser', 'arn') ??
      (kind === 'session-token' ? event.principalArn : null) ??
      assumedRoleArn(roleArn, sessionName);
    const node = this.ensure(newKey, 'session-key', event.time, principal);
    node.role ??= roleArn;
    node.instanceId ??= instanceId;
    // Its creating call is in the evidence even when the caller is unknown (a root of its own, not an orphan).
    this.minted.add(newKey);
    node.orphan = false;
    if (from === null || from === newKey || this.parent.has(newKey)) return;
    this.link(from, newKey, linkKind, event);
  }

  private addCreatedUser(event: TrailEvent, used: string | null): void {
    const { request, response } = parseBodies(event);
    const userName = stringAt(response, 'user', 'userName') ?? stringAt(request, 'userName');
    const arn = stringAt(response, 'user', 'arn') ?? this.userArn(event, userName);
    if (arn === null) return;
    if (userName !== null && event.accountId !== null) this.userArns.set(`${event.accountId}/${userName}`, arn);
    this.ensure(arn, 'principal', event.time, arn);
    if (used !== null) this.link(used, arn, 'created-user', event);
  }

  private addCreatedKey(event: TrailEvent, used: string | null): void {
    const { request, response } = parseBodies(event);
    const newKey = stringAt(response, 'accessKey', 'accessKeyId');
    if (newKey === null) return;
    // Without userName in the request the caller made a key for itself (the root account included).
    const userName = stringAt(request, 'userName');
    const principal = userName === null ? event.principalArn : this.userArn(event, userName);
    this.ensure(newKey, 'long-term-key', event.time, principal);
    if (used !== null && used !== newKey) this.link(used, newKey, 'created-key', event);
  }

  private addCreatedLoginProfile(event: TrailEvent, used: string | null): void {
    const { request, response } = parseBodies(event);
    const userName = stringAt(request, 'userName') ?? stringAt(response, 'loginProfile', 'userName');
    const arn = userName === null ? event.principalArn : this.userArn(event, userName);
    if (arn === null) return;
    const id = `console:${arn}`;
    this.ensure(id, 'console-session', event.time, arn);
    if (used !== null && used !== id) this.link(used, id, 'created-login-profile', event);
  }

  private userArn(event: TrailEvent, userName: string | null): string | null {
    if (userName === null || event.accountId === null) return null;
    return this.userArns.get(`${event.accountId}/${userName}`) ?? `arn:aws:iam::${event.accountId}:user/${userName}`;
  }

  private ensure(id: string, kind: CredentialKind, time: number, principal: string | null): LineageNode {
    let node = this.byId.get(id);
    if (node === undefined) {
      node = {
        id,
        kind,
        principal,
        role: null,
        instanceId: null,
        firstSeen: time,
        lastSeen: time,
        events: 0,
        orphan: false,
      };
      this.byId.set(id, node);
      this.nodes.push(node);
    } else {
      node.principal ??= principal;
      if (time < node.firstSeen) node.firstSeen = time;
      if (time > node.lastSeen) node.lastSeen = time;
    }
    return node;
  }

  private count(node: LineageNode, time: number): void {
    node.events += 1;
    if (time < node.firstSeen) node.firstSeen = time;
    if (time > node.lastSeen) node.lastSeen = time;
  }

  private link(from: string, to: string, kind: LinkKind, event: TrailEvent): void {
    const link: LineageLink = { from, to, kind, eventRowId: event.id, eventId: event.eventId, time: event.time };
    const created = kind.startsWith('created-');
    const into = created ? this.creation : this.parent;
    if (into.has(to)) return;
    into.set(to, link);
    this.links.push(link);
    const list = this.outgoing.get(from);
    if (list === undefined) this.outgoing.set(from, [link]);
    else list.push(link);
  }
}

function isSessionPrincipal(type: string | null): boolean {
  return type === 'AssumedRole' || type === 'FederatedUser';
}

/** An AWS service (EC2 delivering instance credentials, Lambda, …) calling STS on its own. */
function isServiceCall(event: TrailEvent): boolean {
  if (event.principalType === 'AWSService') return true;
  return event.principalArn === null && (event.sourceIp?.endsWith('.amazonaws.com') ?? false);
}

function assumedRoleArn(roleArn: string | null, sessionName: string | null): string | null {
  if (roleArn === null || sessionName === null) return null;
  const match = /^arn:([^:]+):iam::(\d+):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (match === null) return null;
  return `arn:${match[1]}:sts::${match[2]}:assumed-role/${match[3]}/${sessionName}`;
}
