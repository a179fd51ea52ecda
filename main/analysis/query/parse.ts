import type { FieldMatch, FieldNode, FieldRef, QueryNode, RangeBound, Span, WildcardPiece } from './ast.js';
import { checkVirtualFields, knownFieldNames, resolveQueryField, suggestFieldNames } from './field-names.js';
import type { QueryOptions } from './options.js';
import type { RawFieldValue, RawValue, Token } from './scan.js';
import { scanQuery } from './scan.js';
import { QuerySyntaxError } from './syntax-error.js';
import { parseTimeInterval } from './time-value.js';

export { QuerySyntaxError } from './syntax-error.js';

/**
 * Parses the search language into an AST. Precedence NOT > AND > OR; adjacent terms are ANDed.
 * Field names and values are checked here (options supply virtual fields), so a parsed query
 * compiles unless a virtual field rejects its value.
 */
export function parseQuery(text: string, options: QueryOptions = {}): QueryNode {
  checkVirtualFields(options);
  return new Parser(scanQuery(text), text, options).parseQuery();
}

// The FTS5 tokenizer (unicode61) splits on every ASCII character but letters and digits; a phrase
// with none of those and nothing beyond ASCII would silently match nothing.
const SEARCHABLE_CHAR = /[A-Za-z0-9]|\P{ASCII}/u;

type OperatorToken = Extract<Token, { spelling: string }>;

const OPERATOR_NAMES: Record<string, string> = { and: 'AND', or: 'OR', not: 'NOT' };

/** Deepest nesting of parentheses and NOTs a query may have. */
const MAX_NESTING = 200;

