import type { EvidenceFormat } from '../../format.js';
import { firstParsed, probeJsonHead } from '../../json/head-probe.js';
import { emitRecordText } from './emit-records.js';
import { textLooksLikeCloudTrail } from './record-shape.js';
import { firstSignificantByte, holdsCloudTrailEvent } from './sniff-shapes.js';
import { readJsonElements } from '../../json/stream-readers.js';

const ROOT = { kind: 'root' } as const;
/** Elements looked at when sniffing. */
const SNIFF_ELEMENTS = 8;

/** A bare JSON array of CloudTrail events (hand-made extracts, `jq '.Records'`, sample collections). */
export const cloudTrailJsonArrayFormat: EvidenceFormat = {
  id: 'cloudtrail-json-array',
  source: 'cloudtrail',
  description: 'JSON array of CloudTrail events',
  producesEvents: true,
  sniff(head) {
    if (firstSignificantByte(head) !== 0x5b) return false;
    const probe = probeJsonHead(head, ROOT, SNIFF_ELEMENTS);
    if (probe.broken) return false;
    // The first element that parses decides: a damaged first one (a stray NUL) is refused alone.
    const first = firstParsed(probe.elements);
    if (first !== undefined) return holdsCloudTrailEvent(first);
    // Every record in the head is damaged: only CloudTrail's own keys can tell.
    if (probe.elementCount > 0) return textLooksLikeCloudTrail(head.toString('utf8'));
    // "[]" holds no events but is a valid (empty) extract; a first event longer than the head is checked by keywords.
    return probe.endedAtTopLevel || textLooksLikeCloudTrail(head.toString('utf8'));
  },
  async parse(input, sink, context) {
    await readJsonElements(input, sink, context, ROOT, (text, locator) => emitRecordText(text, locator, sink));
  },
};
