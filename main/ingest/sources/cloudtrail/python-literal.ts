/**
 * Reads a Python literal as `repr()` prints it — dicts, lists, tuples, quoted strings, numbers,
 * True/False/None — into the equivalent JSON value; undefined if `text` is not one.
 * Some alert exports (e.g. OTRF's S3 honey-bucket CSV) store CloudTrail objects this way:
 * `{'type': 'AWSAccount', 'principalId': '', 'accountId': 'ANONYMOUS_PRINCIPAL'}`.
 */
export function parsePythonLiteral(text: string): unknown {
  const reader = new PythonLiteralReader(text);
  try {
    const value = reader.value();
    reader.skipSpace();
    return reader.atEnd() ? value : undefined;
  } catch (error) {
    if (error instanceof NotALiteral) return undefined;
    throw error;
  }
}

class NotALiteral extends Error {}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** Deeper than any real alert export; a cell nested further is kept as plain text. */
const MAX_NESTING = 256;

class PythonLiteralReader {
  private i = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text.charAt(this.i))) this.i++;
  }

  value(): unknown {
    this.skipSpace();
    const c = this.text.charAt(this.i);
    if (c === '{' || c === '[' || c === '(') return this.nested(c);
    if (c === "'" || c === '"') return this.string();
    return this.bareWord();
  }

  /** A container, refused (left as text) past MAX_NESTING levels instead of overflowing the stack. */
  private nested(open: string): unknown {
    if (++this.depth > MAX_NESTING) throw new NotALiteral();
    try {
      return open === '{' ? this.dict() : this.sequence(open === '[' ? ']' : ')');
    } finally {
      this.depth--;
    }
  }

  private expect(c: string): void {
    this.skipSpace();
    if (this.text.charAt(this.i) !== c) throw new NotALiteral();
    this.i++;
  }

  /** Consumes `c` if it is next. */
  private accept(c: string): boolean {
    this.skipSpace();
    if (this.text.charAt(this.i) !== c) return false;
    this.i++;
    return true;
  }

  private dict(): Record<string, unknown> {
    this.expect('{');
    const result: Record<string, unknown> = {};
    if (this.accept('}')) return result;
    for (;;) {
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number') throw new NotALiteral();
      this.expect(':');
      result[String(key)] = this.value();
      if (this.accept('}')) return result;
      this.expect(',');
      if (this.accept('}')) return result;
    }
  }

  private sequence(close: string): unknown[] {
    this.i++;
    const result: unknown[] = [];
    if (this.accept(close)) return result;
    for (;;) {
      result.push(this.value());
      if (this.accept(close)) return result;
      this.expect(',');
      if (this.accept(close)) return result;
    }
  }

  private string(): string {
    const quote = this.text.charAt(this.i++);
    let out = '';
    while (this.i < this.text.length) {
      const c = this.text.charAt(this.i++);
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text.charAt(this.i++);
      if (e === 'x' || e === 'u' || e === 'U') {
        const length = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = this.text.slice(this.i, this.i + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw new NotALiteral();
        out += String.fromCodePoint(parseInt(hex, 16));
        this.i += length;
      } else {
        out += ESCAPES[e] ?? `\\${e}`;
      }
    }
    throw new NotALiteral();
  }

  private bareWord(): unknown {
    const match = /^(?:True|False|None|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.i));
    if (!match) throw new NotALiteral();
    this.i += match[0].length;
    if (match[0] === 'True') return true;
    if (match[0] === 'False') return false;
    if (match[0] === 'None') return null;
    return Number(match[0]);
  }
}
