import type { EvidenceFormat } from '../../format.js';
import { parseOrUndefined, probeJsonHead } from '../../json/head-probe.js';
import { emitRecordValue } from './emit-records.js';
import { isJsonObject } from './record-shape.js';
import { holdsCloudTrailEvent } from './sniff-shapes.js';
import { readJsonElements } from '../../json/stream-readers.js';

const EVENTS = { kind: 'member', key: 'events' } as const;

/** Space-separated log lines with many fields (VPC flow logs, S3 access logs, ELB logs). */
const STRUCTURED_TEXT_LOG = /^\S+(?: \S+){7,}/;

/**
 * Whether a CloudWatch Logs message could come from a trail's log group. CloudTrail messages are
 * event JSON; anything recognisably another log (other JSON, flow-log-like lines) is left to the
 * formats that read those, while free text is accepted so each record gets its own clear error.
 */
function messageMayBeCloudTrail(message: string): boolean {
  const trimmed = message.trim();
  if (trimmed.startsWith('{')) return holdsCloudTrailEvent(parseOrUndefined(trimmed));
  return !STRUCTURED_TEXT_LOG.test(trimmed);
}

/**
 * `aws logs get-log-events` / `filter-log-events` output for a trail's log group:
 * `{"events":[{"timestamp":…,"message":"<CloudTrail event JSON>"}],…}`; the message is the raw text.
 */
export const cloudTrailCloudWatchJsonFormat: EvidenceFormat = {
  id: 'cloudtrail-cloudwatch-json',
  source: 'cloudtrail',
  description: 'aws logs get-log-events / filter-log-events output of a CloudTrail log group',
  producesEvents: true,
  sniff(head) {
    const probe = probeJsonHead(head, EVENTS);
    if (probe.broken || probe.memberArrays === 0) return false;
    if (probe.elementCount > 0) {
      const first = probe.elements[0];
      return (
        isJsonObject(first) &&
        typeof first.timestamp === 'number' &&
        typeof first.message === 'string' &&
        messageMayBeCloudTrail(first.message)
      );
    }
    const text = head.toString('utf8');
    return !probe.endedAtTopLevel && /"message"\s*:\s*"\{\\"eventVersion\\"/.test(text);
  },
  async parse(input, sink, context) {
    await readJsonElements(input, sink, context, EVENTS, (text, locator) => {
      const element = parseOrUndefined(text);
      if (!isJsonObject(element)) {
        sink.error(locator, element === undefined ? 'not valid JSON' : 'expected a log event object');
      } else if (typeof element.message !== 'string') {
        sink.error(locator, 'the log event has no message');
      } else {
        // The envelope reader takes the message as the record (and says so when it is not one).
        emitRecordValue({ message: element.message }, text, locator, sink);
      }
    });
  },
};
