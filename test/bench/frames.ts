import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

/** Issue #8's frame budget: the timeline scrolled 10 rows per frame over a large result. */
export interface FrameResult {
  rows: number;
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

const CHROMIUM = '/usr/bin/chromium';
const FRAMES = 300;

/** The frame loop, evaluated in the page: one wheel step of 10 lines (rows) per animation frame. */
const IN_PAGE_SCROLL = `(async () => {
  const grid = document.querySelector('[role="grid"]');
  if (!grid) throw new Error('no grid');
  const stamps = [];
  await new Promise((done) => {
    const step = (now) => {
      stamps.push(now);
      grid.dispatchEvent(new WheelEvent('wheel', { deltaY: DELTA, deltaMode: 1, bubbles: true, cancelable: true }));
      if (stamps.length > FRAMES) done();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  return stamps.slice(1).map((stamp, i) => stamp - stamps[i]);
})()`;

/** Whether the frame stage can run here (Debian's Chromium installed). */
export function canMeasureFrames(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Serves `casePath` with the built CLI, opens the timeline in headless Chromium, and scrolls the
 * grid by 10 rows (wheel lines) on every animation frame for 300 frames, timing the frames in the
 * page. Rows load from the bridge meanwhile, as they would for a person scrolling.
 */
export async function measureFrames(root: string, casePath: string, rows: number): Promise<FrameResult> {
  const child = spawn(process.execPath, [join(root, 'bin', 'cairn.js'), 'serve', casePath], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', (line) => resolve(line.trim()));
      child.once('exit', (code) => reject(new Error(`cairn serve exited ${code}`)));
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      await page.locator('[role="grid"] .grid-viewport [role="row"]').first().waitFor({ timeout: 60_000 });
      // Runs in the page (kept as text: this file is type-checked for Node, without the DOM library).
      const times = (await page.evaluate(IN_PAGE_SCROLL.replace('FRAMES', String(FRAMES)).replace('DELTA', process.env.CAIRN_FRAME_DELTA ?? '10'))) as number[];
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
      return { rows, frames: times.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}
