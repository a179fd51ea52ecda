import { generateKeyPairSync, createHash, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { awsLogsKey } from '../../../main/integrity/cloudtrail-digest/s3-key.js';
import { logContentSha256 } from '../../../main/integrity/cloudtrail-digest/log-content-hash.js';
import { parseSignatureSidecar, signatureSidecarPath } from '../../../main/integrity/cloudtrail-digest/signatures.js';
import type { CloudTrailDigest, DigestLogFile } from '../../../main/integrity/cloudtrail-digest/digest-file.js';
import type { CaseLogFile, DigestInput } from '../../../main/integrity/cloudtrail-digest/validate.js';

/** What makeSignedTrail wrote. Paths are absolute; s3Object keys are as the digests list them. */
export interface SignedTrail {
  root: string;
  account: string;
  region: string;
  bucket: string;
  trailName: string;
  /** Oldest first. */
  digests: { path: string; s3Object: string; signatureHex: string }[];
  logs: { path: string; s3Object: string; hour: number }[];
  /** What `aws cloudtrail list-public-keys` would print for the signing key. */
  publicKeysJson: { PublicKeyList: { Value: string; ValidityStartTime: string; ValidityEndTime: string; Fingerprint: string }[] };
  privateKey: KeyObject;
}

export interface SignedTrailOptions {
  /** Hourly digests in the chain (default 3). */
  hours?: number;
  logsPerHour?: number;
  /** S3 key prefix of the trail (the digests list `prefix/AWSLogs/…`). */
  prefix?: string;
  /** Which digests get a `.sig` sidecar (default all). */
  sidecars?: 'all' | 'newest' | 'none';
  /** First digest's start, ms since epoch UTC (default 2026-01-02T00:00:00Z). */
  startMs?: number;
}

const HOUR = 3_600_000;

/** `2026-01-02T01:00:00Z`: the form CloudTrail writes (and signs) in digests. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `20260102T010000Z` for digest names, `20260102T0100Z` for log names. */
function compact(ms: number, seconds: boolean): string {
  const iso = isoSeconds(ms).replace(/[-:]/g, '');
  return seconds ? iso : iso.replace(/\d{2}Z$/, 'Z');
}

function ymd(ms: number): string {
  return isoSeconds(ms).slice(0, 10).replace(/-/g, '/');
}

/**
 * Writes a fake CloudTrail delivery into `root` the way S3 holds it (AWSLogs/<acct>/CloudTrail/…
 * gzip logs, AWSLogs/<acct>/CloudTrail-Digest/… gzip digests), chained and signed with a fresh
 * 2048-bit RSA key exactly as CloudTrail signs (see signatures.ts), plus `.sig` sidecars.
 */
export function makeSignedTrail(root: string, options: SignedTrailOptions = {}): SignedTrail {
  const hours = options.hours ?? 3;
  const logsPerHour = options.logsPerHour ?? 2;
  const prefix = options.prefix ? `${options.prefix}/` : '';
  const startMs = options.startMs ?? Date.UTC(2026, 0, 2);
  const account = '111122223333';
  const region = 'eu-west-1';
  const bucket = 'evidence-trail-bucket';
  const trailName = 'org-trail';
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'pkcs1', format: 'der' });
  const fingerprint = createHash('md5').update(der).digest('hex');

  const trail: SignedTrail = {
    root,
    account,
    region,
    bucket,
    trailName,
    digests: [],
    logs: [],
    publicKeysJson: {
      PublicKeyList: [
        {
          Value: der.toString('base64'),
          ValidityStartTime: isoSeconds(startMs - 30 * 24 * HOUR),
          ValidityEndTime: isoSeconds(startMs + 30 * 24 * HOUR),
          Fingerprint: fingerprint,
        },
      ],
    },
    privateKey,
  };

  let previous: { s3Object: string; sha256: string; signature: string } | null = null;
  for (let hour = 0; hour < hours; hour++) {
    const from = startMs + hour * HOUR;
    const to = from + HOUR;
    const logFiles: DigestLogFile[] = [];
    for (let n = 0; n < logsPerHour; n++) {
      const at = from + ((n + 1) * HOUR) / (logsPerHour + 1);
      const key = `AWSLogs/${account}/CloudTrail/${region}/${ymd(at)}/${account}_CloudTrail_${region}_${compact(at, false)}_h${hour}n${n}.json.gz`;
      const record = { eventVersion: '1.08', eventSource: 'ec2.amazonaws.com', eventTime: isoSeconds(at), eventName: 'DescribeInstances', eventID: `e-${hour}-${n}`, awsRegion: region };
      const gz = gzipSync(Buffer.from(JSON.stringify({ Records: [record] })));
      const path = join(root, key);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, gz);
      trail.logs.push({ path, s3Object: prefix + key, hour });
      logFiles.push({
        s3Bucket: bucket,
        s3Object: prefix + key,
        hashValue: logContentSha256(gz),
        hashAlgorithm: 'SHA-256',
        newestEventTime: record.eventTime,
        oldestEventTime: record.eventTime,
      });
    }
    const digestKey = `AWSLogs/${account}/CloudTrail-Digest/${region}/${ymd(to)}/${account}_CloudTrail-Digest_${region}_${trailName}_${region}_${compact(to, true)}.json.gz`;
    const digest: CloudTrailDigest = {
      awsAccountId: account,
      digestStartTime: isoSeconds(from),
      digestEndTime: isoSeconds(to),
      digestS3Bucket: bucket,
      digestS3Object: prefix + digestKey,
      digestPublicKeyFingerprint: fingerprint,
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: logFiles.at(-1)?.newestEventTime ?? null,
      oldestEventTime: logFiles[0]?.oldestEventTime ?? null,
      previousDigestS3Bucket: previous ? bucket : null,
      previousDigestS3Object: previous?.s3Object ?? null,
      previousDigestHashValue: previous?.sha256 ?? null,
      previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
      previousDigestSignature: previous?.signature ?? null,
      logFiles,
    };
    const json = Buffer.from(JSON.stringify(digest));
    const sha256 = createHash('sha256').update(json).digest('hex');
    // Written independently of signatures.ts's digestSigningString so the test checks the recipe.
    const toSign = `${digest.digestEndTime}\n${bucket}/${digest.digestS3Object}\n${sha256}\n${digest.previousDigestSignature ?? 'null'}`;
    const signature = sign('sha256', Buffer.from(toSign), privateKey).toString('hex');
    const path = join(root, digestKey);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, gzipSync(json));
    const sidecars = options.sidecars ?? 'all';
    if (sidecars === 'all' || (sidecars === 'newest' && hour === hours - 1)) writeFileSync(signatureSidecarPath(path), `${signature}\n`);
    trail.digests.push({ path, s3Object: digest.digestS3Object, signatureHex: signature });
    previous = { s3Object: digest.digestS3Object, sha256, signature };
  }
  return trail;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * What a caller would gather from an evidence tree: digests (with any `.sig` sidecar) and the
 * CloudTrail log files by their AWSLogs/… key, hashed over their uncompressed content.
 */
export function readTrailEvidence(root: string): { digests: DigestInput[]; logFiles: Map<string, CaseLogFile> } {
  const digests: DigestInput[] = [];
  const logFiles = new Map<string, CaseLogFile>();
  for (const path of walk(root).sort()) {
    if (!path.endsWith('.json.gz')) continue;
    const key = awsLogsKey(path);
    if (key === null) continue;
    if (key.includes('/CloudTrail-Digest/')) {
      let signatureHex: string | undefined;
      try {
        signatureHex = parseSignatureSidecar(readFileSync(signatureSidecarPath(path), 'utf8')) ?? undefined;
      } catch {
        signatureHex = undefined;
      }
      digests.push({ path, bytes: readFileSync(path), ...(signatureHex ? { signatureHex } : {}) });
    } else {
      logFiles.set(key, { path, contentSha256: logContentSha256(readFileSync(path)) });
    }
  }
  return { digests, logFiles };
}
