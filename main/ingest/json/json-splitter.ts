import { FileParseError } from '../format.js';
import { Utf8BomSkipper } from './bom.js';

/**
 * Which values the splitter hands out.
 * - `root`: the elements of each top-level array; a top-level object is itself one element.
 * - `member`: the elements of the array under `key` in each top-level object (other members are skipped).
 * Several top-level values one after the other (concatenated JSON, one per line or not) are all read.
 */
export type JsonSplitMode = { readonly kind: 'root' } | { readonly kind: 'member'; readonly key: string };

/** Receives what the splitter finds, in order. Either callback may throw to stop the splitter. */
export interface JsonElementHandler {
  /** The exact text of one element; `ordinal` counts elements from 1 across the whole input. */
  element(text: string, ordinal: number): void;
  /** An element longer than the size limit, skipped without being kept in memory. */
  oversize(ordinal: number, bytes: number): void;
}

export interface JsonSplitterOptions {
  readonly mode: JsonSplitMode;
  /** Largest element handed out, in bytes; longer ones go to `oversize`. */
  readonly maxElementBytes: number;
}

// Parser states between values. Small integers keep the hot loop monomorphic.
const TOP = 0; // between top-level values
const ARRAY_FIRST = 1; // just after '[': an element or ']'
const ARRAY_NEXT = 2; // just after ',': an element
const ARRAY_AFTER = 3; // after an element: ',' or ']'
const OBJECT_FIRST = 4; // just after '{' (member mode): a key or '}'
const OBJECT_NEXT = 5; // just after ',' in an object: a key
const OBJECT_COLON = 6; // after a key: ':'
const OBJECT_VALUE = 7; // after ':': a value
const OBJECT_AFTER = 8; // after a member value: ',' or '}'
const VALUE = 9; // inside a string, object or array value
const SCALAR = 10; // inside a number or literal

