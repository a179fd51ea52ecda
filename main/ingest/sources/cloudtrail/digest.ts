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

/**
 * A digest's signature kept beside it (S3 keeps it in the object's metadata, which exports drop):
 * the hex signature alone, or `aws s3api head-object` output with `Metadata.signature`. Recorded as
 * evidence; `cairn verify --cloudtrail-digests` reads it.
 */
export const cloudTrailDigestSignatureFormat: EvidenceFormat = {
  id: 'cloudtrail-digest-signature',
  source: 'cloudtrail',
  description: 'CloudTrail digest signature (sidecar); recorded as evidence, no events',
  producesEvents: false,
  sniff(head) {
    const text = head.toString('utf8').trim();
    if (/^[0-9a-f]{256,2048}$/i.test(text)) return true;
    return /^\{[^]*"Metadata"\s*:\s*\{[^]*"signature"\s*:\s*"[0-9a-f]{256,2048}"/i.test(text);
  },
  async parse(input) {
    for await (const _chunk of input) {
      // drain, as for the digest itself
    }
  },
};
