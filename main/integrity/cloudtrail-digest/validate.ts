import { verify, type KeyObject } from 'node:crypto';
import { parseEventTime } from '../../ingest/sources/cloudtrail/event-time.js';
import { inflateDigest, parseDigest, type CloudTrailDigest } from './digest-file.js';
import { awsLogsKey } from './s3-key.js';
import { digestSigningString, sha256Hex } from './signatures.js';

/** A digest file the case holds; `signatureHex` from a sidecar (see signatures.ts) when there is one. */
export interface DigestInput {
  path: string;
  bytes: Buffer;
  signatureHex?: string;
}

/** A log file the case holds. `contentSha256`: hex SHA-256 of its uncompressed content (logContentSha256). */
export interface CaseLogFile {
  path: string;
  contentSha256: string;
}

export interface ValidateDigestsInput {
  digests: DigestInput[];
  /** By lower-case hex fingerprint (parsePublicKeys). */
  publicKeys: Map<string, KeyObject>;
  /** The case's CloudTrail log files by S3 key (any key or path ending in `AWSLogs/…`; see awsLogsKey). */
  logFiles: Map<string, CaseLogFile>;
}

/**
 * valid: verified with the key the digest names. invalid: verification failed (or the hex is
 * malformed). unverifiable: no signature to check (no sidecar, and no later digest quoting it) or an
 * algorithm other than SHA256withRSA. unknown-key: no public key with the digest's fingerprint.
 */
export type SignatureStatus = 'valid' | 'invalid' | 'unverifiable' | 'unknown-key';

/**
 * ok: the previous digest is held and this digest's previousDigestHashValue / previousDigestSignature
 * match it. broken: held but they do not match. start: first digest of a chain (previous fields
 * null), or the earliest digest held of its trail. gap: the previous digest it names is not held.
 */
export type ChainStatus = 'ok' | 'broken' | 'start' | 'gap';

/** The verdict on one digest file. Times: integer ms since epoch UTC (null when unreadable). */
export interface DigestResult {
  path: string;
  s3Object: string;
  /** Trail and region the digest belongs to (its S3 file name without the time stamp). */
  trail: string;
  startMs: number | null;
  endMs: number | null;
  signature: SignatureStatus;
  /** Where the checked signature came from: the caller's sidecar, or the next digest, which signs it in. */
  signatureSource: 'sidecar' | 'next-digest' | null;
  chain: ChainStatus;
  /** Why the chain is not ok (or the previous digest a chain start refers to). */
  chainNote?: string;
  /** Whether the file's path ends in the S3 key the digest says it was written to; null when the path has no AWSLogs/ part. */
  locationMatches: boolean | null;
  logFileCount: number;
}

/** A listed log file. `expectedSha256` is the digest's hashValue (uncompressed content). */
export interface LogFileResult {
  s3Object: string;
  /** The digest that lists it. */
  digestS3Object: string;
  expectedSha256: string;
  status: 'ok' | 'modified' | 'missing';
  path?: string;
}

/** Time no digest covers between two consecutive digests of one trail (ms since epoch UTC). */
export interface DigestGap {
  trail: string;
  afterS3Object: string;
  beforeS3Object: string;
  fromMs: number | null;
  toMs: number | null;
}

/** What validateDigests found. */
export interface DigestReport {
  digests: DigestResult[];
  /** Digest files that could not be parsed. */
  unreadable: { path: string; error: string }[];
  logFiles: LogFileResult[];
  /** Case log files that no digest lists. */
  notCovered: { s3Object: string; path: string }[];
  gaps: DigestGap[];
}

interface Loaded {
  input: DigestInput;
  digest: CloudTrailDigest;
  key: string;
  trail: string;
  inflatedSha256: string;
  startMs: number | null;
  endMs: number | null;
}

/**
 * Offline CloudTrail log file integrity validation, the checks of `aws cloudtrail validate-logs`
 * without S3: each digest's RSA signature, the chain of digests (hash and signature of the previous
 * one), the hash of every log file listed against what the case holds, log files no digest covers,
 * and hours no digest covers. Pure: bytes in, report out.
 */
