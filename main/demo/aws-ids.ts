import type { Rng } from './prng.js';

/** IAM unique ids and access key ids use upper-case base32 after a 4-letter type prefix. */
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const UNIQUE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${BASE62}+/`;

/** A long-term (AKIA…) or temporary (ASIA…) access key id: 20 characters. */
export function accessKeyId(rng: Rng, kind: 'AKIA' | 'ASIA'): string {
  return kind + rng.chars(16, KEY_ALPHABET);
}

/** An IAM unique id: AIDA… for users, AROA… for roles: 21 characters. */
export function uniqueId(rng: Rng, kind: 'AIDA' | 'AROA'): string {
  return kind + rng.chars(17, UNIQUE_ID_ALPHABET);
}

/** S3's request id: 16 upper-case hex digits. */
export function s3RequestId(rng: Rng): string {
  return rng.hex(16).toUpperCase();
}

/** S3's extended request id (x-amz-id-2), base64 text. */
export function s3ExtendedRequestId(rng: Rng): string {
  return `${rng.chars(75, BASE64)}=`;
}

/** An STS session token: long base64 text starting like the real ones. */
export function sessionToken(rng: Rng, length: number): string {
  return `IQoJb3JpZ2luX2Vj${rng.chars(length - 16, BASE64)}`;
}

/** A resource id such as i-0123456789abcdef0 (17 hex digits after the prefix). */
export function ec2Id(rng: Rng, prefix: string): string {
  return `${prefix}-0${rng.hex(16)}`;
}

/** `length` letters and digits (file name suffixes, secret-ish strings). */
export function alphanumeric(rng: Rng, length: number): string {
  return rng.chars(length, BASE62);
}
