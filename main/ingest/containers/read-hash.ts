import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * The SHA-256 of the bytes a parse actually read, for a file hashed by an earlier read (files too
 * large to hold, archive members): the import compares the two before it keeps anything, so what
 * was recorded is what was parsed even when the file changes in between.
 */
export interface ReadHash {
  /** Opens the bytes, hashing them as they are read (once: a second open is not hashed). */
  open(): Promise<Readable>;
  /** Reads what the parse left unread, then the SHA-256 of everything; null when never opened. */
  digest(): Promise<string | null>;
}

export function readHash(open: () => Promise<Readable>): ReadHash {
  const hash = createHash('sha256');
  let source: AsyncIterator<Buffer> | null = null;
  return {
    async open() {
      if (source) return open();
      const iterator = ((await open()) as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      source = iterator;
      return Readable.from(
        (async function* () {
          for (;;) {
            const { value, done } = await iterator.next();
            if (done) return;
            hash.update(value);
            yield value;
          }
        })(),
      );
    },
    async digest() {
      if (!source) return null;
      for (;;) {
        const { value, done } = await source.next();
        if (done) break;
        hash.update(value);
      }
      return hash.digest('hex');
    },
  };
}
