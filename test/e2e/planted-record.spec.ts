import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { cairn, serveCase, tempDir, type ServedCase } from './serve-case.js';
import { cloudTrailRecord, recordsFile, writeEvidence } from '../fixtures/cloudtrail-records.js';

// A planted record nested 2,500 levels deep (issue #7): the timeline still shows its row and the
// others, and its detail opens with a capped JSON tree instead of jamming the read path.
const DEPTH = 2_500;

let served: ServedCase;

test.beforeAll(async () => {
  const dir = tempDir();
  let deep: unknown = 'bottom';
  for (let level = 0; level < DEPTH; level++) deep = { next: deep };
  const records = [
    cloudTrailRecord(1, { eventName: 'ListBuckets' }),
    cloudTrailRecord(2, { eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'planted', policy: deep } }),
    cloudTrailRecord(3, { eventName: 'GetObject' }),
  ];
  writeEvidence(join(dir, 'evidence', 'planted.json'), recordsFile(records));
  const casePath = join(dir, 'case.cairn');
  cairn(['ingest', casePath, join(dir, 'evidence'), '--json']);
  served = await serveCase(casePath, dir);
});

test.afterAll(async () => {
  await served?.stop();
});

test('a record nested 2,500 levels deep shows on the timeline with the others, and its detail opens', async ({ page }) => {
  await page.goto(served.url);
  const grid = page.getByRole('grid');
  await expect(grid).toHaveAttribute('aria-rowcount', '3');
  await expect(grid.getByText('PutBucketPolicy')).toBeVisible();
  await expect(grid.getByText('ListBuckets')).toBeVisible();
  await grid.getByText('PutBucketPolicy').click();
  const detail = page.getByRole('region', { name: 'Event detail' });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('PutBucketPolicy');
  // The other rows still answer afterwards (the read path was not jammed).
  await page.getByRole('searchbox', { name: 'Search events' }).fill('eventName:GetObject');
  await expect(grid).toHaveAttribute('aria-rowcount', '1');
});
