import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { findEvidenceFiles } from '../ingest/walk.js';
import {
  awsLogsKey,
  logContentSha256,
  parsePublicKeys,
  parseSignatureSidecar,
  signatureSidecarPath,
  validateDigests,
  type CaseLogFile,
  type DigestInput,
  type DigestReport,
} from '../integrity/cloudtrail-digest/index.js';

/** The digest report with its verdict: false when any log file is modified or missing, any signature invalid, or the chain broken. */
export interface DigestVerification {
  ok: boolean;
  report: DigestReport;
}

const isDigest = (path: string) => /[/\\]CloudTrail-Digest[/\\]/.test(path) && /\.json(\.gz)?$/.test(path);
const isLog = (path: string) => /[/\\]CloudTrail[/\\]/.test(path) && /\.json(\.gz)?$/.test(path);

/**
 * Validates a delivered CloudTrail tree offline: the `CloudTrail-Digest/` files under `paths`
 * (with `<digest>.sig` signature sidecars when present), the trail's public keys (`aws cloudtrail
 * list-public-keys` JSON), and every log file under `paths`, matched by its `AWSLogs/…` key.
 */
export async function verifyCloudTrailDigests(paths: readonly string[], publicKeysPath: string): Promise<DigestVerification> {
  const publicKeys = parsePublicKeys(JSON.parse(await readFile(publicKeysPath, 'utf8')) as unknown);
  const digests: DigestInput[] = [];
  const logFiles = new Map<string, CaseLogFile>();
  for (const file of await findEvidenceFiles([...paths])) {
    if (isDigest(file.path)) {
      const sidecar = signatureSidecarPath(file.path);
      const signatureHex = existsSync(sidecar) ? parseSignatureSidecar(await readFile(sidecar, 'utf8')) : null;
      digests.push({ path: file.path, bytes: await readFile(file.path), ...(signatureHex ? { signatureHex } : {}) });
    } else if (isLog(file.path)) {
      const key = awsLogsKey(file.path);
      if (key) logFiles.set(key, { path: file.path, contentSha256: logContentSha256(await readFile(file.path)) });
    }
  }
  const report = validateDigests({ digests, publicKeys, logFiles });
  const ok =
    report.unreadable.length === 0 &&
    report.logFiles.every((log) => log.status === 'ok') &&
    report.digests.every((digest) => digest.signature !== 'invalid' && (digest.chain === 'ok' || digest.chain === 'start')) &&
    report.gaps.length === 0;
  return { ok, report };
}
