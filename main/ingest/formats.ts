import { SNIFF_BYTES, type EvidenceFormat, type EvidenceRecognizer, type Recognition } from './format.js';
import { cloudTrailCloudWatchExportFormat } from './sources/cloudtrail/cloudwatch-export.js';
import { cloudTrailCloudWatchJsonFormat } from './sources/cloudtrail/cloudwatch-json.js';
import { cloudTrailCsvFormat } from './sources/cloudtrail/csv.js';
import { cloudTrailDigestFormat, cloudTrailDigestSignatureFormat } from './sources/cloudtrail/digest.js';
import { cloudTrailJsonArrayFormat } from './sources/cloudtrail/json-array.js';
import { cloudTrailJsonObjectsFormat } from './sources/cloudtrail/json-objects.js';
import { cloudTrailLookupEventsFormat } from './sources/cloudtrail/lookup-events.js';
import { cloudTrailNdjsonFormat } from './sources/cloudtrail/ndjson.js';
import { cloudTrailS3Format, recordsFollow, recordsMayFollow } from './sources/cloudtrail/s3.js';
import { unsupportedEvidence } from './sources/recognizers.js';
import { vpcFlowFormat } from './sources/vpcflow/format.js';
import { route53PublicFormat, route53ResolverFormat } from './sources/route53/formats.js';
import { IAM_SNAPSHOT_FORMATS } from './sources/iam/snapshot-formats.js';
import { NETWORK_SNAPSHOT_FORMATS } from './sources/network/snapshot-formats.js';
import type { SnapshotFormat } from './snapshot-format.js';

/**
 * Every readable format with the confidence its sniffer earns. Shapes with a distinctive wrapper
 * are the most certain; the generic line and bare-JSON readers less so, so that e.g. a digest or a
 * `{"Records":[…]}` file is never read as "some JSON objects", and a VPC flow log recognised by its
 * own sniffer is not mistaken for anything generic.
 */
export const FORMATS: readonly { format: EvidenceFormat; confidence: number }[] = [
  { format: cloudTrailDigestFormat, confidence: 0.99 },
  { format: cloudTrailDigestSignatureFormat, confidence: 0.9 },
  { format: cloudTrailS3Format, confidence: 0.98 },
  { format: cloudTrailLookupEventsFormat, confidence: 0.97 },
  { format: cloudTrailCloudWatchJsonFormat, confidence: 0.96 },
  { format: cloudTrailNdjsonFormat, confidence: 0.95 },
  { format: cloudTrailCloudWatchExportFormat, confidence: 0.94 },
  { format: cloudTrailJsonArrayFormat, confidence: 0.7 },
  { format: cloudTrailJsonObjectsFormat, confidence: 0.6 },
  { format: cloudTrailCsvFormat, confidence: 0.75 },
  { format: vpcFlowFormat, confidence: 0.9 },
  { format: route53ResolverFormat, confidence: 0.9 },
  { format: route53PublicFormat, confidence: 0.9 },
];

/** Snapshot formats (IAM, network): state read into versioned resource states. */
export const SNAPSHOT_FORMATS: readonly SnapshotFormat[] = [...IAM_SNAPSHOT_FORMATS, ...NETWORK_SNAPSHOT_FORMATS];

/**
 * No snapshot sniffer or recogniser claims more than this (the IAM credential report's header is
 * the most certain, at 0.98); a test holds them to it.
 */
export const SNAPSHOT_AND_RECOGNIZER_CEILING = 0.98;

/** Evidence recognised but not read yet (recorded as `unsupported`). */
export const RECOGNIZERS: readonly EvidenceRecognizer[] = [unsupportedEvidence];

/**
 * What a file is, from the first bytes of its decompressed content (at most SNIFF_BYTES): the most
 * confident of every readable format and every recogniser, or null when nothing recognises it
 * (empty, binary, or unknown).
 */
export function detectFormat(head: Buffer): Recognition | null {
  if (head.length === 0 || looksBinary(head)) return null;
  let best: Recognition | null = null;
  for (const { format, confidence } of FORMATS) {
    if ((best === null || confidence > best.confidence) && format.sniff(head)) best = { id: format.id, confidence, format };
  }
  // Nothing below can win (a tie goes to the earlier): skip their sniffing, most of detection's time.
  if (best !== null && best.confidence >= SNAPSHOT_AND_RECOGNIZER_CEILING) return best;
  const text = head.toString('utf8');
  for (const snapshot of SNAPSHOT_FORMATS) {
    const confidence = snapshot.sniff(text);
    if (confidence > 0 && (best === null || confidence > best.confidence)) best = { id: snapshot.id, confidence, snapshot };
  }
  for (const recognizer of RECOGNIZERS) {
    const found = recognizer.recognize(text);
    if (found && (best === null || found.confidence > best.confidence)) best = { id: found.format, confidence: found.confidence };
  }
  return best;
}

/**
 * Many control characters (NUL included): not a text format, whatever else it is. A few are
 * tolerated, so that a text export with a stray NUL or two is still recognised and only the
 * records holding them are refused.
 */
function looksBinary(head: Buffer): boolean {
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > Math.max(2, sample.length / 32);
}

/** How far past the head the second probe for a late `Records` key reads, at most. */
export const DEEP_PROBE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Second, streaming look at a file nothing recognised from its head, for the one case where the
 * head cannot tell: a JSON object whose first members (longer than the head) are not CloudTrail's,
 * with `Records` further on. Reads at most DEEP_PROBE_MAX_BYTES of `reopen()`'s content, keeping
 * nothing but the first record; null when that is not a CloudTrail log file either.
 */
export async function detectBeyondHead(
  head: Buffer,
  reopen: () => Promise<AsyncIterable<Buffer>>,
): Promise<Recognition | null> {
  if (head.length < SNIFF_BYTES || looksBinary(head) || !recordsMayFollow(head)) return null;
  if (!(await recordsFollow(await reopen(), DEEP_PROBE_MAX_BYTES))) return null;
  const entry = FORMATS.find(({ format }) => format === cloudTrailS3Format);
  return entry ? { id: entry.format.id, confidence: entry.confidence, format: entry.format } : null;
}

/** The readable format of a file's head, or null when none reads it (tests and tools). */
export function sniffFormat(head: Buffer): EvidenceFormat | null {
  return detectFormat(head)?.format ?? null;
}
