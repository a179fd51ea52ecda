import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { cairn, serveCase, tempDir, type ServedCase } from './serve-case.js';
import { writeAwsLogsTree } from '../fixtures/cloudtrail-records.js';

/**
 * The timeline at investigation scale, in a real browser over `cairn serve`. The case size comes
 * from CAIRN_E2E_EVENTS (the issue asks for ≥ 2,000,000; the default keeps a local run short).
 * Record n is at 2024-05-10T08:00:00Z + n seconds (test/fixtures/cloudtrail-records.ts).
 */
const EVENTS = Number(process.env.CAIRN_E2E_EVENTS ?? 20_000);
const PER_FILE = 5000;
const BASE = Date.UTC(2024, 4, 10, 8);

let served: ServedCase;

test.describe.configure({ timeout: Math.max(60_000, EVENTS / 10) });

test.beforeAll(async () => {
  test.setTimeout(Math.max(120_000, EVENTS / 2));
  const dir = tempDir();
  const evidence = join(dir, 'evidence');
  // Files of 5,000 records; the last one may be short.
  for (let first = 0; first < EVENTS; first += PER_FILE) {
    writeAwsLogsTree(join(evidence, `part-${first}`), 1, Math.min(PER_FILE, EVENTS - first), first);
  }
  const casePath = join(dir, 'case.cairn');
  cairn(['ingest', casePath, evidence, '--json']);
  served = await serveCase(casePath, dir);
});

test.afterAll(async () => {
  await served?.stop();
});

/**
 * The rows on screen with their boxes and text (rows are drawn in whole chunks: those of a chunk
 * outside the grid's viewport are left out).
 */
async function rows(grid: Locator): Promise<{ index: number; top: number; bottom: number; text: string }[]> {
  return grid.locator('.grid-viewport [role="row"]').evaluateAll((elements) => {
    const viewport = elements[0]?.closest('.grid-viewport')?.getBoundingClientRect();
    return elements
      .map((element) => {
        const box = element.getBoundingClientRect();
        return {
          index: Number(element.getAttribute('aria-rowindex')) - 1,
          top: box.top,
          bottom: box.bottom,
          text: element.textContent ?? '',
        };
      })
      .filter((row) => viewport !== undefined && row.bottom > viewport.top && row.top < viewport.bottom);
  });
}

function expectNoOverlap(list: { index: number; top: number; bottom: number }[]): void {
  const sorted = [...list].sort((a, b) => a.top - b.top);
  for (let k = 1; k < sorted.length; k++) {
    expect(sorted[k]!.top).toBeGreaterThanOrEqual(sorted[k - 1]!.bottom - 0.5);
    expect(sorted[k]!.index).toBe(sorted[k - 1]!.index + 1);
  }
}

/** `2024-05-10 08:00:05.000` for record n, as the grid shows times (UTC). */
function gridTime(n: number): string {
  return new Date(BASE + n * 1000).toISOString().replace('T', ' ').replace('Z', '');
}

async function openGrid(page: Page): Promise<Locator> {
  await page.goto(served.url);
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', String(EVENTS));
  await expect(grid.locator('[aria-rowindex="1"]')).toContainText(gridTime(0));
  return grid;
}

test('End shows the last event', async ({ page }) => {
  const grid = await openGrid(page);
  await grid.focus();
  await page.keyboard.press('End');
  const last = grid.locator(`[aria-rowindex="${EVENTS}"]`);
  await expect(last).toContainText(gridTime(EVENTS - 1));
  await expect(last).toBeInViewport();
  expectNoOverlap(await rows(grid));
});

test('a drag of the scrollbar to 50 % shows rows near the median time', async ({ page }) => {
  const grid = await openGrid(page);
  await grid.evaluate((element) => {
    element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
  });
  await expect
    .poll(async () => {
      const list = await rows(grid);
      const middle = list[Math.floor(list.length / 2)];
      return middle && middle.text.includes(gridTime(middle.index)) ? middle.index : -1;
    })
    .toBeGreaterThan(EVENTS / 2 - 50);
  const list = await rows(grid);
  const middle = list[Math.floor(list.length / 2)]!;
  expect(Math.abs(middle.index - EVENTS / 2)).toBeLessThan(50);
  expectNoOverlap(list);
});

