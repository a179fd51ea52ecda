import type { NormalizedEvent } from '../../main/core/event.js';
import type { WritableDb } from '../../main/store/open-case.js';
import { TimelineWriter } from '../../main/store/queries/timeline-writer.js';
import { cloudTrailRecord } from '../../main/ingest/sources/cloudtrail/descriptor.js';
import { SOURCES } from '../../main/ingest/sources/index.js';

/** A CloudTrail-like normalized event with overridable fields (for store and service tests). */
export function sampleEvent(overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  const base: NormalizedEvent = {
    time: Date.UTC(2024, 2, 1, 12, 0, 0),
    source: 'cloudtrail',
    eventName: 'GetObject',
    eventSource: 's3.amazonaws.com',
    region: 'us-east-1',
    accountId: '111122223333',
    principalArn: 'arn:aws:iam::111122223333:user/alice',
    principalType: 'IAMUser',
    userName: 'alice',
    accessKeyId: 'AKIAEXAMPLEALICE0001',
    sessionIssuerArn: null,
    sourceIp: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1',
    errorCode: null,
    errorMessage: null,
    readOnly: true,
    resources: ['arn:aws:s3:::acme-data/report.csv'],
    requestParameters: '{"bucketName":"acme-data","key":"report.csv"}',
    responseElements: null,
    eventId: null,
    eventType: 'AwsApiCall',
    raw: '',
  };
  const event = { ...base, ...overrides };
  if (!overrides.raw) event.raw = JSON.stringify({ eventName: event.eventName, eventID: event.eventId, eventTime: new Date(event.time).toISOString() });
  return event;
}

/** Stores events as one evidence file; returns their row ids in order. */
export function storeEvents(db: WritableDb, events: NormalizedEvent[]): number[] {
  db.prepare(
    `INSERT INTO evidence_files(path, name, bytes, sha256, imported_at, status) VALUES ('/evidence/test.json', 'test.json', 1, 'abc', 0, 'ingested')`,
  ).run();
  const fileId = (db.prepare(`SELECT max(id) AS id FROM evidence_files`).get() as { id: number }).id;
  const writer = new TimelineWriter(db, SOURCES);
  db.transaction(() => {
    events.forEach((event, i) => writer.write(cloudTrailRecord(event), fileId, `record ${i + 1}`));
    writer.flush();
    writer.indexFullText();
  })();
  return (db.prepare(`SELECT id FROM timeline WHERE file_id = ? ORDER BY id`).all(fileId) as { id: number }[]).map((r) => r.id);
}
