import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { cairn, serveCase, tempDir, type ServedCase } from './serve-case.js';

// The Report view against a real `cairn serve`: a small case from the compromised-root-credentials
// scenario with one starred event.
const ROOT_CREDS = join(import.meta.dirname, '../../../shared/evidence/panther-analysis/scenario_compromised-root-creds/');

let served: ServedCase;
let starred: number;

test.beforeAll(async () => {
  const dir = tempDir();
  const casePath = join(dir, 'case.cairn');
  cairn(['ingest', casePath, ROOT_CREDS, '--json'], [0, 3]);
  const first = cairn(['events', casePath, 'source:cloudtrail', '--json']).trim().split('\n')[0] ?? '';
  starred = (JSON.parse(first) as { id: number }).id;
  cairn(['annotate', casePath, String(starred), '--star', '--note', 'first root call']);
  served = await serveCase(casePath, dir);
});

test.afterAll(async () => {
  await served?.stop();
});

function preview(page: Page) {
  return page.frameLocator('iframe[title="Report preview"]');
}

async function openReport(page: Page) {
  await page.goto(`${served.url}&view=report`);
  await expect(page.getByRole('tab', { name: 'Report' })).toHaveAttribute('aria-selected', 'true');
  await expect(preview(page).locator('h1')).toContainText('Incident report');
}

test('the Report view shows the preview in a sandboxed frame', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(new URL(response.url()).pathname);
  });
  await openReport(page);
  const frame = page.locator('iframe[title="Report preview"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  expect(await frame.getAttribute('src')).toBeNull();
  // The frame's document is an opaque origin: the page cannot reach into it, nor it into the page.
  expect(await frame.evaluate((element) => (element as unknown as { contentDocument: unknown }).contentDocument === null)).toBe(true);
  // The starred event is in the report.
  await expect(preview(page).locator('body')).toContainText(/starred|first root call/i);
  // The srcdoc frame inherits the renderer's policy, which allows exactly the report's stylesheet by
  // its hash: no violation at all, and the preview is styled.
  expect(errors.filter((text) => /violates/.test(text))).toEqual([]);
  expect(failed.filter((path) => path !== '/favicon.ico')).toEqual([]);
});

test('a saved summary shows up in the preview after Refresh', async ({ page }) => {
  await openReport(page);
  const summary = page.getByRole('group', { name: 'Summary' });
  const text = `Root credentials were used from an unknown address ${Date.now()}`;
  await summary.getByRole('textbox').fill(text);
  await summary.getByRole('button', { name: 'Save' }).click();
  await expect(summary).toContainText(/Saved by .+ at \d{4}-\d{2}-\d{2}/);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(preview(page).locator('body')).toContainText(text);
});

test('an action item can be added and survives a reload', async ({ page }) => {
  await openReport(page);
  const form = page.getByRole('form', { name: 'Add a review item' });
  await form.getByRole('combobox', { name: 'Kind' }).selectOption('action');
  await form.getByRole('textbox', { name: 'Text' }).fill('Enable MFA on the root user');
  await form.getByRole('textbox', { name: 'Owner' }).fill('cloud-team');
  await form.getByLabel('Due').fill('2026-02-01');
  await form.getByRole('button', { name: 'Add' }).click();
  const actions = page.getByRole('region', { name: 'Action items' });
  const item = actions.getByRole('listitem', { name: 'Enable MFA on the root user' });
  await expect(item).toContainText('owner cloud-team');
  await item.getByRole('combobox', { name: /Status of/ }).selectOption('in-progress');
  // The select follows the stored status, so this waits for the server's answer.
  await expect(item.getByRole('combobox', { name: /Status of/ })).toHaveValue('in-progress');
  await page.reload();
  const again = page.getByRole('region', { name: 'Action items' }).getByRole('listitem', { name: 'Enable MFA on the root user' });
  await expect(again).toContainText('due 2026-02-01');
  await expect(again.getByRole('combobox', { name: /Status of/ })).toHaveValue('in-progress');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(preview(page).locator('body')).toContainText('Enable MFA on the root user');
});

test('an item linked to the open event leads back to it in the timeline', async ({ page }) => {
  await page.goto(`${served.url}&ev=${starred}&view=report`);
  const form = page.getByRole('form', { name: 'Add a review item' });
  await form.getByRole('combobox', { name: 'Kind' }).selectOption('went-badly');
  await form.getByRole('textbox', { name: 'Text' }).fill('Root was used at all');
  await expect(form.getByRole('checkbox', { name: new RegExp(`#${starred}`) })).toBeChecked();
  await form.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('region', { name: 'Went badly' }).getByRole('button', { name: `Show event #${starred}` }).click();
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => new URL(page.url()).hash).toContain(`ev=${starred}`);
});
