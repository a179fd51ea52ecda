import type { Decision, EvaluationRequest } from './evaluate.js';
import { evaluate } from './evaluate.js';
import type { IamSnapshot } from './model.js';

/** A principal that may perform a request, with the engine's decision. */
export interface WhoCanEntry {
  readonly principal: string;
  readonly decision: Decision;
}

/** Every user and role in the snapshot whose decision for `action` on `resource` is allow or conditional. */
export function whoCan(
  snapshot: IamSnapshot,
  request: Pick<EvaluationRequest, 'action' | 'resource' | 'context' | 'contextComplete'>,
): WhoCanEntry[] {
  const out: WhoCanEntry[] = [];
  for (const principal of [...snapshot.users.map((u) => u.arn), ...snapshot.roles.map((r) => r.arn)]) {
    const decision = evaluate(snapshot, { ...request, principal });
    if (decision.decision !== 'deny') out.push({ principal, decision });
  }
  return out;
}
