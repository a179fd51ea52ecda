import type { EvidenceFormat } from '../../format.js';
import { probeJsonHead } from '../../json/head-probe.js';
import { isJsonObject } from './record-shape.js';
import { firstSignificantByte } from './sniff-shapes.js';

/** A digest names its hour and the log files it signs. */
function isDigest(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    typeof value.digestStartTime === 'string' &&
    typeof value.digestEndTime === 'string' &&
    ('logFiles' in value || 'digestS3Object' in value)
  );
}

/**
 * CloudTrail digest files (log file integrity validation): kept as evidence, no events.
 * Verifying the hash chain is a separate concern.
 */
export const cloudTrailDigestFormat: EvidenceFormat = {
  id: 'cloudtrail-digest',
  source: 'cloudtrail',
  description: 'CloudTrail digest file (log file integrity validation); recorded as evidence, no events',
  producesEvents: false,
  sniff(head) {
    if (firstSignificantByte(head) !== 0x7b) return false;
    const probe = probeJsonHead(head, { kind: 'root' });
    if (probe.broken) return false;
    if (probe.elementCount > 0) return isDigest(probe.elements[0]);
    const text = head.toString('utf8');
    return (
      /"digestStartTime"\s*:/.test(text) &&
      /"(?:digestEndTime|previousDigestHashValue|digestPublicKeyFingerprint)"\s*:/.test(text)
    );
  },
  async parse(input) {
    // Nothing to extract, but the stream is read to its end so whoever hashes or counts it sees all bytes.
    for await (const _chunk of input) {
      // drain
    }
  },
};
