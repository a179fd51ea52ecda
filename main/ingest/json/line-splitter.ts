import { Utf8BomSkipper } from './bom.js';

/** Receives each line in order. Either callback may throw to stop the splitter. */
export interface LineHandler {
  /** One line without its "\n" or "\r\n" (may be empty); `lineNumber` counts from 1. */
  line(text: string, lineNumber: number): void;
  /** A line longer than the limit; it was skipped without being kept in memory. */
  oversize(lineNumber: number, bytes: number): void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Cuts a byte stream into text lines: "\n" or "\r\n" endings, a last line without a newline, a
 * leading BOM dropped, UTF-8 sequences split across chunks kept whole (lines are decoded only once
 * complete). Push chunks in order, then call `end()`.
 */
export class LineSplitter {
  private readonly handler: LineHandler;
  private readonly maxLineBytes: number;
  private readonly bom = new Utf8BomSkipper();
  private lineNumber = 0;
  /** Pieces of the current line from earlier chunks. */
  private parts: Buffer[] = [];
  private partBytes = 0;
  private oversized = false;

  constructor(handler: LineHandler, options: { readonly maxLineBytes: number }) {
    this.handler = handler;
    this.maxLineBytes = options.maxLineBytes;
  }

  /** Feeds the next chunk. */
  push(chunk: Buffer): void {
    this.scan(this.bom.take(chunk));
  }

  /** Declares the input complete and hands out the last line if it had no newline. */
  end(): void {
    this.scan(this.bom.flush());
    if (this.partBytes > 0 || this.oversized) this.finishLine(EMPTY, 0, 0);
  }

  private scan(buf: Buffer): void {
    const n = buf.length;
    let start = 0;
    while (start < n) {
      const newline = buf.indexOf(NEWLINE, start);
      if (newline < 0) {
        this.keep(buf, start, n);
        return;
      }
      this.finishLine(buf, start, newline);
      start = newline + 1;
    }
  }

  private keep(buf: Buffer, start: number, end: number): void {
    this.partBytes += end - start;
    // +1: a trailing "\r" may still turn out to be part of the line ending.
    if (this.partBytes > this.maxLineBytes + 1) {
      this.oversized = true;
      this.parts = [];
    }
    if (!this.oversized) this.parts.push(buf.subarray(start, end));
  }

  private finishLine(buf: Buffer, start: number, end: number): void {
    const lineNumber = ++this.lineNumber;
    let bytes = this.partBytes + (end - start);
    const oversized = this.oversized;
    const parts = this.parts;
    this.parts = [];
    this.partBytes = 0;
    this.oversized = false;
    if (oversized) {
      this.handler.oversize(lineNumber, bytes);
      return;
    }
    let line: Buffer;
    if (parts.length === 0) {
      if (end > start && buf[end - 1] === CARRIAGE_RETURN) end--;
      bytes = end - start;
      if (bytes > this.maxLineBytes) {
        this.handler.oversize(lineNumber, bytes);
        return;
      }
      this.handler.line(buf.toString('utf8', start, end), lineNumber);
      return;
    }
    parts.push(buf.subarray(start, end));
    line = Buffer.concat(parts, bytes);
    if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN) line = line.subarray(0, line.length - 1);
    if (line.length > this.maxLineBytes) {
      this.handler.oversize(lineNumber, line.length);
      return;
    }
    this.handler.line(line.toString('utf8'), lineNumber);
  }
}

const EMPTY = Buffer.alloc(0);

/** One result of `splitLines`: a line's text, or the size of one that was too long. */
export type TextLine =
  | { readonly lineNumber: number; readonly text: string }
  | { readonly lineNumber: number; readonly oversizeBytes: number };

/** Async-iterator form of LineSplitter (convenient in tests and small tools; parsers use the class). */
export async function* splitLines(
  input: AsyncIterable<Buffer>,
  options: { readonly maxLineBytes: number },
): AsyncGenerator<TextLine> {
  let pending: TextLine[] = [];
  const splitter = new LineSplitter(
    {
      line: (text, lineNumber) => pending.push({ lineNumber, text }),
      oversize: (lineNumber, oversizeBytes) => pending.push({ lineNumber, oversizeBytes }),
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
