import type { EvidenceFormat } from '../../format.js';
import { firstParsed, probeJsonHead } from '../../json/head-probe.js';
import { emitRecordText } from './emit-records.js';
import { textLooksLikeCloudTrail } from './record-shape.js';
import { firstSignificantByte, holdsCloudTrailEvent } from './sniff-shapes.js';
import { readJsonElements } from '../../json/stream-readers.js';

const ROOT = { kind: 'root' } as const;
/** Elements looked at when sniffing. */
const SNIFF_ELEMENTS = 8;

/**
 * One or more bare CloudTrail events as pretty-printed JSON objects: an event copied from the
 * console, `jq '.Records[]'` output, a sample saved from documentation.
 */
export const cloudTrailJsonObjectsFormat: EvidenceFormat = {
  id: 'cloudtrail-json-objects',
  source: 'cloudtrail',
  description: 'CloudTrail events as bare (pretty-printed) JSON objects',
  producesEvents: true,
  sniff(head) {
    if (firstSignificantByte(head) !== 0x7b) return false;
    const probe = probeJsonHead(head, ROOT, SNIFF_ELEMENTS);
    if (probe.broken) return false;
    // The first element that parses decides: a damaged first one (a stray NUL) is refused alone.
    const first = firstParsed(probe.elements);
    if (first !== undefined) return holdsCloudTrailEvent(first);
    // Every event in the head is damaged, or the first is longer than the head: keywords, but not
    // a wrapper that other formats own.
    const text = head.toString('utf8');
    return (
      textLooksLikeCloudTrail(text) && !/^\s*\{\s*"(?:Records|Events|events)"\s*:/.test(text.replace(/^\uFEFF/, ''))
    );
  },
  async parse(input, sink, context) {
    await readJsonElements(input, sink, context, ROOT, (text, locator) => emitRecordText(text, locator, sink));
  },
};
