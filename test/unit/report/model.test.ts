import { afterEach, describe, expect, it } from 'vitest';
import { openCase, type WritableDb } from '../../../main/store/open-case.js';
import { buildReportModel, formatDuration, principalOf, PHASES } from '../../../main/report/model.js';
import { renderHtml } from '../../../main/report/html.js';
import { renderMarkdown } from '../../../main/report/markdown.js';
import { chromiumPrintArgs, findChromium, PdfUnavailableError, printPdf } from '../../../main/report/pdf.js';

let db: WritableDb | undefined;
afterEach(() => db?.close());

const OPTIONS = { generatedAt: Date.UTC(2026, 0, 2, 3, 4, 5), caseHash: { sha256: null, basis: 'unavailable' as const } };

describe('report model', () => {
  it('an empty case: every section present, analyses missing say "not available in this case"', async () => {
    db = openCase(':memory:');
    const model = await buildReportModel(db, OPTIONS);
    expect(model.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(model.timeline).toEqual([]);
    expect(model.custody).toEqual([]);
    expect(model.phases.map((phase) => phase.title)).toEqual(PHASES.map((phase) => phase.title));
    expect(model.findings.flows).toMatchObject({ available: false, note: expect.stringMatching(/^not available in this case/) });
    expect(model.findings.identity).toMatchObject({ available: false, note: expect.stringMatching(/^not available in this case/) });
    expect(model.findings.detections.available).toBe(false);
    expect(model.review.suggestedGaps.map((gap) => gap.text)).toEqual([
      'No CloudTrail in the case: API activity cannot be reconstructed',
      'No VPC flow logs in the case: network activity cannot be confirmed',
      'No DNS logs (Route 53 Resolver or public query logs) in the case: name lookups cannot be traced',
    ]);
    expect(model.containment.commands).toEqual([]);
    // Renders, and only one clock reading appears: generatedAt.
    expect(renderHtml(model)).toContain('not available in this case');
    expect(renderMarkdown(model)).toContain('not available in this case');
    expect(Object.keys(model)).toEqual(['format', 'version', 'generatedAt', 'case', 'summary', 'scope', 'custody', 'timeline', 'findings', 'phases', 'review', 'containment']);
  });

  it('the model is deterministic for the same case and generatedAt', async () => {
    db = openCase(':memory:');
    const a = JSON.stringify(await buildReportModel(db, OPTIONS));
    const b = JSON.stringify(await buildReportModel(db, OPTIONS));
    expect(a).toBe(b);
  });

  it('helpers: durations, assumed-role ARNs to role ARNs', () => {
    expect(formatDuration(646_000)).toBe('10m 46s');
    expect(formatDuration(90_061_000)).toBe('1d 1h 1m 1s');
    expect(formatDuration(0)).toBe('0s');
    expect(principalOf('arn:aws:sts::123456789123:assumed-role/WebRole/i-0317f6c6b66ae9c40')).toBe('arn:aws:iam::123456789123:role/WebRole');
    expect(principalOf('arn:aws:iam::1:user/x')).toBe('arn:aws:iam::1:user/x');
  });
});

describe('PDF', () => {
  it('prints offline with a throw-away profile', () => {
    expect(chromiumPrintArgs('/tmp/r d/report.html', '/tmp/out.pdf', '/tmp/profile')).toEqual([
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--user-data-dir=/tmp/profile',
      '--no-pdf-header-footer',
      '--print-to-pdf=/tmp/out.pdf',
      'file:///tmp/r%20d/report.html',
    ]);
  });
  it('finds Chromium from CHROMIUM_PATH, or reports none', () => {
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeNull();
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });
  it('without Chromium, says how to get one', async () => {
    await expect(printPdf('/tmp/x.html', '/tmp/x.pdf', { chromium: null })).rejects.toThrow(PdfUnavailableError);
    await expect(printPdf('/tmp/x.html', '/tmp/x.pdf', { chromium: null })).rejects.toThrow(/install the chromium package .* or set CHROMIUM_PATH/);
  });
});
