const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Drops a UTF-8 byte order mark at the very start of a stream, even when the first chunks are
 * shorter than the mark itself.
 */
export class Utf8BomSkipper {
  private pending: Buffer | null = Buffer.alloc(0);
  /** 3 once a BOM has been dropped, for byte offsets in messages. */
  skippedBytes = 0;

  /** Returns the bytes of `chunk` to process (possibly empty while the start is still undecided). */
  take(chunk: Buffer): Buffer {
    if (this.pending === null) return chunk;
    const head = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    if (head.length < UTF8_BOM.length && head.equals(UTF8_BOM.subarray(0, head.length))) {
      this.pending = head;
      return EMPTY;
    }
    this.pending = null;
    if (!head.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)) return head;
    this.skippedBytes = UTF8_BOM.length;
    return head.subarray(UTF8_BOM.length);
  }

  /** At the end of input: the held-back bytes of a stream shorter than a BOM (a partial mark is data). */
  flush(): Buffer {
    const rest = this.pending ?? EMPTY;
    this.pending = null;
    return rest;
  }
}

const EMPTY = Buffer.alloc(0);

/** Removes a leading BOM from text already decoded. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
