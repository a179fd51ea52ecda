import { FileParseError, type EvidenceFormat } from '../../format.js';
import { firstParsed, parseOrUndefined, probeJsonHead } from '../../json/head-probe.js';
import { JsonSplitter } from '../../json/json-splitter.js';
import { emitRecordText } from './emit-records.js';
import { textLooksLikeCloudTrail } from './record-shape.js';
import { holdsCloudTrailEvent } from './sniff-shapes.js';
import { readJsonElements } from '../../json/stream-readers.js';

const RECORDS = { kind: 'member', key: 'Records' } as const;

/** CloudTrail log files as delivered to S3, `{"Records":[…]}`; the console's Event history JSON download too. */
export const cloudTrailS3Format: EvidenceFormat = {
  id: 'cloudtrail-s3',
  source: 'cloudtrail',
  description: 'CloudTrail log file as delivered to S3 ({"Records":[…]}), or Event history downloaded as JSON',
  producesEvents: true,
  sniff(head) {
    const probe = probeJsonHead(head, RECORDS, SNIFF_ELEMENTS);
    if (probe.broken || probe.memberArrays === 0) return false;
    // Several {"Records":[…]} objects, one per line: the NDJSON reader can go on after a bad line.
    if (probe.topLevelValues > 1) return false;
    // The first record that parses decides: a damaged first record (a stray NUL) is refused alone.
    const first = firstParsed(probe.elements);
    if (first !== undefined) return holdsCloudTrailEvent(first);
    // Every record in the head is damaged: only CloudTrail's own keys can tell.
    if (probe.elementCount > 0) return textLooksLikeCloudTrail(head.toString('utf8'));
    // An empty delivery, or a first record longer than the head.
    return probe.endedAtTopLevel || textLooksLikeCloudTrail(head.toString('utf8'));
  },
  async parse(input, sink, context) {
    await readJsonElements(input, sink, context, RECORDS, (text, locator) => emitRecordText(text, locator, sink));
  },
};

/** Records looked at when sniffing: the first that parses decides. */
const SNIFF_ELEMENTS = 8;

/**
 * Whether a head that no sniffer claimed may still be a CloudTrail log file whose records come
 * after other, long members: one JSON object, well formed so far, still open, and no record of
 * `Records` complete in the head (the key not reached yet, or its first record cut off).
 */
export function recordsMayFollow(head: Buffer): boolean {
  const probe = probeJsonHead(head, RECORDS, 0);
  return !probe.broken && probe.topLevelValues === 1 && probe.elementCount === 0 && !probe.endedAtTopLevel;
}

class StopProbe extends Error {}

/**
 * Streams a file's JSON looking for its top-level `Records` array (without keeping anything but
 * the first record), up to `maxBytes`: true when the first record that parses is a CloudTrail
 * event, or the array is empty.
 */
export async function recordsFollow(input: AsyncIterable<Buffer>, maxBytes: number): Promise<boolean> {
  let verdict: boolean | null = null;
  let seen = 0;
  const splitter = new JsonSplitter(
    {
      element(text) {
        const value = parseOrUndefined(text);
        if (value === undefined) return;
        verdict = holdsCloudTrailEvent(value);
        throw new StopProbe();
      },
      oversize() {},
    },
    { mode: RECORDS, maxElementBytes: 8 * 1024 * 1024 },
  );
  const iterator = input[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      seen += next.value.length;
      splitter.push(next.value);
      if (seen > maxBytes || splitter.topLevelValues > 1) return false;
    }
    splitter.end();
    return splitter.memberArrays > 0;
  } catch (error) {
    if (error instanceof StopProbe) return verdict === true;
    if (error instanceof FileParseError) return verdict === true;
    throw error;
  } finally {
    await iterator.return?.();
  }
}
