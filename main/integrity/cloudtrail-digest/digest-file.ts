import { gunzipSync } from 'node:zlib';

/** One log file a digest vouches for. `hashValue` is hex SHA-256 of the log's uncompressed content. */
export interface DigestLogFile {
  s3Bucket: string;
  s3Object: string;
  hashValue: string;
  hashAlgorithm: string;
  newestEventTime: string | null;
  oldestEventTime: string | null;
}

/**
 * A CloudTrail digest file (log file integrity validation), fields as CloudTrail wrote them. Times
 * stay the exact strings that were signed ("2020-09-11T19:36:49Z", UTC); `previous*` are null on
 * the first digest of a chain.
 */
export interface CloudTrailDigest {
  awsAccountId: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: string;
  newestEventTime: string | null;
  oldestEventTime: string | null;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestHashAlgorithm: string | null;
  previousDigestSignature: string | null;
  logFiles: DigestLogFile[];
}

/** A digest that cannot be read: not gzip/JSON, or a required field missing or mistyped. */
export class DigestFormatError extends Error {
  override name = 'DigestFormatError';
}

/** Largest inflated digest accepted: real ones are a few KiB per log file, a bomb is not evidence. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Whether the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The digest's JSON bytes as CloudTrail hashed them: gunzipped when stored compressed (as in S3),
 * as they are otherwise. Both the signature and the next digest's `previousDigestHashValue` cover
 * these inflated bytes, never the .gz file.
 */
export function inflateDigest(bytes: Buffer): Buffer {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    throw new DigestFormatError(`digest is not readable gzip: ${(error as Error).message}`);
  }
}

/** Parses a digest file (gzip or plain JSON) and checks the fields validation relies on. */
export function parseDigest(bytes: Buffer): CloudTrailDigest {
  const inflated = inflateDigest(bytes);
  let value: unknown;
  try {
    value = JSON.parse(inflated.toString('utf8'));
  } catch (error) {
    throw new DigestFormatError(`digest is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new DigestFormatError('digest is not a JSON object');
  const logFiles = value.logFiles ?? [];
  if (!Array.isArray(logFiles)) throw new DigestFormatError('digest logFiles is not an array');
  return {
    awsAccountId: required(value, 'awsAccountId'),
    digestStartTime: required(value, 'digestStartTime'),
    digestEndTime: required(value, 'digestEndTime'),
    digestS3Bucket: required(value, 'digestS3Bucket'),
    digestS3Object: required(value, 'digestS3Object'),
    digestPublicKeyFingerprint: required(value, 'digestPublicKeyFingerprint'),
    digestSignatureAlgorithm: required(value, 'digestSignatureAlgorithm'),
    newestEventTime: optional(value, 'newestEventTime'),
    oldestEventTime: optional(value, 'oldestEventTime'),
    previousDigestS3Bucket: optional(value, 'previousDigestS3Bucket'),
    previousDigestS3Object: optional(value, 'previousDigestS3Object'),
    previousDigestHashValue: optional(value, 'previousDigestHashValue'),
    previousDigestHashAlgorithm: optional(value, 'previousDigestHashAlgorithm'),
    previousDigestSignature: optional(value, 'previousDigestSignature'),
    logFiles: logFiles.map((entry, index) => {
      if (!isObject(entry)) throw new DigestFormatError(`digest logFiles[${index}] is not an object`);
      return {
        s3Bucket: required(entry, 's3Bucket', `logFiles[${index}].`),
        s3Object: required(entry, 's3Object', `logFiles[${index}].`),
        hashValue: required(entry, 'hashValue', `logFiles[${index}].`),
        hashAlgorithm: required(entry, 'hashAlgorithm', `logFiles[${index}].`),
        newestEventTime: optional(entry, 'newestEventTime', `logFiles[${index}].`),
        oldestEventTime: optional(entry, 'oldestEventTime', `logFiles[${index}].`),
      };
    }),
  };
}

type JsonRecord = Record<string, unknown>;

function isObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function required(object: JsonRecord, key: string, where = ''): string {
  const value = object[key];
  if (typeof value !== 'string') throw new DigestFormatError(`digest ${where}${key} is missing or not a string`);
  return value;
}

function optional(object: JsonRecord, key: string, where = ''): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new DigestFormatError(`digest ${where}${key} is not a string`);
  return value;
}