class Parser {
  private index = 0;
  private depth = 0;
  /** Inside `field:( … )`: the field that bare values there apply to. */
  private groupField: { field: FieldRef; token: Extract<Token, { kind: 'fieldGroup' }> } | null = null;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
    private readonly options: QueryOptions,
  ) {}

  parseQuery(): QueryNode {
    if (this.tokens.length === 0) return { type: 'all', span: { start: 0, end: this.text.length } };
    const node = this.parseOr();
    const extra = this.peek();
    if (extra) {
      // parseOr stops only at ')' or the end, so anything left is an unmatched ')'.
      throw new QuerySyntaxError('Unmatched ")"', extra.span.start, 1);
    }
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    for (let token = this.peek(); token?.kind === 'or'; token = this.peek()) {
      this.index++;
      this.requireOperand(token);
      children.push(this.parseAnd());
    }
    return combine('or', children);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (let token = this.peek(); token; token = this.peek()) {
      if (token.kind === 'and') {
        this.index++;
        this.requireOperand(token);
      } else if (!startsOperand(token)) {
        break;
      } // else: adjacent terms, an implicit AND
      children.push(this.parseUnary());
    }
    return combine('and', children);
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.kind !== 'not') return this.parsePrimary();
    this.index++;
    this.requireOperand(token);
    const child = this.nested(token, () => this.parseUnary());
    return { type: 'not', child, span: { start: token.span.start, end: child.span.end } };
  }

  /**
   * Parses one level deeper; past MAX_NESTING levels of parentheses and NOTs the query is refused
   * (the parser and the compiler recurse: a pasted or planted query must not overflow the stack).
   */
  private nested<T>(token: Token, parse: () => T): T {
    if (++this.depth > MAX_NESTING) {
      throw new QuerySyntaxError(`Nested too deeply (more than ${MAX_NESTING} levels of parentheses or NOT)`, token.span.start, 1);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): QueryNode {
    const token = this.peek();
    if (!token) throw new QuerySyntaxError('Expected a search term', this.text.length, 0); // callers check first
    this.index++;
    switch (token.kind) {
      case 'lparen': {
        const close = this.peek();
        if (close?.kind === 'rparen') {
          throw new QuerySyntaxError('Empty parentheses', token.span.start, close.span.end - token.span.start);
        }
        const inner = this.nested(token, () => this.parseOr());
        const end = this.peek();
        if (end?.kind !== 'rparen') {
          throw new QuerySyntaxError('Missing ")" to close this "("', token.span.start, 1);
        }
        this.index++;
        return { ...inner, span: { start: token.span.start, end: end.span.end } };
      }
      case 'and':
      case 'or':
        throw operatorError(token, 'needs a term before it');
      case 'rparen':
        throw new QuerySyntaxError('Unmatched ")"', token.span.start, 1);
      case 'not': // parseUnary handles NOT; kept for exhaustiveness
        throw operatorError(token, 'needs a term after it');
      case 'text':
        if (this.groupField) return this.groupedValue(token);
        return textNode(token.value, token.span);
      case 'field':
        if (this.groupField) throw this.nestedInGroup(token.span);
        return this.fieldNode(token);
      case 'fieldGroup':
        if (this.groupField) throw this.nestedInGroup(token.span);
        return this.fieldGroup(token);
    }
  }

  /** `field:(a OR b* OR "c d")` means `(field:a OR field:b* OR field:"c d")`. */
  private fieldGroup(token: Extract<Token, { kind: 'fieldGroup' }>): QueryNode {
    const field = resolveQueryField(token.name, this.options);
    if (!field) throw this.unknownField(token.name, token.nameSpan);
    const open = token.span.end - 1;
    const first = this.peek();
    if (!first || first.kind === 'rparen') {
      throw new QuerySyntaxError(`Missing values inside "${token.name}:( )"`, token.span.start, token.span.end - token.span.start);
    }
    this.groupField = { field, token };
    try {
      const inner = this.parseOr();
      const end = this.peek();
      if (end?.kind !== 'rparen') throw new QuerySyntaxError('Missing ")" to close this "("', open, 1);
      this.index++;
      return { ...inner, span: { start: token.span.start, end: end.span.end } };
    } finally {
      this.groupField = null;
    }
  }

  private groupedValue(token: Extract<Token, { kind: 'text' }>): FieldNode {
    const { field } = this.groupField!;
    const raw: RawFieldValue = { form: 'value', value: token.value };
    const match = checkValueForField(field, fieldMatch(raw), raw, token.span);
    return { type: 'field', field, match, span: token.span, valueSpan: token.span };
  }

  private nestedInGroup(span: Span): QuerySyntaxError {
    const name = this.groupField?.token.name ?? '';
    return new QuerySyntaxError(
      `Inside "${name}:( … )" write values only, not other fields`,
      span.start,
      span.end - span.start,
    );
  }

  /** After an operator there must be something it can apply to. */
  private requireOperand(operator: OperatorToken): void {
    const next = this.peek();
    if (!next || !startsOperand(next)) throw operatorError(operator, 'needs a term after it');
  }

  private fieldNode(token: Extract<Token, { kind: 'field' }>): FieldNode {
    const field = resolveQueryField(token.name, this.options);
    if (!field) throw this.unknownField(token.name, token.nameSpan);
    const match = checkValueForField(field, fieldMatch(token.value), token.value, token.valueSpan);
    return { type: 'field', field, match, span: token.span, valueSpan: token.valueSpan };
  }

  private unknownField(name: string, span: Span): QuerySyntaxError {
    const close = suggestFieldNames(name, this.options);
    const hint = close.length
      ? `Did you mean ${close.join(', ')}?`
      : `Known fields: ${knownFieldNames(this.options).join(', ')}.`;
    const length = span.end - span.start;
    return new QuerySyntaxError(`Unknown field "${name}". ${hint} To search the text, quote it.`, span.start, length);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}

function startsOperand(token: Token): boolean {
  return (
    token.kind === 'lparen' ||
    token.kind === 'not' ||
    token.kind === 'text' ||
    token.kind === 'field' ||
    token.kind === 'fieldGroup'
  );
}

function operatorError(token: OperatorToken, problem: string): QuerySyntaxError {
  const name = OPERATOR_NAMES[token.kind] ?? token.spelling;
  const spelled = token.spelling === name ? name : `${name} ("${token.spelling}")`;
  return new QuerySyntaxError(`${spelled} ${problem}`, token.span.start, token.span.end - token.span.start);
}

/** Flattens nested nodes of the same kind: (a AND b) AND c is a AND b AND c. */
function combine(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1 && children[0]) return children[0];
  const flat = children.flatMap((child) => (child.type === type ? child.children : [child]));
  const span = { start: flat[0]?.span.start ?? 0, end: flat[flat.length - 1]?.span.end ?? 0 };
  return { type, children: flat, span };
}

/** A bare word or phrase: full text, `*` alone matches all, a trailing `*` is a prefix search. */
function textNode(value: RawValue, span: Span): QueryNode {
  const pieces = [...value.pieces];
  let prefix = false;
  while (pieces.length && isWildcard(pieces[pieces.length - 1], '*')) {
    pieces.pop();
    prefix = true;
  }
  if (pieces.length === 0 && prefix) return { type: 'all', span };
  if (pieces.some((piece) => 'wildcard' in piece)) {
    throw new QuerySyntaxError(
      'Full-text search takes only a trailing * (a prefix); for other wildcards name a field, e.g. eventName:*Policy*',
      span.start,
      span.end - span.start,
    );
  }
  const text = literalText(pieces);
  if (!SEARCHABLE_CHAR.test(text)) {
    throw new QuerySyntaxError(
      'Nothing to search for: full-text search skips punctuation (name a field to match it, e.g. userAgent:"*+*")',
      span.start,
      span.end - span.start,
    );
  }
  return { type: 'text', text, prefix, span };
}

