import { expect, test } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cairn, tempDir } from './serve-case.js';
import { cloudTrailRecord, recordsFile, writeEvidence } from '../fixtures/cloudtrail-records.js';

// The HTML report is opened from disk, often long after the case: it must run nothing that came
// from evidence. These payloads sit in user agents, request parameters and an analyst's note.
const PAYLOADS = [
  '<script>window.__pwned=1;alert(1)</script>',
  '<img src=x onerror="window.__pwned=2;alert(2)">',
  'javascript:alert(3)',
  '"><svg onload="window.__pwned=4;alert(4)">',
] as const;
const ROOT_CREDS = '/work/shared/evidence/panther-analysis/scenario_compromised-root-creds';

let reportPath: string;
let dir: string;

test.beforeAll(() => {
  dir = tempDir();
  const hostile = writeEvidence(
    join(dir, 'evidence', 'payloads.json'),
    recordsFile([
      cloudTrailRecord(1, { eventName: 'PutBucketPolicy', userAgent: PAYLOADS[0], requestParameters: { bucketName: 'acme-exports', policy: PAYLOADS[1] } }),
      cloudTrailRecord(2, { eventName: 'GetObject', userAgent: PAYLOADS[1], requestParameters: { bucketName: 'acme-exports', key: PAYLOADS[2] } }),
      cloudTrailRecord(3, { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', userAgent: PAYLOADS[2], requestParameters: { name: PAYLOADS[3] } }),
    ]),
  );
  const casePath = join(dir, 'case.cairn');
  cairn(['ingest', casePath, ROOT_CREDS, hostile, '--json'], [0, 3]);
  const rows = cairn(['events', casePath, 'eventName:PutBucketPolicy OR eventName:GetObject OR eventName:StopLogging', '--json'])
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: number });
  for (const row of rows) cairn(['annotate', casePath, String(row.id), '--star', '--note', `analyst pasted ${PAYLOADS[0]}`]);
  reportPath = join(dir, 'report.html');
  cairn(['report', casePath, '--format', 'html', '--out', reportPath, '--generated-at', '2026-01-02T03:04:05Z', '--section', `summary=${PAYLOADS[3]}`, '--blast-seed', PAYLOADS[1]]);
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the HTML report runs nothing from evidence and shows the payloads as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const requests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(pathToFileURL(reportPath).href);
  await expect(page.locator('h1')).toContainText('Incident report');

  expect(await page.locator('script').count()).toBe(0);
  expect(await page.locator('img, iframe, object, embed, a[href], [onerror], [onload], svg [onload], foreignObject').count()).toBe(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(requests).toEqual([]);

  // The payloads are visible, as text.
  const text = await page.locator('body').innerText();
  for (const payload of PAYLOADS) expect(text).toContain(payload);
  await expect(page.getByText(PAYLOADS[0]).first()).toBeVisible();

  // The CSP is in force from the file itself.
  const html = readFileSync(reportPath, 'utf8');
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  expect(dialogs).toEqual([]);
});
