import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** A key that cannot be used: not list-public-keys output, or not a DER PKCS#1 RSA public key. */
export class PublicKeyFormatError extends Error {
  override name = 'PublicKeyFormatError';
}

/**
 * The digest-signing keys from `aws cloudtrail list-public-keys` output
 * (`{"PublicKeyList":[{"Value","ValidityStartTime","ValidityEndTime","Fingerprint"}]}`), by
 * lower-case hex fingerprint. `Value` is the base64 of a DER PKCS#1 RSAPublicKey (the CLI's own
 * validator base64-decodes it and loads it as PKCS#1 DER). The map is keyed by the `Fingerprint`
 * AWS gives; when an entry has none, by the MD5 hex of the DER key bytes. A bare array of entries
 * is accepted too.
 */
export function parsePublicKeys(json: unknown): Map<string, KeyObject> {
  const list = Array.isArray(json) ? json : isObject(json) ? json.PublicKeyList : undefined;
  if (!Array.isArray(list)) throw new PublicKeyFormatError('expected list-public-keys output with a PublicKeyList array');
  const keys = new Map<string, KeyObject>();
  list.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry.Value !== 'string') {
      throw new PublicKeyFormatError(`PublicKeyList[${index}] has no base64 Value`);
    }
    const der = Buffer.from(entry.Value, 'base64');
    let key: KeyObject;
    try {
      key = createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
    } catch (error) {
      throw new PublicKeyFormatError(`PublicKeyList[${index}] is not a DER PKCS#1 RSA key: ${(error as Error).message}`);
    }
    const fingerprint =
      typeof entry.Fingerprint === 'string' && entry.Fingerprint !== ''
        ? entry.Fingerprint.toLowerCase()
        : publicKeyFingerprint(der);
    keys.set(fingerprint, key);
  });
  return keys;
}

/** MD5 hex of DER key bytes: the form of `digestPublicKeyFingerprint`. */
export function publicKeyFingerprint(der: Uint8Array): string {
  return createHash('md5').update(der).digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
