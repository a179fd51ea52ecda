/** Characters that mean something in a RegExp; escaped so evidence text is only ever literal. */
const REGEX_META = /[.*?+^${}()|[\]\\/-]/;

/** Marks the next character as literal, never a wildcard (substituted policy variables, `${*}`); a private-use code point. */
export const LITERAL_MARK = '\uE000';

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 10_000;

/**
 * An IAM wildcard pattern (`*` any run, `?` one character, everything else literal) as an anchored
 * RegExp. Policy text is attacker-controlled: every other RegExp metacharacter is escaped.
 */
export function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let re = cache.get(key);
  if (!re) {
    let body = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i] ?? '';
      if (c === LITERAL_MARK && i + 1 < pattern.length) body += escapeChar(pattern[++i] ?? '');
      else if (c === '*') body += '.*';
      else if (c === '?') body += '.';
      else body += escapeChar(c);
    }
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}

function escapeChar(c: string): string {
  return REGEX_META.test(c) ? `\\${c}` : c;
}

/** Removes literal marks: the text a pattern stands for when it has no wildcards. */
export function unmark(pattern: string): string {
  return pattern.split(LITERAL_MARK).join('');
}

/** True when `value` matches the IAM wildcard `pattern`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    const plain = unmark(pattern);
    return ignoreCase ? plain.toLowerCase() === value.toLowerCase() : plain === value;
  }
  return wildcardRegExp(pattern, ignoreCase).test(value);
}
