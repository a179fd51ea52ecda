/**
 * Building search queries from clicks (pivots, filter toggles, context searches) in the CLI's
 * query syntax: `field:value` terms joined by AND/OR/NOT, bare words for full text.
 */

// An unquoted value ends at whitespace or a parenthesis; `"` inside it is an error, `*`/`?` are
// wildcards, `\` escapes, and a leading `[`, `{`, `<` or `>` makes it a range or comparison.
// Anything outside this conservative set is quoted; colons are quoted too, so ARNs read clearly.
const SAFE_UNQUOTED = /^[\p{L}\p{N}_.@/+=,-]+$/u;

/** A value as the query language reads it literally: bare when safe, else `"…"` with `"`/`\` escaped. */
export function quoteValue(value: string): string {
  if (SAFE_UNQUOTED.test(value) && !/^(AND|OR|NOT)$/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/** `field:value`, or `NOT field:value` when excluding. */
export function fieldTerm(field: string, value: string, exclude = false): string {
  const term = `${field}:${quoteValue(value)}`;
  return exclude ? `NOT ${term}` : term;
}

/** One lexical piece of a query, just enough to find top-level terms and operators. */
interface Piece {
  text: string;
  start: number;
  end: number;
  /** Parenthesis nesting depth at the piece. */
  depth: number;
}

/**
 * Splits a query at whitespace and parentheses outside quotes. Tolerant: an unbalanced quote or
 * parenthesis just runs to the end (the server reports the real syntax error).
 */
function splitPieces(query: string): Piece[] {
  const pieces: Piece[] = [];
  let depth = 0;
  let index = 0;
  while (index < query.length) {
    const char = query[index] ?? '';
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === '(' || char === ')') {
      if (char === ')') depth = Math.max(0, depth - 1);
      pieces.push({ text: char, start: index, end: index + 1, depth });
      if (char === '(') depth++;
      index++;
      continue;
    }
    const start = index;
    let inQuote = false;
    while (index < query.length) {
      const current = query[index] ?? '';
      if (current === '\\' && index + 1 < query.length) {
        index += 2;
        continue;
      }
      if (current === '"') inQuote = !inQuote;
      else if (!inQuote && (/\s/.test(current) || current === '(' || current === ')')) break;
      index++;
    }
    pieces.push({ text: query.slice(start, index), start, end: index, depth });
  }
  return pieces;
}

const isOr = (piece: Piece): boolean => piece.text === 'OR' || piece.text === '||';
const isAnd = (piece: Piece): boolean => piece.text === 'AND' || piece.text === '&&';

/** Whether the query has an OR outside parentheses (so ANDing onto it needs parentheses). */
export function hasTopLevelOr(query: string): boolean {
  return splitPieces(query).some((piece) => piece.depth === 0 && isOr(piece));
}

/**
 * ANDs `term` onto `query`. NOT binds tighter than AND and AND tighter than OR, so a query with a
 * top-level OR is parenthesized first: `a OR b` + `c` is `(a OR b) AND c`.
 */
export function addTerm(query: string, term: string): string {
  const trimmed = query.trim();
  if (trimmed === '' || trimmed === '*') return term;
  if (hasTopLevelOr(trimmed)) return `(${trimmed}) AND ${term}`;
  return `${trimmed} AND ${term}`;
}

/** Index of the top-level piece equal to `term` (a single token such as `starred:true`), or -1. */
function findTopLevelTerm(pieces: Piece[], term: string): number {
  return pieces.findIndex((piece, index) => {
    if (piece.depth !== 0 || piece.text !== term) return false;
    const before = pieces[index - 1];
    // `NOT term` is a different filter; leave it alone.
    return !(before && (before.text === 'NOT' || before.text === '!'));
  });
}

/** Whether `term` (one token, e.g. `starred:true`) is ANDed at the top level of `query`. */
export function hasTerm(query: string, term: string): boolean {
  if (hasTopLevelOr(query)) return false;
  return findTopLevelTerm(splitPieces(query), term) >= 0;
}

/** Removes a top-level `term` and the AND that joined it, keeping the rest of the text as typed. */
export function removeTerm(query: string, term: string): string {
  if (hasTopLevelOr(query)) return query;
  const pieces = splitPieces(query);
  const index = findTopLevelTerm(pieces, term);
  if (index < 0) return query;
  const target = pieces[index] as Piece;
  let start = target.start;
  let end = target.end;
  const next = pieces[index + 1];
  const previous = pieces[index - 1];
  if (previous && isAnd(previous)) start = previous.start;
  else if (next && isAnd(next)) end = next.end;
  const head = query.slice(0, start).trimEnd();
  const tail = query.slice(end).trimStart();
  return head && tail ? `${head} ${tail}` : head + tail;
}

/** Adds `term` when absent, removes it when present (the starred/tag filter toggles). */
export function toggleTerm(query: string, term: string): string {
  return hasTerm(query, term) ? removeTerm(query, term) : addTerm(query, term);
}
