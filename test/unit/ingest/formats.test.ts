import { readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES } from '../../../main/ingest/format.js';
import { FORMATS, RECOGNIZERS, SNAPSHOT_AND_RECOGNIZER_CEILING, SNAPSHOT_FORMATS, sniffFormat } from '../../../main/ingest/formats.js';
import { cloudTrailS3Format } from '../../../main/ingest/sources/cloudtrail/s3.js';
import { EVIDENCE_DIR, headOf, parseWith, readEvidence, seededRandom } from './test-helpers.js';

/** Every CloudTrail-shaped evidence file and the format it must be detected as. */
const CLOUDTRAIL_FILES: Readonly<Record<string, string>> = {
  'elastic-integrations/cloudtrail/test-console-login-json.log': 'cloudtrail-ndjson',
  'elastic-integrations/cloudtrail/test-cloudtrail-digest-json.log': 'cloudtrail-digest',
  'otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json': 'cloudtrail-ndjson',
  'otrf-security-datasets/AWS_S3_HoneyBucketLogs.csv': 'cloudtrail-csv',
  'panther-analysis/rule_tests_AWS_CloudTrail.jsonl': 'cloudtrail-ndjson',
  'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json': 'cloudtrail-s3',
  'panther-analysis/scenario_compromised-root-creds/DERIVED_cloudtrail_records.json.gz': 'cloudtrail-s3',
  'aws-cli-examples/cloudtrail__lookup-events__example1.json': 'cloudtrail-lookup-events',
  'aws-cli-examples/logs__get-log-events__example1.json': 'cloudtrail-cloudwatch-json',
};

function allEvidenceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(EVIDENCE_DIR, dir), { withFileTypes: true })) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else files.push(relative);
    }
  };
  walk('');
  return files.sort();
}

/** The CloudTrail format that claims a file, or null (other sources' formats are tested with their parsers). */
const detect = (text: string | Buffer) => {
  const format = sniffFormat(headOf(typeof text === 'string' ? Buffer.from(text) : text));
  return format?.source === 'cloudtrail' ? format.id : null;
};

describe('FORMATS', () => {
  it('has unique ids, the CloudTrail shapes first, and only the digest and its signature produce no events', () => {
    const ids = FORMATS.filter(({ format }) => format.source === 'cloudtrail').map(({ format }) => format.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'cloudtrail-digest',
      'cloudtrail-digest-signature',
      'cloudtrail-s3',
      'cloudtrail-lookup-events',
      'cloudtrail-cloudwatch-json',
      'cloudtrail-ndjson',
      'cloudtrail-cloudwatch-export',
      'cloudtrail-json-array',
      'cloudtrail-json-objects',
      'cloudtrail-csv',
    ]);
    expect(FORMATS.filter(({ format }) => !format.producesEvents).map(({ format }) => format.id)).toEqual([
      'cloudtrail-digest',
      'cloudtrail-digest-signature',
    ]);
    expect(FORMATS.filter(({ format }) => format.source !== 'cloudtrail').map(({ format }) => format.id)).toEqual([
      'vpcflow',
      'route53resolver',
      'route53',
    ]);
  });
});

describe('detectFormat on the evidence samples', () => {
  const files = allEvidenceFiles();

  it('detects every CloudTrail-shaped file as its format', () => {
    for (const [file, id] of Object.entries(CLOUDTRAIL_FILES)) expect(detect(readEvidence(file)), file).toBe(id);
  });

  it('no CloudTrail format claims any other sample (GuardDuty, Config, IAM, flow logs, S3/ELB/Route 53 logs, catalogues, rules)', () => {
    const others = files.filter(
      (file) => !(file in CLOUDTRAIL_FILES) && !file.startsWith('traildiscover/logExamples/'),
    );
    // find shared/evidence -type f | wc -l → 621, minus the 9 files above and 336 TrailDiscover examples.
    expect(others).toHaveLength(276);
    const claimed = others.filter((file) => detect(readEvidence(file)) !== null);
    expect(claimed).toEqual([]);
  });
});