// What a value being scanned is for.
const SKIP = 0;
const ELEMENT = 1;
const KEY = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Longest object key compared against the wanted member name; longer keys never match. */
const MAX_KEY_BYTES = 1024;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isScalarEnd(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || isSpace(c);
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/**
 * Cuts a stream of JSON bytes into the exact text of each element, without parsing it and without
 * holding more than one element in memory. Push chunks in order, then call `end()`.
 *
 * Structure is checked between elements (commas, brackets, nothing but whitespace around the
 * top-level values); inside an element only strings and bracket depth are tracked, so a malformed
 * element surfaces when the caller JSON.parses it. Structural errors and truncation throw
 * FileParseError naming the record they happened at.
 */
export class JsonSplitter {
  private readonly handler: JsonElementHandler;
  private readonly maxElementBytes: number;
  private readonly memberKey: string | null;

  private state = TOP;
  private readonly bom = new Utf8BomSkipper();
  /** Bytes scanned in earlier chunks. */
  private scanned = 0;
  /** File offset of the chunk being scanned, for error positions. */
  private chunkOffset = 0;
  private elementCount = 0;
  private topLevelCount = 0;
  private memberArrayCount = 0;
  /** Whether the array being read is the wanted member of an object (member mode). */
  private arrayInObject = false;
  private keyMatched = false;

  // The value being scanned.
  private purpose = SKIP;
  private afterValue = TOP;
  private depth = 0;
  private inString = false;
  /** The previous chunk ended right after a backslash inside a string. */
  private escapePending = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private oversized = false;

  constructor(handler: JsonElementHandler, options: JsonSplitterOptions) {
    this.handler = handler;
    this.maxElementBytes = options.maxElementBytes;
    this.memberKey = options.mode.kind === 'member' ? JSON.stringify(options.mode.key) : null;
  }

  /** How many top-level values have started so far. */
  get topLevelValues(): number {
    return this.topLevelCount;
  }

  /** Member mode: how many arrays under the wanted key have started so far. */
  get memberArrays(): number {
    return this.memberArrayCount;
  }

  /** Feeds the next chunk. */
  push(chunk: Buffer): void {
    const buf = this.bom.take(chunk);
    this.chunkOffset = this.bom.skippedBytes + this.scanned;
    this.scan(buf);
    this.scanned += buf.length;
  }

  /** Declares the input complete; throws FileParseError if it stopped inside a value. */
  end(): void {
    const rest = this.bom.flush();
    if (rest.length > 0) {
      this.chunkOffset = this.scanned;
      this.scan(rest);
      this.scanned += rest.length;
    }
    if (this.state !== TOP) {
      const inElement = this.purpose === ELEMENT && (this.state === VALUE || this.state === SCALAR);
      const where = inElement ? this.elementCount : this.elementCount + 1;
      throw new FileParseError(
        `record ${where}`,
        inElement
          ? `the file ends inside record ${where} (truncated?)`
          : `the file ends before the JSON structure is closed, after record ${this.elementCount} (truncated?)`,
      );
    }
  }

  private fail(offset: number, what: string): never {
    const next = this.elementCount + 1;
    throw new FileParseError(`record ${next}`, `${what} at byte ${this.chunkOffset + offset} (before record ${next})`);
  }

  private startValue(buf: Buffer, i: number, purpose: number, afterValue: number): number {
    const c = buf[i] as number;
    this.purpose = purpose;
    this.afterValue = afterValue;
    this.parts = [];
    this.partBytes = 0;
    this.oversized = false;
    this.escapePending = false;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.depth = 1;
      this.inString = false;
      this.state = VALUE;
    } else if (c === QUOTE) {
      this.depth = 0;
      this.inString = true;
      this.state = VALUE;
    } else {
      this.depth = 0;
      this.inString = false;
      this.state = SCALAR;
    }
    return i + 1;
  }

  /** Keeps the part of an unfinished value that lies in this chunk. */
  private keepPart(buf: Buffer, start: number, end: number): void {
    if (this.purpose === SKIP || end <= start) return;
    this.partBytes += end - start;
    const limit = this.purpose === KEY ? MAX_KEY_BYTES : this.maxElementBytes;
    if (this.partBytes > limit) {
      this.oversized = true;
      this.parts = [];
    }
    if (!this.oversized) this.parts.push(buf.subarray(start, end));
  }

  /** Called when the value that started at `start` (or in an earlier chunk, if -1) ends before `end`. */
  private finishValue(buf: Buffer, start: number, end: number): void {
    const from = start < 0 ? 0 : start;
    const purpose = this.purpose;
    this.state = this.afterValue;
    if (purpose === SKIP) return;
    const bytes = this.partBytes + (end - from);
    const limit = purpose === KEY ? MAX_KEY_BYTES : this.maxElementBytes;
    const oversized = this.oversized || bytes > limit;
    let text = '';
    if (!oversized) {
      text =
        this.parts.length === 0
          ? buf.toString('utf8', from, end)
          : Buffer.concat([...this.parts, buf.subarray(from, end)]).toString('utf8');
    }
    this.parts = [];
    this.partBytes = 0;
    if (purpose === KEY) {
      this.keyMatched = !oversized && text === this.memberKey;
      return;
    }
    if (oversized) this.handler.oversize(this.elementCount, bytes);
    else this.handler.element(text, this.elementCount);
  }

  private scan(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    // Where the value being scanned started in this chunk (-1: in an earlier chunk).
    let valueStart = -1;
    while (i < n) {
      switch (this.state) {
        case VALUE: {
          // Hot loop: locals instead of fields.
          let depth = this.depth;
          let inString = this.inString;
          let done = false;
          if (this.escapePending) {
            this.escapePending = false;
            i++;
          }
          scan: while (i < n) {
            if (inString) {
              const from = i;
              for (;;) {
                const q = buf.indexOf(QUOTE, i);
                if (q < 0) {
                  // Chunk ends inside the string: an odd run of trailing backslashes escapes the next byte.
                  let k = n - 1;
                  while (k >= from && buf[k] === BACKSLASH) k--;
                  this.escapePending = ((n - 1 - k) & 1) === 1;
                  i = n;
                  break scan;
                }
                let k = q - 1;
                while (k >= i && buf[k] === BACKSLASH) k--;
                i = q + 1;
                if (((q - 1 - k) & 1) === 0) break;
              }
              inString = false;
              if (depth === 0) {
                done = true;
                break;
              }
            }
            for (; i < n; i++) {
              const c = buf[i];
              if (c === QUOTE) {
                inString = true;
                i++;
                continue scan;
              }
              if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
              else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
                if (--depth === 0) {
                  i++;
                  done = true;
                  break scan;
                }
              }
            }
          }
          this.depth = depth;
          this.inString = inString;
          if (done) {
            this.finishValue(buf, valueStart, i);
            valueStart = -1;
          }
          break;
        }
        case SCALAR: {
          while (i < n && !isScalarEnd(buf[i] as number)) i++;
          if (i < n) {
            this.finishValue(buf, valueStart, i);
            valueStart = -1;
          }
          break;
        }
        case TOP: {
          const c = buf[i] as number;
          if (isSpace(c)) {
            i++;
            break;
          }
          if (c === OPEN_BRACKET || c === OPEN_BRACE) this.topLevelCount++;
          if (c === OPEN_BRACKET && this.memberKey === null) {
            this.arrayInObject = false;
            this.state = ARRAY_FIRST;
            i++;
          } else if (c === OPEN_BRACE && this.memberKey === null) {
            this.elementCount++;
            valueStart = i;
            i = this.startValue(buf, i, ELEMENT, TOP);
          } else if (c === OPEN_BRACE) {
            this.state = OBJECT_FIRST;
            i++;
          } else {
            this.fail(
              i,
              this.memberKey === null
                ? `expected '[' or '{', found ${describeByte(c)}`
                : `expected '{', found ${describeByte(c)}`,
            );
          }
          break;
        }
        case ARRAY_FIRST:
        case ARRAY_NEXT: {
          const c = buf[i] as number;
          if (isSpace(c)) {
            i++;
          } else if (c === CLOSE_BRACKET && this.state === ARRAY_FIRST) {
            this.state = this.arrayInObject ? OBJECT_AFTER : TOP;
            i++;
          } else if (c === CLOSE_BRACKET || c === COMMA || c === COLON || c === CLOSE_BRACE) {
            this.fail(i, `expected a value, found ${describeByte(c)}`);
          } else {
            this.elementCount++;
            valueStart = i;
            i = this.startValue(buf, i, ELEMENT, ARRAY_AFTER);
          }
          break;
        }
        case ARRAY_AFTER: {
          const c = buf[i] as number;
          if (isSpace(c)) i++;
          else if (c === COMMA) {
            this.state = ARRAY_NEXT;
            i++;
          } else if (c === CLOSE_BRACKET) {
            this.state = this.arrayInObject ? OBJECT_AFTER : TOP;
            i++;
          } else this.fail(i, `expected ',' or ']' after record ${this.elementCount}, found ${describeByte(c)}`);
          break;
        }
        case OBJECT_FIRST:
        case OBJECT_NEXT: {
          const c = buf[i] as number;
          if (isSpace(c)) i++;
          else if (c === QUOTE) {
            valueStart = i;
            i = this.startValue(buf, i, KEY, OBJECT_COLON);
          } else if (c === CLOSE_BRACE && this.state === OBJECT_FIRST) {
            this.state = TOP;
            i++;
          } else this.fail(i, `expected an object key, found ${describeByte(c)}`);
          break;
        }
        case OBJECT_COLON: {
          const c = buf[i] as number;
          if (isSpace(c)) i++;
          else if (c === COLON) {
            this.state = OBJECT_VALUE;
            i++;
          } else this.fail(i, `expected ':', found ${describeByte(c)}`);
          break;
        }
        case OBJECT_VALUE: {
          const c = buf[i] as number;
          if (isSpace(c)) i++;
          else if (c === OPEN_BRACKET && this.keyMatched) {
            this.memberArrayCount++;
            this.arrayInObject = true;
            this.state = ARRAY_FIRST;
            i++;
          } else if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COLON) {
            this.fail(i, `expected a value, found ${describeByte(c)}`);
          } else {
            valueStart = i;
            i = this.startValue(buf, i, SKIP, OBJECT_AFTER);
          }
          break;
        }
        case OBJECT_AFTER: {
          const c = buf[i] as number;
          if (isSpace(c)) i++;
          else if (c === COMMA) {
            this.state = OBJECT_NEXT;
            i++;
          } else if (c === CLOSE_BRACE) {
            this.state = TOP;
            i++;
          } else this.fail(i, `expected ',' or '}', found ${describeByte(c)}`);
          break;
        }
        default:
          throw new Error(`unknown splitter state ${this.state}`);
      }
    }
    // A value still open at the end of the chunk (even one that began on its last byte) keeps its part.
    if (this.state === VALUE || this.state === SCALAR) this.keepPart(buf, valueStart < 0 ? 0 : valueStart, n);
  }
}

/** One result of `splitJsonElements`: an element's text, or the size of one that was too long. */
export type JsonElement =
  { readonly ordinal: number; readonly text: string } | { readonly ordinal: number; readonly oversizeBytes: number };

/** Async-iterator form of JsonSplitter (convenient in tests and small tools; parsers use the class). */
export async function* splitJsonElements(
  input: AsyncIterable<Buffer>,
  options: JsonSplitterOptions,
): AsyncGenerator<JsonElement> {
  let pending: JsonElement[] = [];
  const splitter = new JsonSplitter(
    {
      element: (text, ordinal) => pending.push({ ordinal, text }),
      oversize: (ordinal, oversizeBytes) => pending.push({ ordinal, oversizeBytes }),
    },
    options,
  );
  for await (const chunk of input) {
    splitter.push(chunk);
    const ready = pending;
    pending = [];
    yield* ready;
  }
  splitter.end();
  yield* pending;
}
