import { createInflateRaw, crc32, type InflateRaw } from 'node:zlib';
import { checkExpansion, type ExpansionLimits } from './limits.js';

/** Something worth telling the investigator that did not stop the file (e.g. trailing junk). */
export type GunzipWarning = (location: string, message: string) => void;

/** Header flags and trailer size of a gzip member (RFC 1952 §2.3); gunzip-whole.ts reads them too. */
export const FLAG_HCRC = 0x02;
export const FLAG_EXTRA = 0x04;
export const FLAG_NAME = 0x08;
export const FLAG_COMMENT = 0x10;
export const TRAILER_BYTES = 8;
const EMPTY = Buffer.alloc(0);

/**
 * Decompresses a gzip stream, refusing bombs. Every member of a multi-member file is read, as
 * gunzip does; bytes after the last member that are not gzip (padding, junk appended by a transfer
 * tool) are reported through `onWarning` and ignored, so what came before still imports. A
 * truncated or corrupt member (bad data, CRC or length) makes iteration throw, so callers never
 * mistake a cut file for a complete one.
 *
 * Members are inflated raw (header and trailer read here) because zlib's own gunzip fails the whole
 * stream, output included, on trailing garbage.
 */
export async function* gunzip(
  source: AsyncIterable<Buffer>,
  limits: ExpansionLimits,
  onWarning: GunzipWarning = () => {},
): AsyncGenerator<Buffer> {
  const input = new ByteSource(source);
  try {
    yield* members(input, limits, onWarning);
  } finally {
    await input.close();
  }
}

async function* members(input: ByteSource, limits: ExpansionLimits, onWarning: GunzipWarning): AsyncGenerator<Buffer> {
  let expanded = 0;
  for (let member = 1; ; member++) {
    const start = input.consumed;
    const magic = await input.peek(2);
    if (member > 1) {
      if (magic.length === 0) return;
      if (magic.length < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
        // Trailing zeros are padding (tape blocks, some uploaders), as gunzip treats them.
        const rest = await input.drain();
        if (!rest.zeros) {
          onWarning('file', `${rest.bytes} bytes after the end of the gzip data (at byte ${start}) are not gzip; ignored`);
        }
        return;
      }
    }
    await readHeader(input, member);
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    const feeding = feed(input, inflate);
    let crc = 0;
    let memberBytes = 0;
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        expanded += chunk.length;
        memberBytes += chunk.length;
        checkExpansion(input.consumed, expanded, limits);
        crc = crc32(chunk, crc);
        yield chunk;
      }
      await feeding;
    } catch (error) {
      await feeding.catch(() => {});
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw truncated(member, expanded, (error as Error).message);
      throw error;
    } finally {
      inflate.destroy();
    }
    const trailer = await input.read(TRAILER_BYTES);
    if (trailer.length < TRAILER_BYTES) throw truncated(member, expanded, 'no trailer');
    if (trailer.readUInt32LE(0) !== crc >>> 0) {
      throw new Error(`gzip member ${member} is corrupt: its CRC-32 does not match its data (after ${expanded} decompressed bytes)`);
    }
    if (trailer.readUInt32LE(4) !== memberBytes % 2 ** 32) {
      throw new Error(`gzip member ${member} is corrupt: its length does not match its data (after ${expanded} decompressed bytes)`);
    }
  }
}

function truncated(member: number, expanded: number, detail: string): Error {
  return new Error(`gzip stream is truncated or corrupt in member ${member} after ${expanded} decompressed bytes (${detail})`);
}

