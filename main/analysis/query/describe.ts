import type { FieldMatch, QueryNode, RangeBound, WildcardPiece } from './ast.js';

/**
 * The query in normal form: canonical field names, explicit upper-case AND/OR/NOT, parentheses only
 * where precedence needs them, values quoted or escaped as needed. Parsing it gives the same query.
 */
export function describeQuery(node: QueryNode): string {
  switch (node.type) {
    case 'all':
      return '*';
    case 'text':
      if (node.prefix) {
        const word = escapeWord(node.text, PLAIN_WORD_CHAR);
        return `${OPERATOR_START.test(word) ? '\\' : ''}${word}*`;
      }
      return isPlainWord(node.text) ? node.text : quote(node.text);
    case 'field':
      return `${node.field.name}:${describeMatch(node.match)}`;
    case 'not': {
      const child = describeQuery(node.child);
      return `NOT ${node.child.type === 'and' || node.child.type === 'or' ? `(${child})` : child}`;
    }
    case 'and':
      return node.children
        .map((child) => (child.type === 'or' ? `(${describeQuery(child)})` : describeQuery(child)))
        .join(' AND ');
    case 'or':
      return node.children.map(describeQuery).join(' OR ');
  }
}

// Characters that never need escaping inside a word; the first character is stricter because a
// leading `-`, `!`, `&&` or `||` is an operator, and in a value a leading `=` follows `>`/`<`.
const PLAIN_WORD_CHAR = /[\p{L}\p{N}_./@+=,#$%~^';!&|-]/u;
const PLAIN_VALUE_CHAR = /[\p{L}\p{N}_./@+=,#$%~^';!&|:-]/u;
const OPERATOR_START = /^[-!&|]/;
const KEYWORDS = new Set(['AND', 'OR', 'NOT']);

function isPlainWord(text: string): boolean {
  return (
    text !== '' && !OPERATOR_START.test(text) && !KEYWORDS.has(text) && [...text].every((c) => PLAIN_WORD_CHAR.test(c))
  );
}

function isPlainValue(text: string): boolean {
  return text !== '' && !text.startsWith('=') && [...text].every((c) => PLAIN_VALUE_CHAR.test(c));
}

function describeMatch(match: FieldMatch): string {
  switch (match.op) {
    case 'present':
      return '*';
    case 'equals':
      return describeValue(match.value);
    case 'wildcard':
      return describePattern(match.pieces);
    case 'compare':
      return `${match.comparator}${describeValue(match.value)}`;
    case 'range': {
      const open = match.lower?.inclusive === false ? '{' : '[';
      const close = match.upper?.inclusive === false ? '}' : ']';
      return `${open}${describeBound(match.lower)} TO ${describeBound(match.upper)}${close}`;
    }
  }
}

function describeBound(bound: RangeBound | null): string {
  return bound ? describeValue(bound.value) : '*';
}

function describeValue(value: string): string {
  return isPlainValue(value) ? value : quote(value);
}

function describePattern(pieces: readonly WildcardPiece[]): string {
  const text = pieces.map((piece) =>
    'literal' in piece ? escapeWord(piece.literal, PLAIN_VALUE_CHAR) : piece.wildcard,
  );
  // A leading `=` would join a `>`/`<` typed before it; escaping it costs nothing.
  return text.join('').replace(/^=/, '\\=');
}

/** Backslash-escapes what a bare word cannot hold as is (the scanner reads `\` + punctuation as literal). */
function escapeWord(text: string, plainChar: RegExp): string {
  return [...text].map((c) => (plainChar.test(c) ? c : `\\${c}`)).join('');
}

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
