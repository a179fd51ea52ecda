import type { EvidenceFormat } from '../../format.js';
import { probeJsonHead } from '../../json/head-probe.js';
import { emitRecordText } from './emit-records.js';
import { textLooksLikeCloudTrail } from './record-shape.js';
import { holdsCloudTrailEvent } from './sniff-shapes.js';
import { readJsonElements } from './stream-readers.js';

const RECORDS = { kind: 'member', key: 'Records' } as const;

/** CloudTrail log files as delivered to S3, `{"Records":[…]}`; the console's Event history JSON download too. */
export const cloudTrailS3Format: EvidenceFormat = {
  id: 'cloudtrail-s3',
  source: 'cloudtrail',
  description: 'CloudTrail log file as delivered to S3 ({"Records":[…]}), or Event history downloaded as JSON',
  producesEvents: true,
  sniff(head) {
    const probe = probeJsonHead(head, RECORDS);
    if (probe.broken || probe.memberArrays === 0) return false;
    // Several {"Records":[…]} objects, one per line: the NDJSON reader can go on after a bad line.
    if (probe.topLevelValues > 1) return false;
    if (probe.elementCount > 0) return holdsCloudTrailEvent(probe.elements[0]);
    // An empty delivery, or a first record longer than the head.
    return probe.endedAtTopLevel || textLooksLikeCloudTrail(head.toString('utf8'));
  },
  async parse(input, sink, context) {
    await readJsonElements(input, sink, context, RECORDS, (text, locator) => emitRecordText(text, locator, sink));
  },
};
