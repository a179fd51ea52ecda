import { crc32, inflateRawSync } from 'node:zlib';
import { FLAG_COMMENT, FLAG_EXTRA, FLAG_HCRC, FLAG_NAME, TRAILER_BYTES, type GunzipWarning } from './gunzip.js';
import { checkExpansion, type ExpansionLimits } from './limits.js';

/**
 * Decompresses a gzip file held whole in memory, synchronously, member by member as `gunzip` does
 * (same checks, same warning for bytes after the last member). `gunzip` streams, and pays a
 * thread-pool round trip per chunk; this is for files already read whole. Returns null when the
 * output would pass `maxBytes` (stream such a file instead). Throws on a broken file, with less
 * detail than `gunzip`: callers that report errors stream the file again to get its words.
 */
export function gunzipWhole(
  data: Buffer,
  limits: ExpansionLimits,
  maxBytes: number,
  onWarning: GunzipWarning = () => {},
): Buffer | null {
  const parts: Buffer[] = [];
  let expanded = 0;
  let position = 0;
  for (let member = 1; ; member++) {
    if (member > 1) {
      if (position >= data.length) break;
      if (data.length - position < 2 || data[position] !== 0x1f || data[position + 1] !== 0x8b) {
        const rest = data.subarray(position);
        // Trailing zeros are padding (tape blocks, some uploaders), as gunzip treats them.
        if (rest.some((byte) => byte !== 0)) {
          onWarning(
            'file',
            `${rest.length} bytes after the end of the gzip data (at byte ${position}) are not gzip; ignored`,
          );
        }
        break;
      }
    }
    const start = headerEnd(data, position, member);
    let inflated;
    try {
      inflated = inflateRawSync(data.subarray(start), {
        info: true,
        maxOutputLength: maxBytes - expanded + 1,
      }) as unknown as {
        buffer: Buffer;
        engine: { bytesWritten: number };
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
      throw error;
    }
    const output = inflated.buffer;
    expanded += output.length;
    if (expanded > maxBytes) return null;
    position = start + inflated.engine.bytesWritten;
    checkExpansion(position, expanded, limits);
    if (data.length - position < TRAILER_BYTES) throw new Error(`gzip member ${member} is truncated (no trailer)`);
    if (data.readUInt32LE(position) !== crc32(output) >>> 0)
      throw new Error(`gzip member ${member} is corrupt (CRC-32)`);
    if (data.readUInt32LE(position + 4) !== output.length % 2 ** 32)
      throw new Error(`gzip member ${member} is corrupt (length)`);
    position += TRAILER_BYTES;
    parts.push(output);
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, expanded);
}

/** Where a member's data starts, past its header (RFC 1952 §2.3). */
function headerEnd(data: Buffer, start: number, member: number): number {
  const cut = (): never => {
    throw new Error(`gzip member ${member} header is cut short`);
  };
  if (data.length - start < 10) cut();
  if (data[start] !== 0x1f || data[start + 1] !== 0x8b || data[start + 2] !== 8)
    throw new Error(`gzip member ${member} has an invalid header`);
  const flags = data[start + 3]!;
  let at = start + 10;
  if (flags & FLAG_EXTRA) {
    if (data.length - at < 2) cut();
    at += 2 + data.readUInt16LE(at);
  }
  for (const flag of [FLAG_NAME, FLAG_COMMENT]) {
    if (flags & flag) {
      const zero = data.indexOf(0, at);
      if (zero < 0) cut();
      at = zero + 1;
    }
  }
  if (flags & FLAG_HCRC) at += 2;
  if (at > data.length) cut();
  return at;
}
