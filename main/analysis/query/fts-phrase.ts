/**
 * One full-text term as an FTS5 query string. It is always a double-quoted string (embedded `"`
 * doubled), so nothing the user typed — `"`, `*`, `-`, `AND`, `NEAR(` — is read as FTS5 syntax;
 * the tokenizer splits it into a phrase (an IP becomes 1 2 3 4 in a row). A prefix search adds
 * `*` after the closing quote, which applies to the phrase's last token.
 */
export function ftsPhrase(text: string, prefix: boolean): string {
  // FTS5 reads a NUL as the end of the query; to the tokenizer it is a separator like a space.
  const phrase = text.replaceAll('\0', ' ').replaceAll('"', '""');
  return `"${phrase}"${prefix ? '*' : ''}`;
}

/** The SQL condition selecting events whose full-text document matches an FTS5 query (one `?`). */
export const FTS_MATCH_SQL = 'events.id IN (SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?)';

/**
 * The same, with the unary `+` that keeps SQLite from driving the plan by the match list: for a
 * common word, scanning in time order and testing membership reaches the first page much sooner.
 */
export const FTS_MATCH_IN_ORDER_SQL = '+events.id IN (SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?)';

/** Its negation (never NULL: events.id is never NULL). */
export const FTS_NOT_MATCH_SQL = 'events.id NOT IN (SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?)';
