import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../main/cli/main.js';
import type { Output } from '../../../main/cli/output.js';
import { cloudTrailRecord, recordsFile, writeEvidence } from '../../fixtures/cloudtrail-records.js';

/** Shared-evidence samples the report tests ingest (real public datasets, see /work/shared/evidence/MANIFEST.md). */
export const SHARED_EVIDENCE = '/work/shared/evidence';
export const ROOT_CREDS = join(SHARED_EVIDENCE, 'panther-analysis/scenario_compromised-root-creds');
export const EC2_PROXY = join(SHARED_EVIDENCE, 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json');

/** Payloads that would run in a browser if the report did not escape them. */
export const PAYLOADS = {
  script: '<script>alert("ua")</script>',
  img: '<img src=x onerror=alert(2)>',
  link: 'javascript:alert(3)',
} as const;

/** Runs `cairn …` in-process, capturing what it prints. */
export async function cairn(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line), isTty: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** Every regular file under a path with its SHA-256, computed here independently of Cairn. */
export function hashesUnder(path: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    if (statSync(current).isDirectory()) for (const name of readdirSync(current)) walk(join(current, name));
    else out.set(current, createHash('sha256').update(readFileSync(current)).digest('hex'));
  };
  walk(path);
  return out;
}

/** Writes the hostile CloudTrail file: three events whose user agent and request parameters carry the payloads. */
export function writePayloadEvidence(dir: string): string {
  const records = [
    cloudTrailRecord(1, { eventName: 'PutBucketPolicy', userAgent: PAYLOADS.script, requestParameters: { bucketName: 'acme-exports', policy: PAYLOADS.img } }),
    cloudTrailRecord(2, { eventName: 'GetObject', userAgent: PAYLOADS.img, requestParameters: { bucketName: 'acme-exports', key: PAYLOADS.link } }),
    cloudTrailRecord(3, { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', userAgent: `${PAYLOADS.link} | [x](${PAYLOADS.link}) \`code\``, requestParameters: { name: PAYLOADS.script } }),
  ];
  return writeEvidence(join(dir, 'hostile', 'payloads.json'), recordsFile(records));
}

/** A temp folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Row ids of events matching a query (oldest first). */
export async function rowIds(casePath: string, query: string): Promise<number[]> {
  const { out } = await cairn('events', casePath, query, '--json');
  return out.map((line) => (JSON.parse(line) as { id: number }).id);
}
