import { LITERAL_MARK } from './wildcard.js';

/** Request context: condition key → value(s). Keys are matched case-insensitively. */
export type RequestContext = Readonly<Record<string, string | string[]>>;

/** A context with lower-cased keys and array values, and whether missing keys are known to be absent. */
export interface ContextView {
  /** Values of `key`, or undefined when the key is not in the context. */
  get(key: string): readonly string[] | undefined;
  /** True: a missing key is absent from the request (AWS semantics). False: unknown (→ conditional). */
  readonly complete: boolean;
}

/** Builds a ContextView over `base` (derived from the principal) overlaid with the caller's context. */
export function contextView(base: RequestContext, overlay: RequestContext | undefined, complete: boolean): ContextView {
  const map = new Map<string, readonly string[]>();
  for (const source of [base, overlay ?? {}])
    for (const [k, v] of Object.entries(source)) map.set(k.toLowerCase(), Array.isArray(v) ? v : [v as string]);
  return { get: (key) => map.get(key.toLowerCase()), complete };
}

/** Result of substituting `${…}` policy variables: the text, or the keys that were not known. */
export type Substitution = { readonly text: string } | { readonly missing: readonly string[] };

/**
 * Replaces policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`).
 * A variable may carry a default (`${aws:username, 'none'}`). Multi-valued keys cannot be substituted.
 * Substituted values are literal: their `*` and `?` are marked (LITERAL_MARK) so they never act as wildcards.
 */
export function substituteVariables(text: string, context: ContextView): Substitution {
  if (!text.includes('${')) return { text };
  const missing: string[] = [];
  const out = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    const body = inner.trim();
    if (body === '*' || body === '?' || body === '$') return `${LITERAL_MARK}${body}`;
    const [keyPart = '', defaultPart] = body.split(',', 2);
    const key = keyPart.trim();
    const values = context.get(key);
    if (values && values.length === 1 && values[0] !== undefined) return literal(values[0]);
    const fallback = defaultPart?.trim().match(/^'(.*)'$/)?.[1];
    if (fallback !== undefined) return literal(fallback);
    missing.push(key);
    return whole;
  });
  return missing.length ? { missing } : { text: out };
}

function literal(value: string): string {
  return value.replace(/[*?]/g, (c) => `${LITERAL_MARK}${c}`);
}
