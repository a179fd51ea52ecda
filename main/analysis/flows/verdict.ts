import type { Verdict } from './conversation.js';

/** The action one direction's records add up to: REJECT only when nothing was accepted, null when there were none. */
export function directionAction(accepted: number, rejected: number): 'ACCEPT' | 'REJECT' | null {
  if (accepted > 0) return 'ACCEPT';
  return rejected > 0 ? 'REJECT' : null;
}

/**
 * The verdict from the two directions' actions. A rejected request is inbound- or outbound-blocked
 * by whether it was entering the ENI; a rejected reply with no request seen is still return-blocked
 * (the server would not answer a request that never arrived).
 */
export function decideVerdict(forward: 'ACCEPT' | 'REJECT' | null, reverse: 'ACCEPT' | 'REJECT' | null, requestEntersEni: boolean): Verdict {
  if (forward === 'REJECT') return requestEntersEni ? 'inbound-blocked' : 'outbound-blocked';
  if (reverse === 'REJECT') return 'return-blocked';
  if (forward === 'ACCEPT' && reverse === 'ACCEPT') return 'ok';
  return 'one-way';
}
