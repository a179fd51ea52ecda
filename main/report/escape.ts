/**
 * Escaping of evidence text for the report's outputs. Every string that came from evidence or an
 * analyst goes through one of these: evidence is attacker-controlled (user agents, request
 * parameters, bucket keys) and the report must never execute or link anything from it.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text between tags. Control characters (other than tab and newline) become visible escapes. */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"'`]/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** A double-quoted attribute value: as text, plus newlines and tabs as character references. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/=/g, '&#61;');
}

/** Control characters (but tab, LF and CR) as `\uXXXX`, so they cannot hide or reorder text (bidi overrides included). */
export function visibleControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (char) =>
    `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Markdown inline text: every character Markdown (CommonMark, GitHub tables) gives a meaning is
 * backslash-escaped, `<` and `>` become entities (no raw HTML, no autolinks), newlines become spaces.
 */
export function escapeMarkdown(text: string): string {
  return visibleControls(text.replace(/\r\n|\r|\n/g, ' '))
    .replace(/[\\`*_{}[\]()#+!|~]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // GitHub autolinks `scheme://…` and `www.` without brackets: break both.
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    // At the start, `- `, `= ` or `1. ` would open a list or a setext heading.
    .replace(/^(\s*)([-=])(?=\s|[-=]*$)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** Markdown text that keeps the analyst's line breaks (paragraphs), each line escaped. */
export function escapeMarkdownBlock(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeMarkdown(line))
    .join('  \n');
}
