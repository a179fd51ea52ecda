import type { EvidenceFormat } from '../../format.js';
import { firstNonBlankLine, parseOrUndefined } from '../../json/head-probe.js';
import { emitRecordText } from './emit-records.js';
import { textLooksLikeCloudTrail } from './record-shape.js';
import { headIsWholeFile, holdsCloudTrailEvent } from './sniff-shapes.js';
import { readNonBlankLines } from '../../json/stream-readers.js';

/** `<ISO timestamp> <message>`: each line of a CloudWatch Logs CreateExportTask file. */
const EXPORT_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?) (.*)$/;

/**
 * A CloudWatch Logs export (CreateExportTask to S3) of a trail's log group: text lines
 * `2024-01-01T00:00:00.000Z {"eventVersion":…}`; the JSON after the timestamp is the raw text.
 */
export const cloudTrailCloudWatchExportFormat: EvidenceFormat = {
  id: 'cloudtrail-cloudwatch-export',
  source: 'cloudtrail',
  description: 'CloudWatch Logs export (CreateExportTask) of a CloudTrail log group: "<timestamp> <event JSON>" lines',
  producesEvents: true,
  sniff(head) {
    const line = firstNonBlankLine(head, headIsWholeFile(head));
    const match = line === null ? null : EXPORT_LINE.exec(line.text);
    if (line === null || match === null) return false;
    const message = match[2] ?? '';
    return line.complete ? holdsCloudTrailEvent(parseOrUndefined(message)) : textLooksLikeCloudTrail(message);
  },
  async parse(input, sink, context) {
    await readNonBlankLines(input, sink, context, (text, locator) => {
      const match = EXPORT_LINE.exec(text);
      if (match === null) sink.error(locator, 'expected "<ISO timestamp> <CloudTrail event JSON>"');
      else emitRecordText(match[2] ?? '', locator, sink);
    });
  },
};
