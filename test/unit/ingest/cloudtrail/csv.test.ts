import { describe, expect, it } from 'vitest';
import { FileParseError } from '../../../../main/ingest/format.js';
import { sniffFormat } from '../../../../main/ingest/formats.js';
import { parseAthenaValue } from '../../../../main/ingest/sources/cloudtrail/athena-struct.js';
import { cloudTrailCsvFormat } from '../../../../main/ingest/sources/cloudtrail/csv.js';
import { parsePythonLiteral } from '../../../../main/ingest/sources/cloudtrail/python-literal.js';
import { headOf, parseWith, readEvidence, readFixture, utc } from '../test-helpers.js';

describe('cloudtrail-csv: console Event history download (test/fixtures/cloudtrail/event-history.csv)', () => {
  // Columns as the CloudTrail console documents them (Event time, User name, Event name, Resource
  // type, Resource name, AWS access key, AWS region, Error code, Source IP address, Event source,
  // Read-only, Event ID) plus the full event JSON in "CloudTrail event". CRLF line endings; the
  // second record's JSON is pretty-printed over 40 physical lines (Python csv line_num: records
  // start on lines 2, 3 and 43).
  it('normalizes from the full-event column and locates records by their first physical line', async () => {
    const data = readFixture('event-history.csv');
    expect(sniffFormat(headOf(data))?.id).toBe('cloudtrail-csv');
    for (const chunkSize of [1, 5, 64 * 1024]) {
      const { events, errors } = await parseWith(cloudTrailCsvFormat, data, { chunkSize });
      expect(errors).toEqual([]);
      expect(events.map((e) => e.locator)).toEqual(['line 2', 'line 3', 'line 43']);
    }
    const { events } = await parseWith(cloudTrailCsvFormat, data);
    const [startLogging, consoleLogin, createUser] = events.map((e) => e.event);
    expect(startLogging).toMatchObject({
      time: utc('2023-07-19T21:33:41Z'),
      eventName: 'StartLogging',
      principalArn: 'arn:aws:iam::123456789012:user/Mary_Major',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      resources: ['arn:aws:cloudtrail:us-east-1:123456789012:trail/myTrail'],
      requestParameters: '{"name":"myTrail"}',
      readOnly: false,
    });
    expect(JSON.parse(startLogging?.raw ?? 'null')).toMatchObject({ eventID: 'eae87c48-d421-4626-94f5-EXAMPLEac994' });
    expect(consoleLogin).toMatchObject({
      principalType: 'AssumedRole',
      userName: 'Paulo_Santos',
      sessionIssuerArn: 'arn:aws:iam::123456789012:role/Admin',
      errorMessage: 'Failed authentication',
      eventType: 'AwsConsoleSignIn',
    });
    expect(consoleLogin?.raw.split('\r\n')).toHaveLength(40);
    expect(createUser).toMatchObject({ eventName: 'CreateUser', time: utc('2023-07-19T22:10:12Z') });
  });

  it('without the full-event column, maps the displayed columns and keeps the row as raw', async () => {
    const { events, errors } = await parseWith(cloudTrailCsvFormat, readFixture('event-history-columns-only.csv'));
    expect(errors).toEqual([]);
    expect(events.map((e) => e.event)).toMatchObject([
      {
        eventName: 'StartLogging',
        userName: 'Mary_Major',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        resources: ['myTrail'],
        readOnly: false,
      },
      { eventName: 'ConsoleLogin', userName: 'Paulo_Santos', accessKeyId: null, sourceIp: '198.51.100.7' },
      {
        eventName: 'DeleteTrail',
        errorCode: 'AccessDenied',
        eventId: '5f6e7d8c-EXAMPLE-delete-trail',
        time: utc('2023-07-19T22:15:40Z'),
      },
    ]);
    expect(JSON.parse(events[0]?.event.raw ?? 'null')).toMatchObject({
      'Event name': 'StartLogging',
      'Error code': '',
    });
  });
});