test('no two rows overlap after PageDown, wheel and Home', async ({ page }) => {
  const grid = await openGrid(page);
  await grid.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageDown');
  expectNoOverlap(await rows(grid));
  await grid.hover();
  await page.mouse.wheel(0, 2000);
  await expect.poll(async () => (await rows(grid))[0]?.index ?? 0).toBeGreaterThan(100);
  expectNoOverlap(await rows(grid));
  await page.keyboard.press('Home');
  await expect(grid.locator('[aria-rowindex="1"]')).toBeInViewport();
});

test('a click opens the detail pane without changing the search', async ({ page }) => {
  const grid = await openGrid(page);
  const search = page.getByRole('searchbox', { name: 'Search events' });
  await search.fill('eventName:ListBuckets');
  // Every 10th record is ListBuckets.
  await expect(grid).toHaveAttribute('aria-rowcount', String(Math.ceil(EVENTS / 10)));
  await grid.locator('[aria-rowindex="2"]').getByText('ListBuckets').click();
  const detail = page.getByRole('region', { name: 'Event detail' });
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('ListBuckets');
  // The source's event id (record 10), not the internal row id.
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('00000000-0000-4000-8000-000000000010');
  await expect(search).toHaveValue('eventName:ListBuckets');
});

test('a starred row shows its star, also after a reload', async ({ page }) => {
  const grid = await openGrid(page);
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('s');
  const first = grid.locator('[aria-rowindex="1"]');
  await expect(first.getByRole('button', { name: 'Starred (unstar)' })).toBeVisible();
  await expect.poll(() => cairn(['events', served.casePath, 'starred:true', '--count']).trim()).toBe('1');
  await page.reload();
  await expect(grid.locator('[aria-rowindex="1"]').getByRole('button', { name: 'Starred (unstar)' })).toBeVisible();
  await page.keyboard.press('Escape');
});

test('reload restores the query and the time range, and keeps the session', async ({ page }) => {
  const grid = await openGrid(page);
  await page.getByRole('searchbox', { name: 'Search events' }).fill('eventName:GetObject');
  const from = page.getByRole('textbox', { name: /^From/ });
  await from.fill('2024-05-10T08:00:10Z');
  await from.press('Enter');
  const to = page.getByRole('textbox', { name: /^To/ });
  await to.fill('2024-05-10T08:01:10Z');
  await to.press('Enter');
  // Records 10..69 are in range (60); six of them (10, 20, …, 60) are ListBuckets: 60 − 6 = 54.
  await expect(grid).toHaveAttribute('aria-rowcount', '54');
  expect(page.url()).not.toContain('token=');
  // The place is written to the fragment once the search settles: reload after it has been.
  await expect.poll(() => decodeURIComponent(page.url())).toContain('q=eventName:GetObject');
  await expect.poll(() => page.url()).toContain(`to=${Date.parse('2024-05-10T08:01:10Z')}`);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search events' })).toHaveValue('eventName:GetObject');
  await expect(page.getByRole('textbox', { name: /^From/ })).toHaveValue('2024-05-10T08:00:10.000Z');
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '54');
  // Back walks the searches: one step back is the range before its end was set (typing replaced
  // its own step, so the query stays).
  await page.goBack();
  await expect(page.getByRole('textbox', { name: /^To/ })).toHaveValue('');
  await expect(page.getByRole('textbox', { name: /^From/ })).toHaveValue('2024-05-10T08:00:10.000Z');
  await expect(page.getByRole('searchbox', { name: 'Search events' })).toHaveValue('eventName:GetObject');
});

test('the histogram exports as SVG and PNG under the CSP (data: URLs, nothing remote)', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    // A refusal is a violation (the meta CSP's note that frame-ancestors needs a header is not).
    if (/Refused to/i.test(message.text())) violations.push(message.text());
  });
  await openGrid(page);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe('cairn-histogram.svg');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('cairn-histogram.png');
  const bytes = await png.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  });
  // The PNG signature.
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(violations).toEqual([]);
});