function fieldMatch(raw: RawFieldValue): FieldMatch {
  switch (raw.form) {
    case 'value': {
      const { pieces } = raw.value;
      if (pieces.length === 1 && isWildcard(pieces[0], '*')) return { op: 'present' };
      if (pieces.some((piece) => 'wildcard' in piece)) return { op: 'wildcard', pieces };
      return { op: 'equals', value: literalText(pieces) };
    }
    case 'compare':
      return { op: 'compare', comparator: raw.comparator, value: plainValue(raw.value, 'a comparison') };
    case 'range':
      return {
        op: 'range',
        lower: rangeBound(raw.lower, raw.lowerInclusive),
        upper: rangeBound(raw.upper, raw.upperInclusive),
      };
  }
}

function rangeBound(value: RawValue, inclusive: boolean): RangeBound | null {
  if (value.pieces.length === 1 && isWildcard(value.pieces[0], '*')) return null; // open end
  return { value: plainValue(value, 'a range'), inclusive };
}

function plainValue(value: RawValue, where: string): string {
  if (value.pieces.some((piece) => 'wildcard' in piece)) {
    throw new QuerySyntaxError(`Wildcards cannot be used in ${where}`, value.span.start, spanLength(value.span));
  }
  return literalText(value.pieces);
}

/**
 * Rejects values that mean nothing for the field's kind (bad dates, readOnly:maybe, ranges over
 * JSON); errors point at the bad bound or operand when there is one, else at the whole value.
 * Returns the match with booleans spelled in lower case.
 */
function checkValueForField(field: FieldRef, match: FieldMatch, raw: RawFieldValue, valueSpan: Span): FieldMatch {
  if (field.virtual) return match; // a virtual field judges its own values when compiled
  const kind = field.type;
  const fail = (message: string, span: Span = valueSpan): never => {
    throw new QuerySyntaxError(message, span.start, spanLength(span));
  };

  if (kind === 'time') {
    if (match.op === 'wildcard') {
      fail(`${field.name} takes a date, not a wildcard (e.g. ${field.name}:2024-01 for a month)`);
    }
    for (const { value, span } of timeOperands(match, raw)) {
      if (parseTimeInterval(value) === null) {
        fail(`Not a date or time: "${value}" (use ISO 8601, UTC unless zoned: 2024-01-31, 2024-01-31T12:00:00Z)`, span);
      }
    }
  } else if (kind === 'bool') {
    if (match.op === 'equals' && /^(true|false)$/i.test(match.value)) {
      return { op: 'equals', value: match.value.toLowerCase() };
    }
    if (match.op !== 'present') fail(`${field.name} is true or false`);
  } else if (kind === 'json' || kind === 'list') {
    if (match.op === 'compare' || match.op === 'range') {
      fail(`${field.name} takes a value or a wildcard pattern, not a comparison or range`);
    }
  } else if (kind === 'int') {
    if (match.op === 'wildcard') fail(`${field.name} takes a number, not a wildcard`);
    for (const { value, span } of numberOperands(match, raw)) {
      if (!/^-?\d+$/.test(value)) fail(`${field.name} takes a whole number, not "${value}"`, span);
    }
  }
  return match;
}

/** The numbers an int match names, each with where it was typed. */
const numberOperands = (match: FieldMatch, raw: RawFieldValue) => timeOperands(match, raw);

/** The dates a time match names, each with where it was typed. */
function timeOperands(match: FieldMatch, raw: RawFieldValue): { value: string; span: Span }[] {
  const operands: { value: string; span: Span }[] = [];
  if (raw.form === 'range' && match.op === 'range') {
    if (match.lower) operands.push({ value: match.lower.value, span: raw.lower.span });
    if (match.upper) operands.push({ value: match.upper.value, span: raw.upper.span });
  } else if (raw.form !== 'range' && (match.op === 'equals' || match.op === 'compare')) {
    operands.push({ value: match.value, span: raw.value.span });
  }
  return operands;
}

function isWildcard(piece: WildcardPiece | undefined, wildcard: '*' | '?'): boolean {
  return piece !== undefined && 'wildcard' in piece && piece.wildcard === wildcard;
}

function literalText(pieces: readonly WildcardPiece[]): string {
  return pieces.map((piece) => ('literal' in piece ? piece.literal : piece.wildcard)).join('');
}

function spanLength(span: Span): number {
  return span.end - span.start;
}
