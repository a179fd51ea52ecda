import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { isRejection, openZip } from '../../main/ingest/containers/zip.js';
import { DEFAULT_EXPANSION_LIMITS } from '../../main/ingest/containers/limits.js';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../main/store/open-case.js';
import { listAudit, verifyAuditChain } from '../../main/store/audit.js';
import { listReviewItems } from '../../main/store/queries/review-items.js';
import { PHASES, type ReportModel } from '../../main/report/model.js';
import { REPORT_CSP } from '../../main/report/html.js';
import { cairn, EC2_PROXY, hashesUnder, PAYLOADS, ROOT_CREDS, rowIds, tempDir, writePayloadEvidence } from '../unit/report/payload-case.js';

const GENERATED_AT = '2026-01-02T03:04:05.000Z';
let dir: string;
let casePath: string;
let hostile: string;
/** Starred rows: id → time, as `cairn events` reports them. */
let starred: { id: number; time: string }[];

async function report(format: string, ...extra: string[]): Promise<string> {
  const out = join(dir, `report-${format}-${Math.random().toString(36).slice(2)}`);
  const result = await cairn('report', casePath, '--format', format, '--out', out, '--generated-at', GENERATED_AT, ...extra);
  expect(result.err.filter((line) => !line.startsWith('cairn report: wrote'))).toEqual([]);
  expect(result.code).toBe(0);
  return readFileSync(out, 'utf8');
}

