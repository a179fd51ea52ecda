import type { EvidenceFormat } from '../../format.js';
import { completeLines, firstNonBlankLine, parseOrUndefined } from '../../json/head-probe.js';
import { isJsonObject } from './record-shape.js';
import { emitRecordText } from './emit-records.js';
import { textLooksLikeCloudTrail } from './record-shape.js';
import { headIsWholeFile, holdsCloudTrailEvent } from './sniff-shapes.js';
import { readNonBlankLines } from '../../json/stream-readers.js';

/** Lines of the head looked at when sniffing. */
const SNIFF_LINES = 16;

/**
 * One CloudTrail event per line, as SIEM and log shippers export them: plain records, Logstash
 * (@timestamp/@version), `{"Records":[…]}` per line (Firehose), or wrapped in EventBridge,
 * Elasticsearch `_source`, Panther test cases or CloudWatch `{"message": …}` envelopes.
 */
export const cloudTrailNdjsonFormat: EvidenceFormat = {
  id: 'cloudtrail-ndjson',
  source: 'cloudtrail',
  description: 'CloudTrail events as JSON lines (NDJSON), plain or in a common envelope',
  producesEvents: true,
  sniff(head) {
    const line = firstNonBlankLine(head, headIsWholeFile(head));
    if (line === null) return false;
    // A lone "{" or "[" opens pretty-printed JSON, which other formats read.
    if (/^\s*[[{]\s*$/.test(line.text)) return false;
    // The first line that parses as an object decides: a truncated or garbage first line is
    // refused alone when parsing, it does not hide the file.
    for (const text of completeLines(head, headIsWholeFile(head), SNIFF_LINES)) {
      const value = parseOrUndefined(text);
      if (isJsonObject(value)) return holdsCloudTrailEvent(value);
    }
    if (!line.text.trimStart().startsWith('{')) return false;
    if (line.complete) return false;
    // A first line longer than the head: it must at least start like a one-line record.
    return /^\s*\{\s*"/.test(line.text) && textLooksLikeCloudTrail(line.text);
  },
  async parse(input, sink, context) {
    await readNonBlankLines(input, sink, context, (text, locator) => emitRecordText(text, locator, sink));
  },
};
