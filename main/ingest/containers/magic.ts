/** What a file's first bytes say it is, before any format sniffing. */
export type ContainerKind = 'gzip' | 'zip' | 'tar' | 'plain';

/** Bytes needed to recognize every container (tar's "ustar" sits at offset 257). */
export const MAGIC_BYTES = 512;

/** Classifies content by its leading bytes; tar is recognized only on decompressed content. */
export function containerKind(head: Buffer): ContainerKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) {
    return 'zip';
  }
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  return 'plain';
}