describe('cloudtrail-csv: Athena query results (test/fixtures/cloudtrail/athena-results.csv)', () => {
  // Lower-case columns of the Athena CloudTrail table; useridentity and resources printed as Athena
  // ROW/ARRAY text ({k=v, …}); requestparameters as JSON text; every value quoted.
  it('reads struct columns into identity fields and resources', async () => {
    const data = readFixture('athena-results.csv');
    expect(sniffFormat(headOf(data))?.id).toBe('cloudtrail-csv');
    const { events, errors } = await parseWith(cloudTrailCsvFormat, data, { chunkSize: 3 });
    expect(errors).toEqual([]);
    expect(events.map((e) => e.locator)).toEqual(['line 2', 'line 3', 'line 4']);
    const [createKey, getObject, stopLogging] = events.map((e) => e.event);
    expect(createKey).toMatchObject({
      time: utc('2023-03-01T18:36:04Z'),
      eventName: 'CreateAccessKey',
      principalType: 'IAMUser',
      userName: 'alice',
      accessKeyId: 'AKIAEXAMPLEKEYALICE1',
      requestParameters: '{"userName":"svc-backup"}',
      readOnly: false,
      accountId: '111122223333',
    });
    expect(createKey?.responseElements).toContain('AKIAEXAMPLENEWKEY001');
    expect(getObject).toMatchObject({
      principalType: 'AssumedRole',
      userName: 'i-0abc123def4567890',
      sessionIssuerArn: 'arn:aws:iam::111122223333:role/WebServerRole',
      resources: ['arn:aws:s3:::finance-reports/2023/q1.xlsx', 'arn:aws:s3:::finance-reports'],
      readOnly: true,
      responseElements: null,
    });
    expect(stopLogging).toMatchObject({ errorCode: 'AccessDenied', region: 'eu-west-1', userName: 'bob' });
    expect(JSON.parse(stopLogging?.raw ?? 'null')).toMatchObject({
      eventname: 'StopLogging',
      errorcode: 'AccessDenied',
    });
  });
});

describe('cloudtrail-csv: CloudTrail Lake results (test/fixtures/cloudtrail/lake-results.csv)', () => {
  it('maps dotted camelCase columns; zone-less Lake times are UTC; odd IPs are kept', async () => {
    const { events, errors } = await parseWith(cloudTrailCsvFormat, readFixture('lake-results.csv'));
    expect(errors).toEqual([]);
    expect(events.map((e) => e.event)).toMatchObject([
      {
        time: utc('2023-03-02T08:15:30Z'),
        eventName: 'RunInstances',
        principalType: 'AssumedRole',
        userName: 'jane.doe',
        sessionIssuerArn: 'arn:aws:iam::444455556666:role/DevOps',
        region: 'ap-southeast-2',
      },
      { eventName: 'GetCallerIdentity', userName: 'ci-runner', sourceIp: '075.050.255.67', readOnly: true },
      { eventName: 'ConsoleLogin', principalType: 'Root', userName: 'root', eventType: 'AwsConsoleSignIn' },
    ]);
  });
});

describe('cloudtrail-csv: OTRF honey-bucket alert export (otrf-security-datasets/AWS_S3_HoneyBucketLogs.csv)', () => {
  it('gives 301 events from the alert columns, Python-dict cells included', async () => {
    // Python csv.reader: 301 data rows, none multi-line; Event Name: HeadBucket 159, ListObjects 138,
    // PutObject 4; every "Event DateTime" is %Y-%m-%dT%H:%M:%SZ; one row has an empty user agent.
    const data = readEvidence('otrf-security-datasets/AWS_S3_HoneyBucketLogs.csv');
    expect(sniffFormat(headOf(data))?.id).toBe('cloudtrail-csv');
    const { events, errors } = await parseWith(cloudTrailCsvFormat, data);
    expect(errors).toEqual([]);
    expect(events).toHaveLength(301);
    const list = events.map((e) => e.event);
    expect(list.filter((e) => e.eventName === 'HeadBucket')).toHaveLength(159);
    expect(list.filter((e) => e.eventName === 'PutObject')).toHaveLength(4);
    expect(list.filter((e) => e.userAgent === null)).toHaveLength(1);
    expect(events[0]?.locator).toBe('line 2');
    expect(events[300]?.locator).toBe('line 302');
    expect(list[0]).toMatchObject({
      time: utc('2022-02-18T17:34:57Z'),
      eventName: 'ListObjects',
      eventType: 'AwsApiCall',
      eventId: '283770f5-968d-448d-9328-0b010f4d3696',
      sourceIp: '177.131.167.145',
      principalType: 'AWSAccount',
      accountId: 'ANONYMOUS_PRINCIPAL',
      requestParameters: '{"bucketName":"microsoft-devtest","Host":"microsoft-devtest.s3-eu-west-1.amazonaws.com"}',
    });
    expect(JSON.parse(list[0]?.raw ?? 'null')).toMatchObject({
      'Request ID': 'E2E91AQVN6DJHZ91',
      Alert: ' 302-2022-02-18T17:34:57Z',
    });
  });
});