/** Skips a member's header (RFC 1952 §2.3), checking what can be checked. */
async function readHeader(input: ByteSource, member: number): Promise<void> {
  const fixed = await input.read(10);
  if (fixed.length < 10) throw truncated(member, 0, 'header cut short');
  if (fixed[0] !== 0x1f || fixed[1] !== 0x8b || fixed[2] !== 8) {
    throw new Error(`gzip member ${member} has an invalid header`);
  }
  const flags = fixed[3] as number;
  if (flags & FLAG_EXTRA) {
    const size = await input.read(2);
    if (size.length < 2 || (await input.read(size.readUInt16LE(0))).length < size.readUInt16LE(0)) {
      throw truncated(member, 0, 'header cut short');
    }
  }
  for (const flag of [FLAG_NAME, FLAG_COMMENT]) {
    if (flags & flag && !(await input.skipPastZero())) throw truncated(member, 0, 'header cut short');
  }
  if (flags & FLAG_HCRC && (await input.read(2)).length < 2) throw truncated(member, 0, 'header cut short');
}

/**
 * Writes compressed bytes into `inflate` one chunk at a time until the deflate stream ends; the
 * bytes it did not take (trailer, next member) go back to `input`.
 */
async function feed(input: ByteSource, inflate: InflateRaw): Promise<void> {
  let written = 0;
  for (;;) {
    const chunk = await input.next();
    if (chunk === null) {
      inflate.end(); // zlib reports a deflate stream cut short as Z_BUF_ERROR
      return;
    }
    written += chunk.length;
    // A destroyed stream (corrupt data) may never call back for the write it was busy with.
    const ok = await new Promise<boolean>((resolve) => {
      const onClose = (): void => resolve(false);
      inflate.once('close', onClose);
      inflate.write(chunk, (error) => {
        inflate.off('close', onClose);
        resolve(!error);
      });
    });
    if (!ok || inflate.destroyed) return;
    // After the end of its deflate stream, zlib leaves the rest of the input untouched.
    const unused = written - inflate.bytesWritten;
    if (unused > 0) {
      input.unread(chunk.subarray(chunk.length - unused));
      inflate.end();
      return;
    }
  }
}

/** Pull-based reader over a chunk stream, with put-back. */
class ByteSource {
  private readonly iterator: AsyncIterator<Buffer>;
  private pending: Buffer = EMPTY;
  private done = false;
  /** Bytes handed out so far (for positions and ratios). */
  consumed = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The next chunk (pending bytes first), or null at the end. */
  async next(): Promise<Buffer | null> {
    if (this.pending.length > 0) {
      const chunk = this.pending;
      this.pending = EMPTY;
      this.consumed += chunk.length;
      return chunk;
    }
    if (this.done) return null;
    for (;;) {
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        return null;
      }
      if (next.value.length > 0) {
        this.consumed += next.value.length;
        return next.value;
      }
    }
  }

  /** Stops the underlying stream (when decompression ends early). */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.iterator.return?.();
    }
  }

  unread(bytes: Buffer): void {
    this.consumed -= bytes.length;
    this.pending = this.pending.length > 0 ? Buffer.concat([bytes, this.pending]) : bytes;
  }

  /** Up to `size` bytes, left in place. */
  async peek(size: number): Promise<Buffer> {
    const bytes = await this.read(size);
    this.unread(bytes);
    return bytes;
  }

  /** Exactly `size` bytes, or fewer at the end of the stream. */
  async read(size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < size) {
      const chunk = await this.next();
      if (chunk === null) break;
      parts.push(chunk);
      length += chunk.length;
    }
    const all = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
    if (all.length > size) this.unread(all.subarray(size));
    return all.subarray(0, Math.min(size, all.length));
  }

  /** Skips a zero-terminated string; false if the stream ends first. */
  async skipPastZero(): Promise<boolean> {
    for (;;) {
      const chunk = await this.next();
      if (chunk === null) return false;
      const zero = chunk.indexOf(0);
      if (zero >= 0) {
        if (zero + 1 < chunk.length) this.unread(chunk.subarray(zero + 1));
        return true;
      }
    }
  }

  /** Reads to the end: how many bytes were left and whether they were all zeros (padding). */
  async drain(): Promise<{ bytes: number; zeros: boolean }> {
    let bytes = 0;
    let zeros = true;
    for (;;) {
      const chunk = await this.next();
      if (chunk === null) return { bytes, zeros };
      bytes += chunk.length;
      if (zeros && chunk.some((byte) => byte !== 0)) zeros = false;
    }
  }
}
