import type { FieldRef } from './ast.js';
import type { QueryOptions } from './options.js';
import { isTypeableFieldName } from './scan.js';

/**
 * Checks the caller's virtual fields: each must be typeable and must not shadow a normalized field
 * or alias. Throws a plain Error: this is a programming mistake, not the user's.
 */
export function checkVirtualFields(options: QueryOptions): void {
  for (const name of Object.keys(options.virtualFields ?? {})) {
    if (!isTypeableFieldName(name)) throw new Error(`virtual field "${name}" cannot be typed as a field name`);
    const shadowed = options.catalog?.resolve(name);
    if (shadowed) throw new Error(`virtual field "${name}" clashes with the field "${shadowed.name}"`);
  }
}

/** Resolves a field name as typed (any case, aliases) to a normalized or virtual field, or null when unknown. */
export function resolveQueryField(name: string, options: QueryOptions = {}): FieldRef | null {
  const normalized = options.catalog?.resolve(name) ?? null;
  if (normalized !== null) return { virtual: false, name: normalized.name, type: normalized.type };
  const lower = name.toLowerCase();
  const virtualName = Object.keys(options.virtualFields ?? {}).find((registered) => registered.toLowerCase() === lower);
  return virtualName === undefined ? null : { virtual: true, name: virtualName };
}

/** Field names close to a mistyped one (by edit distance or containment), best first, at most three. */
export function suggestFieldNames(typed: string, options: QueryOptions = {}): string[] {
  const lower = typed.toLowerCase();
  const candidates = new Map<string, string>(); // spelling to compare (lower case) -> name to suggest
  for (const field of options.catalog?.catalog() ?? []) {
    candidates.set(field.name.toLowerCase(), field.name);
    for (const alias of field.aliases) candidates.set(alias.toLowerCase(), field.name);
  }
  for (const name of Object.keys(options.virtualFields ?? {})) candidates.set(name.toLowerCase(), name);

  const maxDistance = Math.max(2, Math.floor(lower.length / 3));
  const scored = new Map<string, number>();
  for (const [spelling, name] of candidates) {
    const contains = lower.length >= 3 && (spelling.includes(lower) || lower.includes(spelling));
    const distance = editDistance(lower, spelling);
    if (distance > maxDistance && !contains) continue;
    scored.set(name, Math.min(distance, scored.get(name) ?? Infinity));
  }
  const best = Math.min(...scored.values());
  return [...scored.entries()]
    .filter(([, distance]) => distance <= best + 1) // a clear winner stands alone
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([name]) => name);
}

/** Every name a query may use before a colon (canonical spellings, for error messages). */
export function knownFieldNames(options: QueryOptions = {}): string[] {
  return [...(options.catalog?.catalog() ?? []).map((field) => field.name), ...Object.keys(options.virtualFields ?? {})];
}

/** Edits (insert, delete, substitute, swap two neighbours) turning a into b. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  const at = (i: number, j: number) => rows[i]?.[j] ?? Infinity;
  for (let j = 1; j <= b.length; j++) (rows[0] ?? []).push(j);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      rows[i]?.push(best);
    }
  }
  return at(a.length, b.length);
}
