import { gunzipSync } from 'node:zlib';
import { isGzip } from './digest-file.js';
import { sha256Hex } from './signatures.js';

/**
 * Hex SHA-256 of a log file's uncompressed content: what a digest's `hashValue` is (CloudTrail and
 * `validate-logs` hash the inflated JSON, not the .json.gz object). A file that is not gzip is
 * hashed as it is (a log someone already unpacked still matches).
 */
export function logContentSha256(bytes: Buffer): string {
  return sha256Hex(isGzip(bytes) ? gunzipSync(bytes) : bytes);
}
