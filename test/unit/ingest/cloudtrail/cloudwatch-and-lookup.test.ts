import { describe, expect, it } from 'vitest';
import { FileParseError } from '../../../../main/ingest/format.js';
import { sniffFormat } from '../../../../main/ingest/formats.js';
import { cloudTrailCloudWatchExportFormat } from '../../../../main/ingest/sources/cloudtrail/cloudwatch-export.js';
import { cloudTrailCloudWatchJsonFormat } from '../../../../main/ingest/sources/cloudtrail/cloudwatch-json.js';
import { cloudTrailLookupEventsFormat } from '../../../../main/ingest/sources/cloudtrail/lookup-events.js';
import { parseWith, readFixture, utc } from '../test-helpers.js';

const record = (id: string) => ({
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/u', userName: 'u' },
  eventTime: '2023-05-10T12:00:00Z',
  eventSource: 'ec2.amazonaws.com',
  eventName: 'DescribeInstances',
  awsRegion: 'eu-west-1',
  eventID: id,
  recipientAccountId: '1',
});

describe('cloudtrail-cloudwatch-export (test/fixtures/cloudtrail/cloudwatch-export.txt)', () => {
  // CreateExportTask writes "<ISO timestamp> <message>" per line; 3 lines with trail events.
  it('gives 3 events whose raw text is the JSON after the timestamp', async () => {
    const data = readFixture('cloudwatch-export.txt');
    expect(sniffFormat(data)?.id).toBe('cloudtrail-cloudwatch-export');
    const { events, errors } = await parseWith(cloudTrailCloudWatchExportFormat, data, { chunkSize: 13 });
    expect(errors).toEqual([]);
    expect(events.map((e) => [e.locator, e.event.eventName, e.event.eventId])).toEqual([
      ['line 1', 'AuthorizeSecurityGroupIngress', 'cw-export-0001'],
      ['line 2', 'AssumeRole', 'cw-export-0002'],
      ['line 3', 'ListBuckets', 'cw-export-0003'],
    ]);
    // The event's own eventTime is used, not the ingestion timestamp in front of it.
    expect(events[0]?.event.time).toBe(utc('2023-05-10T12:00:01Z'));
    expect(events[1]?.event).toMatchObject({
      principalType: 'AWSService',
      sourceIp: 'ec2.amazonaws.com',
      readOnly: true,
    });
    expect(events[2]?.event).toMatchObject({
      userName: 'i-0fedcba9876543210',
      sessionIssuerArn: 'arn:aws:iam::777788889999:role/AppRole',
    });
    const firstLine = data.toString('utf8').split('\n')[0] ?? '';
    expect(events[0]?.event.raw).toBe(firstLine.slice(firstLine.indexOf(' ') + 1));
  });

  it('reports lines without the timestamp prefix and goes on', async () => {
    const good = `2023-05-10T12:00:05.412Z ${JSON.stringify(record('a'))}`;
    const { events, errors } = await parseWith(
      cloudTrailCloudWatchExportFormat,
      Buffer.from(`${good}\ngarbage line\n\n${good}\n`),
    );
    expect(events.map((e) => e.locator)).toEqual(['line 1', 'line 4']);
    expect(errors).toEqual([{ locator: 'line 2', message: 'expected "<ISO timestamp> <CloudTrail event JSON>"' }]);
  });
});

describe('cloudtrail-cloudwatch-json', () => {
  it('reads get-log-events / filter-log-events output; raw is the message', async () => {
    const output = {
      events: [
        {
          logStreamName: '111_CloudTrail_eu-west-1',
          timestamp: 1683720000000,
          message: JSON.stringify(record('m1')),
          ingestionTime: 1,
          eventId: '1',
        },
        {
          logStreamName: '111_CloudTrail_eu-west-1',
          timestamp: 1683720001000,
          message: JSON.stringify(record('m2')),
          ingestionTime: 2,
          eventId: '2',
        },
        { timestamp: 3 },
      ],
      searchedLogStreams: [{ logStreamName: '111_CloudTrail_eu-west-1', searchedCompletely: true }],
      nextToken: 'abc',
    };
    const data = Buffer.from(JSON.stringify(output, null, 4));
    expect(sniffFormat(data)?.id).toBe('cloudtrail-cloudwatch-json');
    const { events, errors } = await parseWith(cloudTrailCloudWatchJsonFormat, data, { chunkSize: 9 });
    expect(events.map((e) => [e.locator, e.event.eventId, e.event.raw])).toEqual([
      ['record 1', 'm1', JSON.stringify(record('m1'))],
      ['record 2', 'm2', JSON.stringify(record('m2'))],
    ]);
    expect(errors).toEqual([{ locator: 'record 3', message: 'the log event has no message' }]);
  });

  it('does not claim a log group of VPC flow logs', () => {
    const flow = {
      events: [
        {
          timestamp: 1,
          message: '2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443 49152 6 10 840 1620000000 1620000060 ACCEPT OK',
        },
      ],
    };
    expect(sniffFormat(Buffer.from(JSON.stringify(flow)))).toBeNull();
  });
});

describe('cloudtrail-lookup-events', () => {
  it('reports elements without a CloudTrailEvent string and truncation', async () => {
    const data = Buffer.from(
      JSON.stringify({
        Events: [
          { EventId: 'x', CloudTrailEvent: JSON.stringify(record('ok')) },
          { EventId: 'y' },
          { EventId: 'z', CloudTrailEvent: '{bad' },
        ],
      }),
    );
    const { events, errors } = await parseWith(cloudTrailLookupEventsFormat, data);
    expect(events.map((e) => e.event.eventId)).toEqual(['ok']);
    expect(errors.map((e) => e.locator)).toEqual(['record 2', 'record 3']);
    expect(errors[0]?.message).toBe('the event has no CloudTrailEvent string');
    await expect(parseWith(cloudTrailLookupEventsFormat, data.subarray(0, data.length - 10))).rejects.toThrowError(
      FileParseError,
    );
  });
});
