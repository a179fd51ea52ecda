import { SNIFF_BYTES } from '../../format.js';
import { unwrapCloudTrail } from './envelope.js';
import { looksLikeCloudTrailEvent } from './record-shape.js';

/** Whether a parsed line or element is, or wraps, at least one CloudTrail event. */
export function holdsCloudTrailEvent(value: unknown): boolean {
  const unwrapped = unwrapCloudTrail(value, '');
  return 'records' in unwrapped && unwrapped.records.some((wrapped) => looksLikeCloudTrailEvent(wrapped.record));
}

/** A head shorter than the sniffing window is the whole file. */
export function headIsWholeFile(head: Buffer): boolean {
  return head.length < SNIFF_BYTES;
}

/** The first byte that is not whitespace or a BOM, or -1. */
export function firstSignificantByte(head: Buffer): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length) {
    const c = head[i] as number;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return c;
    i++;
  }
  return -1;
}
