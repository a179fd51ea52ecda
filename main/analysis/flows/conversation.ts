/** How a conversation ended up, from the ACCEPT/REJECT of its two directions. */
export type Verdict = 'ok' | 'return-blocked' | 'inbound-blocked' | 'outbound-blocked' | 'one-way';

/** Why a conversation was (or was not) blocked: the deciding layer and rule when known. */
export interface ConversationExplanation {
  readonly layer: 'nacl' | 'sg' | 'none' | 'unknown';
  readonly naclId: string | null;
  readonly ruleNumber: number | null;
  readonly direction: 'ingress' | 'egress' | null;
  readonly groupIds: string[];
  readonly text: string;
}

/**
 * Request and reply flow records of one ENI and 5-tuple, as one row. `forward` is the client → server
 * direction's action, `reverse` the reply's (null when that direction has no record). `records` and
 * `bytes` are totals over both directions; `first`/`last` in milliseconds since epoch UTC.
 * This is a CLI JSON contract: exactly these keys.
 */
export interface Conversation {
  readonly eni: string;
  readonly client: string;
  readonly server: string;
  readonly serverPort: number;
  /** IANA protocol number. */
  readonly protocol: number;
  readonly forward: 'ACCEPT' | 'REJECT' | null;
  readonly reverse: 'ACCEPT' | 'REJECT' | null;
  readonly verdict: Verdict;
  readonly records: number;
  readonly bytes: number;
  readonly first: number;
  readonly last: number;
  readonly explanation: ConversationExplanation;
}

/** What pairing knows beyond the contract's keys, for explaining a conversation against a snapshot. */
export interface ConversationDetail {
  readonly clientPort: number;
  /** True when the server address is the ENI's own (the request entered the ENI). */
  readonly serverIsEni: boolean;
}
