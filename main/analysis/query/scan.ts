import type { Comparator, Span, WildcardPiece } from './ast.js';
import { QuerySyntaxError } from './syntax-error.js';

/**
 * A value as typed: its pieces (escapes resolved; `*`/`?` are wildcards only when unquoted and
 * unescaped, so a quoted value is one literal piece) and where it is in the query.
 */
export interface RawValue {
  readonly pieces: readonly WildcardPiece[];
  readonly span: Span;
}

/** What follows `field:`. */
export type RawFieldValue =
  | { readonly form: 'value'; readonly value: RawValue }
  | { readonly form: 'compare'; readonly comparator: Comparator; readonly value: RawValue }
  | {
      readonly form: 'range';
      readonly lower: RawValue;
      readonly upper: RawValue;
      readonly lowerInclusive: boolean;
      readonly upperInclusive: boolean;
    };

/** One lexical unit of a query. Operators keep their spelling for error messages. */
export type Token =
  | { readonly kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not'; readonly spelling: string; readonly span: Span }
  | { readonly kind: 'text'; readonly value: RawValue; readonly span: Span }
  /** `field:(` — the values up to the matching `)` all apply to this field (Kibana's grouping). */
  | { readonly kind: 'fieldGroup'; readonly name: string; readonly nameSpan: Span; readonly span: Span }
  | {
      readonly kind: 'field';
      readonly name: string;
      readonly nameSpan: Span;
      readonly value: RawFieldValue;
      readonly valueSpan: Span;
      readonly span: Span;
    };

// A field name is a letter, `_` or `@` then letters, digits, `_`, `.`, `@` (covers the aliases).
const FIELD_NAME = '[A-Za-z_@][A-Za-z0-9_.@]*';
const FIELD_PREFIX = new RegExp(`(${FIELD_NAME}):`, 'y');
// A whole ARN typed bare is something to search for, not the `arn` alias followed by a value.
const BARE_ARN = /arn:aws[a-z-]*:/iy;
const KEYWORD = /(AND|OR|NOT)(?=[\s()"]|$)/y;
const WHITESPACE = /\s/;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/** Whether a name can be typed before a colon (so virtual fields can be checked up front). */
export function isTypeableFieldName(name: string): boolean {
  return new RegExp(`^${FIELD_NAME}$`).test(name);
}

/** Splits a query into tokens, or throws a QuerySyntaxError pointing at the first bad character. */
export function scanQuery(text: string): Token[] {
  return new Scanner(text).scanAll();
}

class Scanner {
  private pos = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly text: string) {}

  scanAll(): Token[] {
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) return this.tokens;
      this.tokens.push(this.scanToken());
    }
  }

  private scanToken(): Token {
    const start = this.pos;
    const char = this.text[start];
    if (char === '(' || char === ')') {
      this.pos++;
      return { kind: char === '(' ? 'lparen' : 'rparen', spelling: char, span: { start, end: this.pos } };
    }
    if (this.text.startsWith('&&', start) || this.text.startsWith('||', start)) {
      this.pos += 2;
      return {
        kind: char === '&' ? 'and' : 'or',
        spelling: this.text.slice(start, this.pos),
        span: this.spanFrom(start),
      };
    }
    if (char === '!') {
      this.pos++;
      return { kind: 'not', spelling: '!', span: this.spanFrom(start) };
    }
    if (char === '-') {
      const next = this.text[start + 1];
      if (next === undefined || WHITESPACE.test(next) || next === ')') {
        throw new QuerySyntaxError(
          `A "-" must be followed directly by the term to exclude, e.g. -eventName:X`,
          start,
          1,
        );
      }
      this.pos++;
      return { kind: 'not', spelling: '-', span: this.spanFrom(start) };
    }
    const keyword = this.matchSticky(KEYWORD);
    if (keyword) {
      const spelling = keyword[1] ?? '';
      this.pos += spelling.length;
      const kind = spelling === 'AND' ? 'and' : spelling === 'OR' ? 'or' : 'not';
      return { kind, spelling, span: this.spanFrom(start) };
    }
    if (char === '"') {
      const value = this.readQuoted('');
      return { kind: 'text', value, span: value.span };
    }
    const field = this.matchSticky(BARE_ARN) ? null : this.matchSticky(FIELD_PREFIX);
    if (field) return this.readFieldTerm(start, field[1] ?? '');
    const value = this.readWord('');
    return { kind: 'text', value, span: value.span };
  }

  private readFieldTerm(start: number, name: string): Token {
    const nameSpan = { start, end: start + name.length };
    this.pos = nameSpan.end + 1; // past the colon
    const valueStart = this.pos;
    const char = this.text[valueStart];
    let value: RawFieldValue;
    if (char === undefined || WHITESPACE.test(char) || char === ')') {
      throw new QuerySyntaxError(
        `Missing value after "${name}:" (write ${name}:* for "has any value", ${name}:"" for empty)`,
        start,
        valueStart - start,
      );
    } else if (char === '(') {
      this.pos = valueStart + 1; // the group's ')' is scanned as an ordinary 'rparen'
      return { kind: 'fieldGroup', name, nameSpan, span: this.spanFrom(start) };
    } else if (char === '[' || char === '{') {
      value = this.readRange();
    } else if (char === '>' || char === '<') {
      const comparator: Comparator = this.text[valueStart + 1] === '=' ? `${char}=` : char;
      this.pos += comparator.length;
      const operand = this.text[this.pos];
      if (operand === undefined || WHITESPACE.test(operand) || operand === ')' || operand === '(') {
        throw new QuerySyntaxError(`Missing value after "${name}:${comparator}"`, start, this.pos - start);
      }
      value = { form: 'compare', comparator, value: operand === '"' ? this.readQuoted('') : this.readWord('') };
    } else {
      value = { form: 'value', value: char === '"' ? this.readQuoted('') : this.readWord('') };
    }
    return { kind: 'field', name, nameSpan, value, valueSpan: this.spanFrom(valueStart), span: this.spanFrom(start) };
  }

  private readRange(): RawFieldValue {
    const open = this.pos;
    const lowerInclusive = this.text[open] === '[';
    this.pos++;
    this.skipWhitespace();
    const lower = this.readBound(open);
    this.skipWhitespace();
    const afterTo = this.text[this.pos + 2];
    const toEnds = afterTo === undefined || WHITESPACE.test(afterTo) || afterTo === ']' || afterTo === '}';
    if (!this.text.startsWith('TO', this.pos) || !toEnds) {
      this.failInRange(open, `Expected "TO" between the two ends of the range, e.g. [2024-01-01 TO 2024-01-02]`);
    }
    this.pos += 2;
    this.skipWhitespace();
    const upper = this.readBound(open);
    this.skipWhitespace();
    const close = this.text[this.pos];
    if (close !== ']' && close !== '}') {
      this.failInRange(open, `Expected "]" (inclusive) or "}" (exclusive) to close the range`);
    }
    this.pos++;
    this.expectTermEnd('');
    return { form: 'range', lower, upper, lowerInclusive, upperInclusive: close === ']' };
  }

  private readBound(open: number): RawValue {
    const char = this.text[this.pos];
    if (char === undefined || char === ']' || char === '}') {
      this.failInRange(open, 'Missing range bound (use * for an open end)');
    }
    return char === '"' ? this.readQuoted(']}') : this.readWord(']}');
  }

  /** At the end of the text the range is unterminated (point at its start); else point here. */
  private failInRange(open: number, message: string): never {
    if (this.atEnd()) throw new QuerySyntaxError(`Unterminated range: ${message}`, open, this.text.length - open);
    const word = /[^\s\]}]*/y;
    word.lastIndex = this.pos;
    throw new QuerySyntaxError(message, this.pos, Math.max(1, word.exec(this.text)?.[0].length ?? 1));
  }

  /** A `"…"` string: `\"` and `\\` (any `\` + punctuation) escape; the result has no wildcards. */
  private readQuoted(extraTerminators: string): RawValue {
    const start = this.pos;
    this.pos++;
    let literal = '';
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) {
        throw new QuerySyntaxError('Unterminated quote: missing the closing "', start, this.text.length - start);
      }
      if (char === '"') break;
      const escaped = this.escapedCharAt(this.pos);
      literal += escaped ?? char;
      this.pos += escaped === null ? 1 : 2;
    }
    this.pos++;
    this.expectTermEnd(extraTerminators);
    return { pieces: literal === '' ? [] : [{ literal }], span: this.spanFrom(start) };
  }

  /** An unquoted word up to whitespace, a parenthesis or `extraTerminators`; `*`/`?` are wildcards. */
  private readWord(extraTerminators: string): RawValue {
    const start = this.pos;
    const pieces: WildcardPiece[] = [];
    let literal = '';
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined || WHITESPACE.test(char) || char === '(' || char === ')') break;
      if (extraTerminators.includes(char)) break;
      if (char === '"') {
        throw new QuerySyntaxError('Unexpected " inside a word: put the whole value in quotes', this.pos, 1);
      }
      const escaped = this.escapedCharAt(this.pos);
      if (escaped !== null) {
        literal += escaped;
        this.pos += 2;
      } else if (char === '*' || char === '?') {
        if (literal) pieces.push({ literal });
        literal = '';
        pieces.push({ wildcard: char });
        this.pos++;
      } else {
        literal += char;
        this.pos++;
      }
    }
    if (literal) pieces.push({ literal });
    return { pieces, span: this.spanFrom(start) };
  }

  /** `\` escapes the next character when it is punctuation or space; before a letter it is literal (C:\Users). */
  private escapedCharAt(pos: number): string | null {
    if (this.text[pos] !== '\\') return null;
    const next = this.text[pos + 1];
    if (next === undefined || ALPHANUMERIC.test(next)) return null;
    return next;
  }

  private expectTermEnd(extraTerminators: string): void {
    if (this.isBoundary(this.pos) || extraTerminators.includes(this.text[this.pos] ?? '')) return;
    throw new QuerySyntaxError('Expected a space after the closing quote or bracket', this.pos, 1);
  }

  private isBoundary(pos: number): boolean {
    const char = this.text[pos];
    return char === undefined || WHITESPACE.test(char) || char === '(' || char === ')';
  }

  private matchSticky(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  private skipWhitespace(): void {
    while (!this.atEnd() && WHITESPACE.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private spanFrom(start: number): Span {
    return { start, end: this.pos };
  }
}
