/** A three-valued answer: yes, no, or yes only under the listed conditions (readable text). */
export type Tri =
  | { readonly kind: 'yes' }
  | { readonly kind: 'no' }
  | { readonly kind: 'maybe'; readonly conditions: readonly string[] };

/** Yes. */
export const YES: Tri = { kind: 'yes' };
/** No. */
export const NO: Tri = { kind: 'no' };

/** Maybe, under `conditions`. */
export function maybe(conditions: readonly string[]): Tri {
  return { kind: 'maybe', conditions };
}

/** All must hold: no beats maybe beats yes; conditions of every maybe are required together. */
export function all(...parts: readonly Tri[]): Tri {
  if (parts.some((p) => p.kind === 'no')) return NO;
  const conditions = parts.flatMap((p) => (p.kind === 'maybe' ? p.conditions : []));
  return parts.some((p) => p.kind === 'maybe') ? maybe(dedupe(conditions)) : YES;
}

/** Any may hold: yes beats maybe beats no; each maybe's conditions are one alternative. */
export function any(...parts: readonly Tri[]): Tri {
  if (parts.some((p) => p.kind === 'yes')) return YES;
  const maybes = parts.filter((p) => p.kind === 'maybe');
  return maybes.length ? maybe(dedupe(maybes.flatMap((p) => p.conditions))) : NO;
}

function dedupe(list: readonly string[]): string[] {
  return [...new Set(list)];
}
