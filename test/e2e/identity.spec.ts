import { expect, test, type Page } from '@playwright/test';
import { IAM } from '../fixtures/incident/iam.js';
import { serveIncident } from './incident-case.js';
import type { ServedCase } from './serve-case.js';

// The identity view against a real `cairn serve` on the generated IAM incident.
let served: ServedCase;

test.beforeAll(async () => {
  served = await serveIncident();
});

test.afterAll(async () => {
  await served?.stop();
});

function node(page: Page, id: string) {
  return page.getByRole('group', { name: 'Blast radius graph' }).locator(`[data-id="${id}"]`);
}

async function blast(page: Page, seed: string) {
  await page.goto(`${served.url}&view=identity`);
  await page.getByRole('textbox', { name: /Seed/ }).fill(seed);
  await page.getByRole('button', { name: 'Blast radius', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Blast radius graph' })).toBeVisible();
}

test('the leaked key reaches the assumed role (observed) and the backup bucket (potential only, dashed)', async ({ page }) => {
  await blast(page, IAM.leakedKey);
  await expect(node(page, IAM.roleArn)).toHaveAttribute('data-evidence', 'observed');
  await expect(node(page, IAM.roleArn).locator('path')).not.toHaveAttribute('stroke-dasharray', /.+/);
  await expect(node(page, IAM.backupBucket)).toHaveAttribute('data-evidence', 'potential-only');
  await expect(node(page, IAM.backupBucket).locator('path')).toHaveAttribute('stroke-dasharray', /\d/);
  await expect(page.getByText('admin-equivalent')).toBeVisible();
  // The place keeps the view and the seed: a reload shows the same graph.
  await expect.poll(() => new URL(page.url()).hash).toContain('view=identity');
  await page.reload();
  await expect(node(page, IAM.roleArn)).toHaveAttribute('data-evidence', 'observed');
  await expect(page.getByRole('textbox', { name: /Seed/ })).toHaveValue(IAM.leakedKey);
});

test('clicking a node opens its profile; show events pivots to the timeline', async ({ page }) => {
  await blast(page, IAM.leakedKey);
  await node(page, IAM.leakedKey).click();
  const profile = page.getByRole('region', { name: 'Entity profile' });
  await expect(profile).toContainText(IAM.leakedKey);
  await expect(profile.getByRole('img', { name: 'Event names' })).toContainText('AssumeRole');
  await profile.getByRole('button', { name: 'Show events' }).click();
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('searchbox')).toHaveValue(`accessKeyId:${IAM.leakedKey}`);
});

test('the lineage of the session key leads back to the leaked key', async ({ page }) => {
  await blast(page, IAM.sessionKey);
  const tree = page.getByRole('tree', { name: 'Credential chain' });
  await expect(tree.getByRole('treeitem').first()).toContainText(IAM.leakedKey);
  await expect(tree).toContainText(IAM.sessionKey);
});

test('from an event in the timeline: Blast radius opens the identity view with its key', async ({ page }) => {
  await page.goto(`${served.url}&q=${encodeURIComponent('eventName:AssumeRole')}`);
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', '1');
  // Open the row from the keyboard (a click in a cell can land on its filter buttons).
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'Event detail' });
  await detail.getByRole('button', { name: 'Blast radius' }).click();
  await expect(page.getByRole('tab', { name: 'Identity' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: /Seed/ })).toHaveValue(IAM.leakedKey);
  await expect(node(page, IAM.roleArn)).toHaveAttribute('data-evidence', 'observed');
});
