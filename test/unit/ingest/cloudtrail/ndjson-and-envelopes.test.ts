import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../../main/ingest/formats.js';
import { cloudTrailNdjsonFormat } from '../../../../main/ingest/sources/cloudtrail/ndjson.js';
import { cloudTrailS3Format } from '../../../../main/ingest/sources/cloudtrail/s3.js';
import { parseWith } from '../test-helpers.js';

const record = (name: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::1:user/${name}`, userName: name },
  eventTime: '2023-01-02T03:04:05Z',
  eventSource: 'sts.amazonaws.com',
  eventName: 'GetCallerIdentity',
  awsRegion: 'us-east-1',
  recipientAccountId: '1',
  ...extra,
});

const lines = (...values: unknown[]) =>
  Buffer.from(values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n'));

describe('cloudtrail-ndjson envelopes', () => {
  it('unwraps EventBridge, Elasticsearch _source, Panther and CloudWatch message envelopes, raw = the inner record', async () => {
    const inner = record('eve');
    const innerText = JSON.stringify(inner);
    const data = Buffer.from(
      [
        `{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.sts","detail":${innerText}}`,
        `{"_index":"cloudtrail-2023","_id":"x","_source":${innerText}}`,
        `{"log_type":"AWS.CloudTrail","log":${innerText},"expected_result":true}`,
        JSON.stringify({ message: innerText, timestamp: 1 }),
        `{"detail-type":"AWS Console Sign In via CloudTrail","detail":${innerText}}`,
      ].join('\r\n'),
    );
    expect(sniffFormat(data)?.id).toBe('cloudtrail-ndjson');
    const { events, errors } = await parseWith(cloudTrailNdjsonFormat, data, { chunkSize: 11 });
    expect(errors).toEqual([]);
    expect(events.map((e) => e.locator)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    for (const { event } of events) {
      expect(event.userName).toBe('eve');
      expect(event.raw).toBe(innerText);
    }
  });

  it('reads one {"Records":[…]} object per line, locating each record inside its line', async () => {
    const data = lines({ Records: [record('a'), record('b')] }, { Records: [] }, { Records: [record('c')] });
    expect(sniffFormat(data)?.id).toBe('cloudtrail-ndjson');
    const { events, errors } = await parseWith(cloudTrailNdjsonFormat, data);
    expect(errors).toEqual([]);
    expect(events.map((e) => [e.locator, e.event.userName])).toEqual([
      ['line 1 record 1', 'a'],
      ['line 1 record 2', 'b'],
      ['line 3 record 1', 'c'],
    ]);
    expect(events[1]?.event.raw).toBe(JSON.stringify(record('b')));
  });

  it('skips blank lines silently and reports non-JSON and non-CloudTrail lines, then goes on', async () => {
    const data = lines(
      record('a'),
      '',
      '   ',
      'this is not json',
      { log_type: 'AWS.GuardDuty', log: { id: 'finding' } },
      { 'detail-type': 'GuardDuty Finding', detail: {} },
      { message: 'plain text' },
      record('b'),
    );
    const { events, errors } = await parseWith(cloudTrailNdjsonFormat, data);
    expect(events.map((e) => [e.locator, e.event.userName])).toEqual([
      ['line 1', 'a'],
      ['line 8', 'b'],
    ]);
    expect(errors.map((e) => e.locator)).toEqual(['line 4', 'line 5', 'line 6', 'line 7']);
    expect(errors[0]?.message).toMatch(/^not valid JSON/);
    expect(errors[1]?.message).toBe('log_type "AWS.GuardDuty" is not AWS.CloudTrail');
    expect(errors[2]?.message).toBe('EventBridge event of type "GuardDuty Finding" is not a CloudTrail event');
    expect(errors[3]?.message).toBe('the log message is not a CloudTrail event: "plain text"');
  });

  it('reports an over-long line as an error for that line and reads the next lines', async () => {
    const long = record('big', { requestParameters: { pad: 'x'.repeat(5000) } });
    const data = lines(record('a'), long, record('b'));
    const { events, errors } = await parseWith(cloudTrailNdjsonFormat, data, { chunkSize: 64, maxRecordBytes: 1000 });
    expect(events.map((e) => [e.locator, e.event.userName])).toEqual([
      ['line 1', 'a'],
      ['line 3', 'b'],
    ]);
    expect(errors).toEqual([
      {
        locator: 'line 2',
        message: `record is ${JSON.stringify(long).length} bytes, more than the 1000-byte limit; skipped`,
      },
    ]);
  });
});

describe('sink exceptions stop parsing', () => {
  it('propagates an error thrown by the sink (import cancelled)', async () => {
    const cancelled = new Error('cancelled');
    const sink = {
      event() {
        throw cancelled;
      },
      error() {},
    };
    const data = Buffer.from(JSON.stringify({ Records: [record('a'), record('b')] }));
    async function* input() {
      yield data;
    }
    await expect(cloudTrailS3Format.parse(input(), sink, { maxRecordBytes: 1 << 20 })).rejects.toBe(cancelled);
    await expect(cloudTrailNdjsonFormat.parse(input(), sink, { maxRecordBytes: 1 << 20 })).rejects.toBe(cancelled);
  });
});
