import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../../main/ingest/formats.js';
import type { EvidenceFormat } from '../../../../main/ingest/format.js';
import { EVIDENCE_DIR, headOf, parseWith, readEvidence, seededRandom, type ParsedFile } from '../test-helpers.js';

// Real samples from /shared/evidence. Expected numbers were derived independently of this code:
// with jq / Python over the files (commands quoted next to each number), not by running the parsers.

async function detectAndParse(
  relativePath: string,
  expectedFormat: string,
  chunkSize?: number | (() => number),
): Promise<ParsedFile> {
  const data = readEvidence(relativePath);
  const format: EvidenceFormat | null = sniffFormat(headOf(data));
  expect(format?.id).toBe(expectedFormat);
  if (format === null) throw new Error('no format');
  return parseWith(format, data, chunkSize === undefined ? {} : { chunkSize });
}

describe('elastic-integrations/cloudtrail/test-console-login-json.log (NDJSON)', () => {
  const file = 'elastic-integrations/cloudtrail/test-console-login-json.log';

  it('gives 3 events and no error', async () => {
    // wc -l → 3 lines, each a complete record.
    const { events, errors } = await detectAndParse(file, 'cloudtrail-ndjson');
    expect(errors).toEqual([]);
    expect(events.map((e) => e.locator)).toEqual(['line 1', 'line 2', 'line 3']);

    const [first, , third] = events.map((e) => e.event);
    expect(first).toMatchObject({
      time: 1405525767000, // 2014-07-16T15:49:27Z
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      userName: 'JohnDoe',
      principalArn: 'arn:aws:iam::111122223333:user/JohnDoe',
      accountId: '111122223333', // no recipientAccountId: userIdentity.accountId
      sourceIp: '89.160.20.156',
      responseElements: '{"ConsoleLogin":"Success"}',
      requestParameters: null,
      eventId: '3fcfb182-98f8-4744-bd45-10aEXAMPLE',
    });
    // Line 3: jq '.userIdentity' → AssumedRole ".../assumed-role/RoleToBeAssumed/MySessionName".
    expect(third).toMatchObject({
      principalType: 'AssumedRole',
      userName: 'MySessionName',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      sessionIssuerArn: 'arn:aws:iam::123456789012:role/RoleToBeAssumed',
      errorMessage: 'Failed authentication',
    });
    expect(third?.raw).toBe(readEvidence(file).toString('utf8').split('\n')[2]);
  });
});

