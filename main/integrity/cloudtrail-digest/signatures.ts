import { createHash } from 'node:crypto';
import type { CloudTrailDigest } from './digest-file.js';
import { awsLogsKey } from './s3-key.js';

/**
 * Where a digest's signature comes from offline. CloudTrail puts it in the S3 object metadata
 * (`x-amz-meta-signature`, hex), which exports usually drop, so Cairn accepts a sidecar:
 *  - `<digest file>.sig` beside the digest: the hex signature as text, or the JSON that
 *    `aws s3api head-object` prints (`{"Metadata":{"signature":"…","signature-algorithm":"…"}}`);
 *  - one JSON map for many digests: `{ "<digest S3 key>": "<hex>" }`, or `{ "<key>": {"signature": "<hex>"} }`.
 *    Keys are matched by their `AWSLogs/…` tail, so a bucket name or prefix may be included or not.
 */
export const SIGNATURE_SIDECAR_SUFFIX = '.sig';

/** The sidecar path for a digest file. */
export function signatureSidecarPath(digestPath: string): string {
  return digestPath + SIGNATURE_SIDECAR_SUFFIX;
}

const HEX = /^(?:[0-9a-f]{2})+$/i;

/** The hex signature in a `.sig` sidecar's text, or null when it holds none. */
export function parseSignatureSidecar(text: string): string | null {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return trimmed.toLowerCase();
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return null;
  }
  return signatureOf(json);
}

/** A `{ "<digest S3 key>": signature }` map, by the keys' `AWSLogs/…` tails. Bad entries are skipped. */
export function parseSignatureMap(json: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!isObject(json)) return map;
  for (const [key, value] of Object.entries(json)) {
    const tail = awsLogsKey(key.replace(/^s3:\/\/[^/]+\//, ''));
    const signature = signatureOf(value);
    if (tail && signature) map.set(tail, signature);
  }
  return map;
}

function signatureOf(value: unknown): string | null {
  if (typeof value === 'string') return HEX.test(value.trim()) ? value.trim().toLowerCase() : null;
  if (!isObject(value)) return null;
  if (isObject(value.Metadata)) return signatureOf(value.Metadata);
  for (const key of ['signature', 'x-amz-meta-signature']) {
    const candidate = value[key];
    if (typeof candidate === 'string') return signatureOf(candidate);
  }
  return null;
}

/**
 * The string CloudTrail signs for a digest (the same recipe as `aws cloudtrail validate-logs`):
 * `digestEndTime \n digestS3Bucket/digestS3Object \n hex(SHA-256(inflated digest bytes)) \n
 * previousDigestSignature`, the last being the literal `null` on the first digest of a chain.
 * The signature is RSA PKCS#1 v1.5 over SHA-256 of this string ("SHA256withRSA").
 */
export function digestSigningString(digest: CloudTrailDigest, inflatedDigestSha256: string): string {
  return [
    digest.digestEndTime,
    `${digest.digestS3Bucket}/${digest.digestS3Object}`,
    inflatedDigestSha256,
    digest.previousDigestSignature ?? 'null',
  ].join('\n');
}

/** Hex SHA-256. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