describe('detectFormat on crafted inputs', () => {
  const event = {
    eventVersion: '1.08',
    userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' },
    eventTime: '2023-01-01T00:00:00Z',
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
  };

  it('returns null for empty input, whitespace, binary junk and gzip bytes', () => {
    expect(detect('')).toBeNull();
    expect(detect('  \n\t\n')).toBeNull();
    const random = seededRandom(42);
    const junk = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    expect(detect(junk)).toBeNull();
    expect(detect(gzipSync(Buffer.from(JSON.stringify({ Records: [event] }))))).toBeNull();
    expect(detect(Buffer.from([0xef, 0xbb, 0xbf]))).toBeNull();
  });

  it('returns null for non-CloudTrail JSON', () => {
    expect(detect('{"findings":[]}')).toBeNull();
    expect(detect('{"Events":[]}')).toBeNull();
    expect(detect('{"events":[]}')).toBeNull();
    expect(
      detect('[{"eventName":"CreateUser","eventSource":"iam.amazonaws.com","description":"catalogue entry"}]'),
    ).toBeNull();
    // S3 event notifications use Records/eventName/eventTime too, but eventSource "aws:s3".
    const s3Notification = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          eventTime: '2023-01-01T00:00:00.000Z',
          eventName: 'ObjectCreated:Put',
          userIdentity: { principalId: 'AWS:X' },
        },
      ],
    };
    expect(detect(JSON.stringify(s3Notification))).toBeNull();
    expect(detect('{"UserDetailList":[],"GroupDetailList":[],"RoleDetailList":[],"Policies":[]}')).toBeNull();
    expect(
      detect('2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443 49152 6 10 840 1620000000 1620000060 ACCEPT OK\n'),
    ).toBeNull();
    expect(detect('version account-id interface-id srcaddr dstaddr\n')).toBeNull();
  });

  it('recognises each shape from content only', () => {
    expect(detect(JSON.stringify({ Records: [event] }))).toBe('cloudtrail-s3');
    expect(detect(JSON.stringify({ Records: [] }))).toBe('cloudtrail-s3');
    // Records need not be the first member (Event history "Download JSON" is this shape too).
    expect(detect(JSON.stringify({ exportedBy: 'console', Records: [event] }, null, 2))).toBe('cloudtrail-s3');
    expect(detect(`${JSON.stringify({ Records: [event] })}\n${JSON.stringify({ Records: [event] })}\n`)).toBe(
      'cloudtrail-ndjson',
    );
    expect(detect(JSON.stringify([event], null, 2))).toBe('cloudtrail-json-array');
    expect(detect('[]')).toBe('cloudtrail-json-array');
    expect(detect(JSON.stringify(event, null, 2))).toBe('cloudtrail-json-objects');
    expect(
      detect(JSON.stringify({ version: '0', 'detail-type': 'AWS API Call via CloudTrail', detail: event }, null, 2)),
    ).toBe('cloudtrail-json-objects');
    expect(detect(`${JSON.stringify(event)}\n`)).toBe('cloudtrail-ndjson');
    expect(detect(`\uFEFF${JSON.stringify(event)}\r\n`)).toBe('cloudtrail-ndjson');
    expect(detect(`2023-01-01T00:00:00.000Z ${JSON.stringify(event)}\n`)).toBe('cloudtrail-cloudwatch-export');
    expect(
      detect('"eventtime","eventsource","eventname"\n"2023-01-01T00:00:00Z","s3.amazonaws.com","GetObject"\n'),
    ).toBe('cloudtrail-csv');
  });

  it('decides from a head that ends in the middle of a record longer than the sniffing window', async () => {
    const big = { ...event, requestParameters: { pad: 'x'.repeat(SNIFF_BYTES) } };
    const s3 = Buffer.from(JSON.stringify({ Records: [big, event] }));
    expect(detect(s3)).toBe('cloudtrail-s3');
    expect(detect(JSON.stringify([big]))).toBe('cloudtrail-json-array');
    expect(detect(JSON.stringify(big, null, 2))).toBe('cloudtrail-json-objects');
    expect(detect(`${JSON.stringify(big)}\n`)).toBe('cloudtrail-ndjson');
    const { events, errors } = await parseWith(cloudTrailS3Format, s3);
    expect(errors).toEqual([]);
    expect(events).toHaveLength(2);
  });
});

describe('the ceiling of snapshot and recogniser confidence', () => {
  it('no snapshot sniffer or recogniser claims more than SNAPSHOT_AND_RECOGNIZER_CEILING on any sample', () => {
    let claims = 0;
    for (const file of allEvidenceFiles()) {
      if (file.endsWith('LICENSE.txt') || file.endsWith('.md')) continue;
      const text = headOf(readEvidence(file)).toString('utf8');
      const found = [
        ...SNAPSHOT_FORMATS.map((snapshot) => snapshot.sniff(text)),
        ...RECOGNIZERS.map((recognizer) => recognizer.recognize(text)?.confidence ?? 0),
      ];
      for (const confidence of found) {
        expect(confidence, file).toBeLessThanOrEqual(SNAPSHOT_AND_RECOGNIZER_CEILING);
        if (confidence > 0) claims += 1;
      }
    }
    // The samples hold snapshots and recognised-only files (the check ran on real claims).
    expect(claims).toBeGreaterThan(10);
  });
});