describe('cloudtrail-csv: errors', () => {
  const header = 'eventTime,eventName,sourceIPAddress\n';

  it('reports a row without a usable time and goes on', async () => {
    const { events, errors } = await parseWith(
      cloudTrailCsvFormat,
      Buffer.from(`${header}not-a-time,A,1.1.1.1\n\n2020-01-01T00:00:00Z,B,2.2.2.2\n`),
    );
    expect(errors).toEqual([{ locator: 'line 2', message: 'eventTime "not-a-time" is not a date' }]);
    expect(events.map((e) => [e.locator, e.event.eventName])).toEqual([['line 4', 'B']]);
  });

  it('throws FileParseError when the file ends inside a quoted field', async () => {
    const data = Buffer.from(`${header}2020-01-01T00:00:00Z,A,1.1.1.1\n2020-01-01T00:00:01Z,"B,`);
    await expect(parseWith(cloudTrailCsvFormat, data)).rejects.toThrowError(FileParseError);
    await expect(parseWith(cloudTrailCsvFormat, data)).rejects.toMatchObject({ locator: 'line 3' });
  });

  it('throws FileParseError when the first line is not a CloudTrail header', async () => {
    await expect(parseWith(cloudTrailCsvFormat, Buffer.from('a,b\n1,2\n'))).rejects.toMatchObject({
      locator: 'line 1',
    });
  });
});

describe('cell notations', () => {
  it('parses Python reprs', () => {
    expect(
      parsePythonLiteral("{'type': 'AWSAccount', 'n': 1, 'ok': True, 'x': None, 'l': ['a', \"b'c\"], 'e': 'it\\'s'}"),
    ).toEqual({
      type: 'AWSAccount',
      n: 1,
      ok: true,
      x: null,
      l: ['a', "b'c"],
      e: "it's",
    });
    expect(parsePythonLiteral('{type=IAMUser}')).toBeUndefined();
    expect(parsePythonLiteral("{'a': 1} trailing")).toBeUndefined();
  });

  it('parses Athena ROW and ARRAY text into camelCase CloudTrail fields', () => {
    expect(
      parseAthenaValue(
        '{type=AssumedRole, arn=arn:aws:sts::1:assumed-role/R/s, invokedby=null, sessioncontext={attributes={mfaauthenticated=false}, sessionissuer={type=Role, arn=arn:aws:iam::1:role/R}}}',
      ),
    ).toEqual({
      type: 'AssumedRole',
      arn: 'arn:aws:sts::1:assumed-role/R/s',
      invokedBy: null,
      sessionContext: {
        attributes: { mfaAuthenticated: 'false' },
        sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::1:role/R' },
      },
    });
    expect(parseAthenaValue('[{arn=arn:aws:s3:::b, type=AWS::S3::Bucket}, {arn=x, type=y}]')).toEqual([
      { arn: 'arn:aws:s3:::b', type: 'AWS::S3::Bucket' },
      { arn: 'x', type: 'y' },
    ]);
    expect(parseAthenaValue('{broken')).toBeUndefined();
  });
});
