import type { EvidenceFormat } from './format.js';
import { cloudTrailCloudWatchExportFormat } from './sources/cloudtrail/cloudwatch-export.js';
import { cloudTrailCloudWatchJsonFormat } from './sources/cloudtrail/cloudwatch-json.js';
import { cloudTrailCsvFormat } from './sources/cloudtrail/csv.js';
import { cloudTrailDigestFormat } from './sources/cloudtrail/digest.js';
import { cloudTrailJsonArrayFormat } from './sources/cloudtrail/json-array.js';
import { cloudTrailJsonObjectsFormat } from './sources/cloudtrail/json-objects.js';
import { cloudTrailLookupEventsFormat } from './sources/cloudtrail/lookup-events.js';
import { cloudTrailNdjsonFormat } from './sources/cloudtrail/ndjson.js';
import { cloudTrailS3Format } from './sources/cloudtrail/s3.js';

/**
 * Every evidence format, in sniffing order: the first whose sniff() accepts a file's head wins.
 * Shapes with a distinctive wrapper come first; the generic line and bare-JSON readers after them,
 * so that e.g. a digest or a `{"Records":[…]}` file is never read as "some JSON objects".
 */
export const FORMATS: readonly EvidenceFormat[] = [
  cloudTrailDigestFormat,
  cloudTrailS3Format,
  cloudTrailLookupEventsFormat,
  cloudTrailCloudWatchJsonFormat,
  cloudTrailNdjsonFormat,
  cloudTrailCloudWatchExportFormat,
  cloudTrailJsonArrayFormat,
  cloudTrailJsonObjectsFormat,
  cloudTrailCsvFormat,
];

/**
 * The format of a file from the first bytes of its decompressed content (at most SNIFF_BYTES),
 * or null when no format recognises it (empty, binary, or evidence of a kind not read yet).
 */
export function detectFormat(head: Buffer): EvidenceFormat | null {
  if (head.length === 0 || looksBinary(head)) return null;
  return FORMATS.find((format) => format.sniff(head)) ?? null;
}

/** NUL bytes or many control characters: not a text format, whatever else it is. */
function looksBinary(head: Buffer): boolean {
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > sample.length / 32;
}
