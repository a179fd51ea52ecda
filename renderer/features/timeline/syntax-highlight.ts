/** The query split around the span a syntax error points at, for highlighting. */
export interface SyntaxHighlight {
  before: string;
  /** The offending text; a single space when the error points past the end (e.g. "missing value"). Null when the error has no position. */
  marked: string | null;
  after: string;
  position: number;
}

export function syntaxHighlight(
  query: string,
  position: number | undefined,
  length: number | undefined,
): SyntaxHighlight {
  if (position === undefined || !Number.isFinite(position))
    return { before: query, marked: null, after: '', position: 0 };
  const start = Math.min(Math.max(Math.trunc(position), 0), query.length);
  const end = Math.min(query.length, start + Math.max(Math.trunc(length ?? 1), 0));
  const marked = query.slice(start, end);
  return {
    before: query.slice(0, start),
    marked: marked === '' ? ' ' : marked,
    after: query.slice(end),
    position: start,
  };
}
