import type { EvidenceFormat } from '../../format.js';
import { probeJsonHead } from '../../json/head-probe.js';
import { emitRecordText } from './emit-records.js';
import { textLooksLikeCloudTrail } from './record-shape.js';
import { firstSignificantByte, holdsCloudTrailEvent } from './sniff-shapes.js';
import { readJsonElements } from './stream-readers.js';

const ROOT = { kind: 'root' } as const;

/** A bare JSON array of CloudTrail events (hand-made extracts, `jq '.Records'`, sample collections). */
export const cloudTrailJsonArrayFormat: EvidenceFormat = {
  id: 'cloudtrail-json-array',
  source: 'cloudtrail',
  description: 'JSON array of CloudTrail events',
  producesEvents: true,
  sniff(head) {
    if (firstSignificantByte(head) !== 0x5b) return false;
    const probe = probeJsonHead(head, ROOT);
    if (probe.broken) return false;
    if (probe.elementCount > 0) return holdsCloudTrailEvent(probe.elements[0]);
    // "[]" holds no events but is a valid (empty) extract; a first event longer than the head is checked by keywords.
    return probe.endedAtTopLevel || textLooksLikeCloudTrail(head.toString('utf8'));
  },
  async parse(input, sink, context) {
    await readJsonElements(input, sink, context, ROOT, (text, locator) => emitRecordText(text, locator, sink));
  },
};