describe('elastic-integrations/cloudtrail/test-cloudtrail-digest-json.log', () => {
  it('is recognised as a digest that produces no events', async () => {
    const { events, errors } = await detectAndParse(
      'elastic-integrations/cloudtrail/test-cloudtrail-digest-json.log',
      'cloudtrail-digest',
    );
    expect(
      sniffFormat(readEvidence('elastic-integrations/cloudtrail/test-cloudtrail-digest-json.log'))?.producesEvents,
    ).toBe(false);
    expect(events).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json (Logstash NDJSON)', () => {
  const file = 'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json';

  it('gives 103 events (time from @timestamp), no errors, even read 1 byte at a time', async () => {
    // jq -s length → 103; no record has eventTime, all have "@timestamp".
    const { events, errors } = await detectAndParse(file, 'cloudtrail-ndjson', 1);
    expect(errors).toEqual([]);
    expect(events).toHaveLength(103);
    const list = events.map((e) => e.event);
    // jq -s '[.[]|select(.userIdentity.accessKeyId=="ASIA5FLZVX4OPVKKVBMX")]|length' → 11 (the stolen role key)
    expect(list.filter((e) => e.accessKeyId === 'ASIA5FLZVX4OPVKKVBMX')).toHaveLength(11);
    // jq -s '[.[]|select(.sourceIPAddress=="1.2.3.4")]|length' → 98
    expect(list.filter((e) => e.sourceIp === '1.2.3.4')).toHaveLength(98);
    // jq -s '[.[]|select(.readOnly==true)]|length' → 13; the other 90 have no readOnly field.
    expect(list.filter((e) => e.readOnly === true)).toHaveLength(13);
    expect(list.filter((e) => e.readOnly === null)).toHaveLength(90);
    // jq -s 'map(.eventName)|group_by(.)…' → ListObjects 7, GetObject 2, ListBuckets 2
    expect(list.filter((e) => e.eventName === 'ListObjects')).toHaveLength(7);
    expect(list.filter((e) => e.eventName === 'GetObject')).toHaveLength(2);
    // jq -s 'sort_by(."@timestamp")|first,last' → 2020-09-14T00:44:20.000Z … 01:13:20.000Z
    expect(Math.min(...list.map((e) => e.time))).toBe(1600044260000);
    expect(Math.max(...list.map((e) => e.time))).toBe(1600046000000);
  });

  it('maps the first ListObjects by the stolen instance role (line 45)', async () => {
    const { events } = await detectAndParse(file, 'cloudtrail-ndjson');
    const event = events.find((e) => e.locator === 'line 45')?.event;
    expect(event).toMatchObject({
      time: 1600045233000, // 2020-09-14T01:00:33.000Z
      eventName: 'ListObjects',
      principalType: 'AssumedRole',
      userName: 'i-0317f6c6b66ae9c40',
      sessionIssuerArn: 'arn:aws:iam::123456789123:role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0',
      userAgent: '[aws-cli/1.18.136 Python/3.8.5 Darwin/19.5.0 botocore/1.17.59]',
      // resources: one ARNPrefix (objects) and one ARN (bucket)
      resources: [
        'arn:aws:s3:::mordors3stack-s3bucket-llp2yingx64a/',
        'arn:aws:s3:::mordors3stack-s3bucket-llp2yingx64a',
      ],
    });
    expect(JSON.parse(event?.requestParameters ?? 'null')).toMatchObject({
      bucketName: 'mordors3stack-s3bucket-llp2yingx64a',
    });
  });
});

describe('panther-analysis/rule_tests_AWS_CloudTrail.jsonl (Panther test wrapper)', () => {
  const file = 'panther-analysis/rule_tests_AWS_CloudTrail.jsonl';

  it('gives 870 events and 48 located errors', async () => {
    // 918 lines, all log_type "AWS.CloudTrail". A node script over .log.eventTime found 45 without
    // eventTime, 2 "redacted" and 1 "..." → 918 - 48 = 870 usable.
    const { events, errors } = await detectAndParse(file, 'cloudtrail-ndjson');
    expect(events).toHaveLength(870);
    expect(errors).toHaveLength(48);
    expect(errors.filter((e) => e.message === 'the record has no eventTime')).toHaveLength(45);
    expect(errors.filter((e) => e.message === 'eventTime "redacted" is not a date').map((e) => e.locator)).toEqual([
      'line 652',
      'line 658',
    ]);
    expect(errors.find((e) => e.message === 'eventTime "..." is not a date')?.locator).toBe('line 918');
    expect(errors.slice(0, 3).map((e) => e.locator)).toEqual(['line 63', 'line 64', 'line 65']);
  });

  it('maps the wrapped record and keeps its exact text as raw', async () => {
    const { events } = await detectAndParse(file, 'cloudtrail-ndjson');
    const first = events[0];
    expect(first?.locator).toBe('line 1');
    expect(first?.event).toMatchObject({
      time: 1546300800000, // 2019-01-01T00:00:00Z
      eventName: 'UpdateFunctionConfiguration20150331v2',
      userName: 'john.developer',
      accessKeyId: 'AKIAI123456789EXAMPLE',
      sourceIp: '203.0.113.50',
      readOnly: false,
      accountId: '123456789012',
      requestParameters: '{"functionName":"production-api"}',
    });
    const line1 = readEvidence(file).toString('utf8').split('\n')[0] ?? '';
    // raw is the "log" value exactly as written in the line (Python's ", " / ": " separators kept).
    expect(first?.event.raw.startsWith('{"eventVersion": "1.05", "userIdentity": {')).toBe(true);
    expect(line1).toContain(first?.event.raw ?? '<missing>');
    expect(JSON.parse(first?.event.raw ?? 'null')).toEqual((JSON.parse(line1) as { log: unknown }).log);
  });

  it('keeps a leading-zero IPv4 and a made-up region as they are (line 200)', async () => {
    // sed -n 200p | jq .log → sourceIPAddress "06.237.252.245", awsRegion "ca-south-3r", RunInstances.
    const { events } = await detectAndParse(file, 'cloudtrail-ndjson');
    expect(events.find((e) => e.locator === 'line 200')?.event).toMatchObject({
      time: 1722511823000, // 2024-08-01T11:30:23Z
      eventName: 'RunInstances',
      sourceIp: '06.237.252.245',
      region: 'ca-south-3r',
      userName: 'aws-go-sdk-1722511821294449000',
    });
  });

  it("reads Panther's zone-less times as UTC (lines 29 and 39)", async () => {
    const { events } = await detectAndParse(file, 'cloudtrail-ndjson');
    // line 29: "2025-01-21 17:49:47.000000000"; line 39: "2022-11-21 18:06:52"
    expect(events.find((e) => e.locator === 'line 29')?.event.time).toBe(1737481787000);
    expect(events.find((e) => e.locator === 'line 39')?.event.time).toBe(1669054012000);
  });
});

describe('panther-analysis scenario DERIVED_cloudtrail_records.json(.gz) (S3 delivery shape)', () => {
  for (const file of [
    'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json',
    'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json.gz',
  ]) {
    it(`${path.basename(file)}: 16 events, exact fields`, async () => {
      // jq '.Records|length' → 16; eventName counts: ConsoleLogin 7, AttachUserPolicy 3,
      // CreateAccessKey 2, CreateUser 1, RunInstances 1, SetContactAddress 1, StopLogging 1.
      const { events, errors } = await detectAndParse(file, 'cloudtrail-s3', 97);
      expect(errors).toEqual([]);
      expect(events.map((e) => e.locator)).toEqual(Array.from({ length: 16 }, (_, i) => `record ${i + 1}`));
      const list = events.map((e) => e.event);
      expect(list.filter((e) => e.eventName === 'ConsoleLogin')).toHaveLength(7);
      expect(list.filter((e) => e.eventName === 'AttachUserPolicy')).toHaveLength(3);
      // jq: 12 records from 92.55.146.245; 3 ConsoleLogin failures
      expect(list.filter((e) => e.sourceIp === '92.55.146.245')).toHaveLength(12);
      expect(list.filter((e) => e.responseElements === '{"ConsoleLogin":"Failure"}')).toHaveLength(3);
      expect(list[0]).toMatchObject({
        time: 1602741600000, // 2020-10-15T06:00:00Z
        principalType: 'Root',
        userName: 'root',
        principalArn: 'arn:aws:iam::493859302102:root',
        accountId: '493859302102',
        sourceIp: '71.253.251.71',
        eventType: 'AwsConsoleSignIn',
      });
      expect(list.find((e) => e.eventName === 'StopLogging')).toMatchObject({
        errorCode: 'NotOrganizationMasterAccountException',
        errorMessage: 'Cannot stop trail, not master trail.',
        time: 1604219403000, // 2020-11-01T08:30:03Z
      });
      expect(list.find((e) => e.eventName === 'CreateAccessKey')?.responseElements).toContain('AKIA5ZZZK44445XXFFVB');
      // raw is the pretty-printed element exactly as in the file
      expect(readEvidence(file).toString('utf8')).toContain(list[0]?.raw ?? '<missing>');
      expect(list[0]?.raw.startsWith('{\n')).toBe(true);
    });
  }
});

describe('aws-cli-examples', () => {
  it('cloudtrail__lookup-events__example1.json: 1 event from the CloudTrailEvent string', async () => {
    const file = 'aws-cli-examples/cloudtrail__lookup-events__example1.json';
    const { events, errors } = await detectAndParse(file, 'cloudtrail-lookup-events');
    expect(errors).toEqual([]);
    expect(events).toHaveLength(1);
    const event = events[0]?.event;
    expect(events[0]?.locator).toBe('record 1');
    expect(event).toMatchObject({
      time: 1453844532000, // CloudTrailEvent.eventTime 2016-01-26T21:42:12Z (not EventTime, -08:00)
      eventName: 'ConsoleLogin',
      principalType: 'AssumedRole',
      userName: 'my-session-name',
      sessionIssuerArn: 'arn:aws:iam::123456789012:role/my-role',
      sourceIp: '72.21.198.70',
      eventType: 'AwsConsoleSignIn',
      eventId: '654ccbc0-ba0d-486a-9076-dbf7274677a7',
      responseElements: '{"ConsoleLogin":"Success"}',
    });
    const cloudTrailEvent = (
      JSON.parse(readEvidence(file).toString('utf8')) as { Events: { CloudTrailEvent: string }[] }
    ).Events[0]?.CloudTrailEvent;
    expect(event?.raw).toBe(cloudTrailEvent);
  });

  it('logs__get-log-events__example1.json: recognised, one clear error per record, no crash', async () => {
    // jq '.events|length' → 3 messages, "Example Event 1", "Example Event 1", "Example Event 2".
    const { events, errors } = await detectAndParse(
      'aws-cli-examples/logs__get-log-events__example1.json',
      'cloudtrail-cloudwatch-json',
    );
    expect(events).toEqual([]);
    expect(errors).toEqual([
      { locator: 'record 1', message: 'the log message is not a CloudTrail event: "Example Event 1"' },
      { locator: 'record 2', message: 'the log message is not a CloudTrail event: "Example Event 1"' },
      { locator: 'record 3', message: 'the log message is not a CloudTrail event: "Example Event 2"' },
    ]);
  });
});

describe('traildiscover/logExamples/*.cloudtrail', () => {
  const dir = 'traildiscover/logExamples';
  const files = readdirSync(path.join(EVIDENCE_DIR, dir)).sort();

  it('all 336 files parse: 317 arrays (21 of them []), 19 single objects, 315 events, no error', async () => {
    // head -c1 of each file: 317 "[" and 19 "{"; jq 'if type=="array" then length else 1 end'
    // → 21 files with 0 events, 315 with 1; every event has an ISO eventTime.
    expect(files).toHaveLength(336);
    const random = seededRandom(7);
    const perFormat = new Map<string, number>();
    let eventCount = 0;
    let emptyFiles = 0;
    for (const name of files) {
      const data = readEvidence(`${dir}/${name}`);
      const format = sniffFormat(headOf(data));
      if (format === null) throw new Error(`${name}: not detected`);
      perFormat.set(format.id, (perFormat.get(format.id) ?? 0) + 1);
      const { events, errors } = await parseWith(format, data, { chunkSize: () => 1 + Math.floor(random() * 300) });
      expect(errors, name).toEqual([]);
      eventCount += events.length;
      if (events.length === 0) emptyFiles++;
    }
    expect(Object.fromEntries(perFormat)).toEqual({ 'cloudtrail-json-array': 317, 'cloudtrail-json-objects': 19 });
    expect(eventCount).toBe(315);
    expect(emptyFiles).toBe(21);
  });

  it('maps IAM__CreateAccessKey and the single-object Bedrock__ListCustomModels', async () => {
    const createKey = await detectAndParse(`${dir}/IAM__CreateAccessKey.json.cloudtrail`, 'cloudtrail-json-array');
    expect(createKey.events.map((e) => e.event)).toMatchObject([
      {
        time: 1723979196000, // 2024-08-18T11:06:36Z
        eventName: 'CreateAccessKey',
        errorCode: 'AccessDenied',
        userName: 'TrailDiscover',
        sourceIp: '0.0.0.0',
        region: 'us-east-1',
      },
    ]);
    const listModels = await detectAndParse(
      `${dir}/Bedrock__ListCustomModels.json.cloudtrail`,
      'cloudtrail-json-objects',
    );
    expect(listModels.events.map((e) => [e.locator, e.event.userName, e.event.time])).toEqual([
      ['record 1', 'AdanAlvarez', 1770568269000], // 2026-02-08T16:31:09Z, session of an SSO role
    ]);
  });

  it('an empty array ([]) is 0 records and no error', async () => {
    const { events, errors } = await detectAndParse(
      `${dir}/AppSync__UpdateGraphqlApi.json.cloudtrail`,
      'cloudtrail-json-array',
    );
    expect(events).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the catalogue traildiscover/events.json (an array of event descriptions) is not CloudTrail', () => {
    expect(sniffFormat(headOf(readEvidence('traildiscover/events.json')))).toBeNull();
  });
});