export function validateDigests(input: ValidateDigestsInput): DigestReport {
  const unreadable: DigestReport['unreadable'] = [];
  const loaded: Loaded[] = [];
  for (const item of input.digests) {
    try {
      const digest = parseDigest(item.bytes);
      loaded.push({
        input: item,
        digest,
        key: keyOf(digest.digestS3Object),
        trail: trailOf(digest),
        inflatedSha256: sha256Hex(inflateDigest(item.bytes)),
        startMs: parseEventTime(digest.digestStartTime),
        endMs: parseEventTime(digest.digestEndTime),
      });
    } catch (error) {
      unreadable.push({ path: item.path, error: (error as Error).message });
    }
  }
  loaded.sort(
    (a, b) =>
      compare(a.trail, b.trail) || (a.endMs ?? 0) - (b.endMs ?? 0) || compare(a.digest.digestEndTime, b.digest.digestEndTime),
  );

  const byKey = new Map<string, Loaded>();
  for (const item of loaded) if (!byKey.has(item.key)) byKey.set(item.key, item);
  // The next digest signs its predecessor's signature in: with a sidecar on the newest digest
  // only, every earlier signature can still be checked.
  const quotedSignature = new Map<string, string>();
  for (const item of loaded) {
    const previous = item.digest.previousDigestS3Object;
    if (previous !== null && item.digest.previousDigestSignature !== null) {
      quotedSignature.set(keyOf(previous), item.digest.previousDigestSignature.toLowerCase());
    }
  }

  const signatureOf = new Map<Loaded, string | null>();
  const digests: DigestResult[] = [];
  const gaps: DigestGap[] = [];
  loaded.forEach((item, index) => {
    const sidecar = item.input.signatureHex?.trim().toLowerCase();
    const signatureHex = sidecar || quotedSignature.get(item.key) || null;
    signatureOf.set(item, sidecar || null);
    const earlier = index > 0 && loaded[index - 1]?.trail === item.trail ? loaded[index - 1] : undefined;
    if (earlier && earlier.digest.digestEndTime !== item.digest.digestStartTime) {
      gaps.push({
        trail: item.trail,
        afterS3Object: earlier.digest.digestS3Object,
        beforeS3Object: item.digest.digestS3Object,
        fromMs: earlier.endMs,
        toMs: item.startMs,
      });
    }
    const pathKey = awsLogsKey(item.input.path);
    digests.push({
      path: item.input.path,
      s3Object: item.digest.digestS3Object,
      trail: item.trail,
      startMs: item.startMs,
      endMs: item.endMs,
      signature: checkSignature(item, signatureHex, input.publicKeys),
      signatureSource: sidecar ? 'sidecar' : signatureHex ? 'next-digest' : null,
      ...checkChain(item, earlier !== undefined, byKey, signatureOf),
      locationMatches: pathKey === null ? null : pathKey === item.key,
      logFileCount: item.digest.logFiles.length,
    });
  });

  const held = new Map<string, { s3Object: string; file: CaseLogFile }>();
  for (const [s3Object, file] of input.logFiles) held.set(keyOf(s3Object), { s3Object, file });
  const covered = new Set<string>();
  const logFiles: LogFileResult[] = [];
  for (const item of loaded) {
    for (const listed of item.digest.logFiles) {
      const key = keyOf(listed.s3Object);
      covered.add(key);
      const found = held.get(key);
      const expectedSha256 = listed.hashValue.toLowerCase();
      const base = { s3Object: listed.s3Object, digestS3Object: item.digest.digestS3Object, expectedSha256 };
      if (!found) logFiles.push({ ...base, status: 'missing' });
      else {
        const status = found.file.contentSha256.toLowerCase() === expectedSha256 ? 'ok' : 'modified';
        logFiles.push({ ...base, status, path: found.file.path });
      }
    }
  }
  const notCovered = [...held]
    .filter(([key]) => !covered.has(key))
    .map(([, { s3Object, file }]) => ({ s3Object, path: file.path }))
    .sort((a, b) => compare(a.s3Object, b.s3Object));

  return { digests, unreadable, logFiles, notCovered, gaps };
}

const SIGNATURE_HEX = /^(?:[0-9a-f]{2})+$/;

function checkSignature(item: Loaded, signatureHex: string | null, keys: Map<string, KeyObject>): SignatureStatus {
  if (signatureHex === null || item.digest.digestSignatureAlgorithm !== 'SHA256withRSA') return 'unverifiable';
  const key = keys.get(item.digest.digestPublicKeyFingerprint.toLowerCase());
  if (!key) return 'unknown-key';
  if (!SIGNATURE_HEX.test(signatureHex)) return 'invalid';
  const signed = Buffer.from(digestSigningString(item.digest, item.inflatedSha256), 'utf8');
  try {
    // An RSA KeyObject verifies with PKCS#1 v1.5 padding by default: "SHA256withRSA".
    return verify('sha256', signed, key, Buffer.from(signatureHex, 'hex')) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

function checkChain(
  item: Loaded,
  hasEarlier: boolean,
  byKey: Map<string, Loaded>,
  sidecarSignatures: Map<Loaded, string | null>,
): { chain: ChainStatus; chainNote?: string } {
  const { previousDigestS3Object, previousDigestHashValue, previousDigestSignature } = item.digest;
  if (previousDigestS3Object === null) return { chain: 'start' };
  const previous = byKey.get(keyOf(previousDigestS3Object));
  if (!previous) {
    return hasEarlier
      ? { chain: 'gap', chainNote: `previous digest ${previousDigestS3Object} is not in the case` }
      : { chain: 'start', chainNote: `earliest digest held; its previous digest ${previousDigestS3Object} is not in the case` };
  }
  const problems: string[] = [];
  if ((previousDigestHashValue ?? '').toLowerCase() !== previous.inflatedSha256) {
    problems.push('previousDigestHashValue does not match the previous digest file');
  }
  const previousSignature = sidecarSignatures.get(previous) ?? null;
  if (previousSignature !== null && (previousDigestSignature ?? '').toLowerCase() !== previousSignature) {
    problems.push("previousDigestSignature does not match the previous digest's signature");
  }
  return problems.length === 0 ? { chain: 'ok' } : { chain: 'broken', chainNote: problems.join('; ') };
}

/** Digests and logs are matched by their AWSLogs/… tail; a key without one is used whole. */
function keyOf(s3Object: string): string {
  return awsLogsKey(s3Object) ?? s3Object;
}

/** `<acct>_CloudTrail-Digest_<region>_<trail>_<home region>`: one chain per trail and region. */
function trailOf(digest: CloudTrailDigest): string {
  const name = digest.digestS3Object.split('/').at(-1) ?? '';
  const stem = name.replace(/_\d{8}T\d{6}Z\.json(?:\.gz)?$/, '');
  return stem !== name && stem !== '' ? stem : `${digest.awsAccountId}_${digest.digestS3Bucket}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