beforeAll(async () => {
  dir = tempDir('cairn-report-');
  casePath = join(dir, 'case.cairn');
  hostile = writePayloadEvidence(join(dir, 'evidence'));
  // Exit 3: the panther folder holds YAML originals Cairn does not read (recorded as failed).
  expect((await cairn('ingest', casePath, ROOT_CREDS, EC2_PROXY, hostile, '--json')).code).toBe(3);

  // Key events of both incidents plus the hostile ones; ids from the CLI, times from the same output.
  const stop = await rowIds(casePath, 'eventName:StopLogging');
  const exfil = await rowIds(casePath, 'eventName:GetObject AND accessKeyId:ASIA5FLZVX4OPVKKVBMX');
  const run = await rowIds(casePath, 'eventName:RunInstances');
  const payloads = await rowIds(casePath, 'userAgent:*onerror* OR userAgent:*script* OR userAgent:*javascript*');
  expect(stop).toHaveLength(2); // panther root StopLogging + the hostile one
  expect(exfil).toHaveLength(2);
  expect(payloads).toHaveLength(3);
  for (const id of [...stop, exfil[0] as number, run[0] as number, ...payloads]) {
    expect((await cairn('annotate', casePath, String(id), '--star')).code).toBe(0);
  }
  await cairn('annotate', casePath, String(exfil[0]), '--note', 'Instance role credentials used from outside: exfiltration of ring.txt');
  await cairn('annotate', casePath, String(exfil[0]), '--note', `second note ${PAYLOADS.script}`);
  await cairn('annotate', casePath, String(run[0]), '--tag', 'containment', '--tag', 'root-cause');
  const { out } = await cairn('events', casePath, 'starred:true', '--json');
  starred = out.map((line) => JSON.parse(line) as { id: number; time: string });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cairn report', () => {
  it('the JSON model has the starred events in time order with notes and tags, and every evidence file with its SHA-256', async () => {
    const model = JSON.parse(await report('json')) as ReportModel;
    expect(model.generatedAt).toBe(GENERATED_AT);
    expect(model.timeline.map((entry) => entry.id)).toEqual(starred.map((row) => row.id));
    const times = model.timeline.map((entry) => entry.time);
    expect(times).toEqual([...times].sort());
    expect(model.timeline).toHaveLength(6); // the hostile StopLogging is also a payload event
    const exfil = model.timeline.find((entry) => entry.notes.length > 0);
    expect(exfil?.notes.map((note) => note.text)).toEqual([
      'Instance role credentials used from outside: exfiltration of ring.txt',
      `second note ${PAYLOADS.script}`,
    ]);
    expect(exfil?.notes[0]?.author).toBe('cli');
    expect(exfil?.eventId).toBe('771299cb-e200-4926-9604-c85358b30499'); // the sample's eventID for that GetObject
    expect(model.timeline.find((entry) => entry.tags.length)?.tags).toEqual(['containment', 'root-cause']);

    // Custody: every file the ingest saw (the hashes computed here from the files).
    const expected = new Map([...hashesUnder(ROOT_CREDS), ...hashesUnder(EC2_PROXY), ...hashesUnder(hostile)]);
    expect(new Map(model.custody.map((file) => [file.path, file.sha256]))).toEqual(expected);
    expect(model.custody.every((file) => file.importedBy === 'cli')).toBe(true);

    expect(model.scope.sources.map((source) => source.source)).toEqual(['cloudtrail', 'vpcflow']);
    expect(model.scope.accounts).toEqual(['111122223333', '123456789123', '493859302102']);
    expect(model.phases.map((phase) => phase.section)).toEqual(PHASES.map((phase) => phase.section));
    expect(model.findings.detections.available).toBe(false);
    expect(model.review.whatHappened.drafted).toBe(true);
    expect(model.review.suggestedGaps.map((gap) => gap.kind)).toEqual(['logging-tampered', 'source-missing', 'time-to-detect']);
    // First starred (2020-09-14T01:02:34Z GetObject) → the RunInstances tagged containment (2020-11-01T09:30:03Z).
    expect(model.review.timeToDetectMs).toBe(Date.parse('2020-11-01T09:30:03Z') - Date.parse('2020-09-14T01:02:34Z'));
    expect(model.case.sha256).toBe(createHash('sha256').update(readFileSync(casePath)).digest('hex'));
    expect(model.case.sha256Basis).toBe('file');
    expect(model.case.auditChainIntact).toBe(true);
  });

  it('two builds of the same case are byte-identical (html, md, json)', async () => {
    for (const format of ['html', 'md', 'json']) expect(await report(format)).toBe(await report(format));
  });

  it('HTML: no script, the strict CSP, every phase, every hash, payloads escaped', async () => {
    const html = await report('html');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // Every `<` of evidence is escaped, so any tag is Cairn's own: none has an event handler or a link.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<[^>]*\s(href|src)\s*=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}">`);
    expect(html).toContain('&lt;script&gt;alert(&quot;ua&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    for (const phase of PHASES) expect(html).toContain(`<h3 id="phase-${phase.section}">${phase.title}</h3>`);
    for (const sha of hashesUnder(ROOT_CREDS).values()) expect(html).toContain(sha);
    expect(html).toContain('Instance role credentials used from outside');
  });

  it('Markdown carries the same content, escaped', async () => {
    const md = await report('md');
    const model = JSON.parse(await report('json')) as ReportModel;
    for (const file of model.custody) expect(md).toContain(file.sha256);
    for (const phase of PHASES) expect(md).toContain(`### ${phase.title}`);
    for (const entry of model.timeline) expect(md).toContain(entry.time);
    expect(md).toContain('Instance role credentials used from outside');
    expect(md).not.toContain('<script');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;script&gt;alert\\("ua"\\)&lt;/script&gt;');
    expect(md).toContain('&lt;img src=x onerror=alert\\(2\\)&gt;');
    expect(md).not.toContain(`[x](${PAYLOADS.link})`);
    expect(md).toContain('\\[x\\]\\(javascript:alert\\(3\\)\\)');
    // The timeline order is the same as the model's.
    const positions = model.timeline.map((entry) => md.indexOf(`· ${entry.source} ·`, md.indexOf(entry.time)));
    expect(positions.every((position) => position > 0)).toBe(true);
  });

  it('--section saves analyst text (audited) and the report shows it', async () => {
    const html = await report('html', '--section', 'summary=Root credentials and an instance role were abused', '--section', 'containment=Keys disabled <b>fast</b>');
    expect(html).toContain('Root credentials and an instance role were abused');
    expect(html).toContain('Keys disabled &lt;b&gt;fast&lt;/b&gt;');
    const db = openCase(casePath, { readonly: true });
    try {
      expect(listAudit(db).filter((entry) => entry.action === 'report.section.set')).toHaveLength(2);
    } finally {
      db.close();
    }
    expect((await cairn('report', casePath, '--section', 'bogus=x')).code).toBe(2);
  });

  it('--format pdf prints through Chromium (or says clearly that it cannot)', async () => {
    const out = join(dir, 'report.pdf');
    const result = await cairn('report', casePath, '--format', 'pdf', '--out', out, '--generated-at', GENERATED_AT);
    if (existsSync('/usr/bin/chromium') || process.env.CHROMIUM_PATH) {
      expect(result.code).toBe(0);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(result.code).toBe(1);
      expect(result.err.join('\n')).toMatch(/PDF needs Chromium/);
    }
  });
});

describe('cairn review', () => {
  it('items survive re-opening the case and are in the audit log', async () => {
    const [stopId] = await rowIds(casePath, 'eventName:StopLogging');
    const add = await cairn('review', casePath, '--add', 'action', '--text', 'Alert on StopLogging', '--owner', 'alice', '--due', '2026-02-01', '--event', String(stopId), '--json');
    expect(add.code).toBe(0);
    const item = JSON.parse(add.out[0] as string) as { id: number; status: string };
    expect(item.status).toBe('open');
    expect((await cairn('review', casePath, '--add', 'went-well', '--text', 'Flow logs were on')).code).toBe(0);
    expect((await cairn('review', casePath, '--add', 'gap', '--text', 'No DNS logs')).code).toBe(0);
    const toDelete = JSON.parse((await cairn('review', casePath, '--add', 'went-badly', '--text', 'typo', '--json')).out[0] as string) as { id: number };
    expect((await cairn('review', casePath, '--done', String(item.id))).code).toBe(0);
    expect((await cairn('review', casePath, '--delete', String(toDelete.id))).code).toBe(0);
    expect((await cairn('review', casePath, '--delete', '999')).code).toBe(1);
    expect((await cairn('review', casePath, '--add', 'nonsense', '--text', 'x')).code).toBe(2);
    expect((await cairn('review', casePath, '--text', 'stray')).code).toBe(2);

    // A fresh connection (the file re-opened) sees the items and the audit entries.
    const raw = new Database(casePath, { readonly: true });
    try {
      expect(raw.prepare(`SELECT kind, text, owner, status, event_id AS eventId FROM review_items ORDER BY id`).all()).toEqual([
        { kind: 'action', text: 'Alert on StopLogging', owner: 'alice', status: 'done', eventId: stopId },
        { kind: 'went-well', text: 'Flow logs were on', owner: null, status: null, eventId: null },
        { kind: 'gap', text: 'No DNS logs', owner: null, status: null, eventId: null },
      ]);
    } finally {
      raw.close();
    }
    const db = openCase(casePath, { readonly: true });
    try {
      expect(listReviewItems(db).map((entry) => entry.kind)).toEqual(['went-well', 'gap', 'action']);
      const actions = listAudit(db).map((entry) => entry.action).filter((action) => action.startsWith('review.'));
      expect(actions).toEqual(['review.item.add', 'review.item.add', 'review.item.add', 'review.item.add', 'review.item.update', 'review.item.delete']);
      expect(verifyAuditChain(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('exports the review as Markdown and JSON; the report shows the action item', async () => {
    const md = (await cairn('review', casePath, '--format', 'md', '--generated-at', GENERATED_AT)).out.join('\n');
    expect(md).toContain('# Lessons learned');
    expect(md).toContain('Alert on StopLogging');
    expect(md).toContain('Flow logs were on');
    const json = JSON.parse((await cairn('review', casePath, '--format', 'json', '--generated-at', GENERATED_AT)).out.join('\n')) as { review: ReportModel['review'] };
    expect(json.review.actions).toMatchObject([{ text: 'Alert on StopLogging', owner: 'alice', due: '2026-02-01T00:00:00.000Z', status: 'done' }]);
    const html = await report('html');
    expect(html).toContain('Alert on StopLogging');
  });
});

describe('cairn export', () => {
  it('--timesketch writes one event per row with starred as a tag and notes as comments', async () => {
    const out = join(dir, 'timeline.jsonl');
    expect((await cairn('export', casePath, '--timesketch', out)).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const { out: count } = await cairn('events', casePath, '--count');
    expect(lines).toHaveLength(Number(count[0]));
    const first = lines[0] as Record<string, unknown>;
    expect(Object.keys(first).slice(0, 8)).toEqual(['message', 'datetime', 'timestamp', 'timestamp_desc', 'source', 'data_type', 'tag', 'comment']);
    expect(first.timestamp).toBe(Date.parse(first.datetime as string) * 1000);
    const noted = lines.find((line) => (line.comment as string[]).length === 2);
    expect(noted?.tag).toEqual(['starred']);
    expect((noted?.comment as string[])[0]).toMatch(/^cli \(\d{4}-.*Z\): Instance role credentials/);
  });

  it('--csv quotes per RFC 4180 and defuses formulas; a query narrows the rows', async () => {
    const out = join(dir, 'timeline.csv');
    expect((await cairn('export', casePath, '--csv', out, 'starred:true')).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const records = text.split('\r\n').filter(Boolean);
    expect(records).toHaveLength(1 + starred.length);
    expect(records[0]?.startsWith('message,datetime,timestamp,timestamp_desc,source,data_type,tag,comment,')).toBe(true);
    expect(text).toContain('"<script>alert(""ua"")</script>"');
  });

  it('--bundle writes a gzipped tar whose manifest hashes every file', async () => {
    const out = join(dir, 'bundle.tar.gz');
    expect((await cairn('export', casePath, '--bundle', out, '--generated-at', GENERATED_AT)).code).toBe(0);
    const files = new Map<string, Buffer>();
    const reader = extract();
    const done = new Promise<void>((resolve, reject) => {
      reader.on('entry', (header, stream, next) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
        stream.on('end', () => {
          files.set(header.name, Buffer.concat(chunks));
          next();
        });
      });
      reader.on('finish', resolve);
      reader.on('error', reject);
    });
    Readable.from([gunzipSync(readFileSync(out))]).pipe(reader);
    await done;
    const names = ['containment.sh', 'manifest.json', 'report.html', 'report.json', 'report.md', 'review.json', 'timeline.jsonl'];
    expect([...files.keys()].map((name) => name.replace('cairn-bundle/', '')).sort()).toEqual(names);
    const manifest = JSON.parse(files.get('cairn-bundle/manifest.json')?.toString() ?? '{}') as { files: { name: string; sha256: string }[] };
    expect(manifest.files.map((file) => file.name)).toEqual(names.filter((name) => name !== 'manifest.json'));
    for (const file of manifest.files) {
      expect(file.sha256).toBe(createHash('sha256').update(files.get(`cairn-bundle/${file.name}`) as Buffer).digest('hex'));
    }
    const script = files.get('cairn-bundle/containment.sh')?.toString() ?? '';
    expect(script).toMatch(/^#!\/usr\/bin\/env bash\n# Containment commands generated by Cairn/);
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain('GENERATED FOR REVIEW');
  });

  it('--bundle FILE.zip writes the same bundle as a zip, byte-identical for the same case', async () => {
    const first = join(dir, 'bundle-1.zip');
    const second = join(dir, 'bundle-2.zip');
    expect((await cairn('export', casePath, '--bundle', first, '--generated-at', GENERATED_AT)).code).toBe(0);
    expect((await cairn('export', casePath, '--bundle', second, '--generated-at', GENERATED_AT)).code).toBe(0);
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true);
    // Read back with Cairn's own zip reader (the one that imports evidence archives).
    const zip = await openZip(first, DEFAULT_EXPANSION_LIMITS);
    const files = new Map<string, Buffer>();
    try {
      for await (const member of zip.members) {
        if (isRejection(member)) throw new Error(member.message);
        const chunks: Buffer[] = [];
        for await (const chunk of await member.open()) chunks.push(chunk as Buffer);
        files.set(member.name, Buffer.concat(chunks));
      }
    } finally {
      zip.close();
    }
    const manifest = JSON.parse(files.get('cairn-bundle/manifest.json')?.toString() ?? '{}') as { files: { name: string; sha256: string }[] };
    expect(manifest.files.length).toBe(6);
    for (const file of manifest.files) {
      expect(file.sha256).toBe(createHash('sha256').update(files.get(`cairn-bundle/${file.name}`) as Buffer).digest('hex'));
    }
  });
});
