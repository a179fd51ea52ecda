import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { cairn, serveCase, tempDir, type ServedCase } from './serve-case.js';
import { cloudTrailRecord, recordsFile, writeAwsLogsTree, writeEvidence } from '../fixtures/cloudtrail-records.js';

// Evidence strings are attacker-controlled: these payloads must show as text and run nothing.
const XSS_USER_AGENT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const XSS_KEY = '"><svg onload="window.__pwned=3">.csv';

let served: ServedCase;

test.beforeAll(async () => {
  const dir = tempDir();
  const evidence = join(dir, 'evidence');
  writeAwsLogsTree(evidence, 20, 100);
  writeEvidence(
    join(evidence, 'attack.json.gz'),
    recordsFile([
      cloudTrailRecord(5000, {
        eventName: 'StopLogging',
        eventSource: 'cloudtrail.amazonaws.com',
        userAgent: XSS_USER_AGENT,
      }),
      cloudTrailRecord(5001, { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com' }),
      cloudTrailRecord(5002, {
        eventName: 'GetObject',
        requestParameters: { bucketName: 'acme-exports', key: XSS_KEY },
      }),
    ]),
  );
  const casePath = join(dir, 'case.cairn');
  cairn(['ingest', casePath, evidence, '--json']);
  served = await serveCase(casePath, dir);
});

test.afterAll(async () => {
  await served?.stop();
});

test.beforeEach(async ({ page }) => {
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
});

/** Opens a row's detail from the keyboard (a click does too; filtering is the ＋/− buttons). */
async function openRow(page: Page, index: number): Promise<void> {
  await page.getByRole('grid').focus();
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

const countFor = (query?: string): string =>
  cairn(['events', served.casePath, ...(query ? [query] : []), '--count']).trim();

test('the grid row count equals the CLI count, and a search updates it', async ({ page }) => {
  await page.goto(served.url);
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', countFor());
  expect(countFor()).toBe('2003');

  const search = page.getByRole('searchbox', { name: 'Search events' });
  await search.fill('eventName:StopLogging');
  await expect(grid).toHaveAttribute('aria-rowcount', countFor('eventName:StopLogging'));
  expect(countFor('eventName:StopLogging')).toBe('2');
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
});

test('a query syntax error is shown inline', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('searchbox', { name: 'Search events' }).fill('eventName:StopLogging AND (');
  await expect(page.getByRole('alert')).toBeVisible();
});

test('HTML and script in evidence render as text and execute nothing', async ({ page }) => {
  // userAgent is not a default column: ask for it in the place (the fragment after the token).
  await page.goto(`${served.url}&cols=time,eventName,userAgent`);
  await page.getByRole('searchbox', { name: 'Search events' }).fill('eventName:StopLogging');
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(grid.getByText(XSS_USER_AGENT).first()).toBeVisible();
  await openRow(page, 0);
  const detail = page.getByRole('region', { name: 'Event detail' });
  await expect(detail).toBeVisible();
  await expect(detail.getByLabel('Raw record')).toContainText('onerror=\\"window.__pwned=1\\"');

  await page.getByRole('searchbox', { name: 'Search events' }).fill('"acme-exports"');
  await expect(grid).toHaveAttribute('aria-rowcount', countFor('"acme-exports"'));

  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
});

test('starring an event in the UI is visible to the CLI', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('searchbox', { name: 'Search events' }).fill('eventName:StopLogging');
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '2');
  await openRow(page, 0);
  const detail = page.getByRole('region', { name: 'Event detail' });
  await detail.getByRole('button', { name: /star/i }).first().click();
  await expect.poll(() => countFor('starred:true')).toBe('1');
});

test('the evidence view lists files with their SHA-256', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('tab', { name: /evidence/i }).click();
  const files = JSON.parse(cairn(['files', served.casePath, '--json'])).files as { sha256: string }[];
  // In the inventory (the audit log, folded below it, names the hash too).
  await expect(page.getByRole('table', { name: /^Evidence/ }).getByText(files[0]!.sha256)).toBeVisible();
});
