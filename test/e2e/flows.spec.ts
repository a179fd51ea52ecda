import { expect, test } from '@playwright/test';
import { NET } from '../fixtures/incident/network.js';
import { serveIncident } from './incident-case.js';
import type { ServedCase } from './serve-case.js';

// The flows view against a real `cairn serve` on the generated network incident.
let served: ServedCase;

test.beforeAll(async () => {
  served = await serveIncident();
});

test.afterAll(async () => {
  await served?.stop();
});

test('the return-blocked conversation is explained by its NACL id, rule number and egress', async ({ page }) => {
  await page.goto(`${served.url}&view=flows`);
  await expect(page.getByRole('tab', { name: 'Flows' })).toHaveAttribute('aria-selected', 'true');
  const table = page.getByRole('table', { name: 'Conversations' });
  const row = table.getByRole('row').filter({ hasText: 'return blocked' }).filter({ hasText: NET.returnClient });
  await expect(row).toHaveCount(1);
  // Click the verdict cell (the address and ENI cells are pivots to the timeline).
  await row.getByText('return blocked').click();
  const panel = page.getByRole('region', { name: 'Explanation' });
  await expect(panel.locator('dd', { hasText: NET.nacl })).toBeVisible();
  await expect(panel.locator('.fact.deciding dd', { hasText: `#${NET.blockedRule}` })).toBeVisible();
  await expect(panel.locator('dd', { hasText: /^egress$/ })).toBeVisible();
  await expect(panel.locator('mark').first()).toBeVisible();
});

test('filters by verdict, shows the scan and the talkers with their DNS names, explains a flow', async ({ page }) => {
  await page.goto(`${served.url}&view=flows`);
  const table = page.getByRole('table', { name: 'Conversations' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('combobox', { name: 'Verdict filter' }).selectOption('inbound-blocked');
  await expect(table.getByRole('row').filter({ hasText: NET.sgClient }).first()).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'return blocked' })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Scans' })).toContainText(NET.scanner);
  const chart = page.getByRole('img', { name: 'Top talkers by bytes' });
  await expect(chart).toContainText(NET.exfilName);
  // No label is clipped: every label's box lies inside the SVG.
  const clipped = await chart.evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter((text) => {
      const r = text.getBoundingClientRect();
      return r.left < box.left - 0.5 || r.right > box.right + 0.5;
    }).length;
  });
  expect(clipped).toBe(0);
  const form = page.getByRole('form', { name: 'Explain a flow' });
  await form.getByLabel('Source').fill(NET.sgClient);
  await form.getByLabel('Destination').fill(NET.server);
  await form.getByLabel('Port').fill('8080');
  await form.getByRole('button', { name: 'Explain' }).click();
  await expect(form.getByRole('status')).toContainText('blocked');
});

test('clicking an address pivots to the timeline with srcIp:X OR dstIp:X', async ({ page }) => {
  await page.goto(`${served.url}&view=flows`);
  const table = page.getByRole('table', { name: 'Conversations' });
  const row = table.getByRole('row').filter({ hasText: 'return blocked' }).first();
  await row.getByRole('button', { name: NET.returnClient }).click();
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('searchbox')).toHaveValue(`srcIp:${NET.returnClient} OR dstIp:${NET.returnClient}`);
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '4');
});
