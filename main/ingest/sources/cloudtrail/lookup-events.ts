import type { EvidenceFormat } from '../../format.js';
import { parseOrUndefined, probeJsonHead } from '../../json/head-probe.js';
import { emitRecordText } from './emit-records.js';
import { isJsonObject } from './record-shape.js';
import { readJsonElements } from '../../json/stream-readers.js';

const EVENTS = { kind: 'member', key: 'Events' } as const;

/**
 * `aws cloudtrail lookup-events` output (the LookupEvents API): `{"Events":[…]}` whose elements
 * carry the real record as an escaped JSON string in `CloudTrailEvent`; that string is the raw text.
 */
export const cloudTrailLookupEventsFormat: EvidenceFormat = {
  id: 'cloudtrail-lookup-events',
  source: 'cloudtrail',
  description: 'aws cloudtrail lookup-events output ({"Events":[{…,"CloudTrailEvent":"…"}]})',
  producesEvents: true,
  sniff(head) {
    const probe = probeJsonHead(head, EVENTS);
    if (probe.broken || probe.memberArrays === 0) return false;
    if (probe.elementCount > 0) {
      const first = probe.elements[0];
      return isJsonObject(first) && typeof first.CloudTrailEvent === 'string';
    }
    // An empty "Events" list says nothing about its origin; a long first element is checked by keywords.
    const text = head.toString('utf8');
    return !probe.endedAtTopLevel && text.includes('"CloudTrailEvent"') && text.includes('"EventId"');
  },
  async parse(input, sink, context) {
    await readJsonElements(input, sink, context, EVENTS, (text, locator) => {
      const element = parseOrUndefined(text);
      if (!isJsonObject(element)) {
        sink.error(locator, element === undefined ? 'not valid JSON' : 'expected a LookupEvents event object');
      } else if (typeof element.CloudTrailEvent !== 'string') {
        sink.error(locator, 'the event has no CloudTrailEvent string');
      } else {
        emitRecordText(element.CloudTrailEvent, locator, sink);
      }
    });
  },
};
