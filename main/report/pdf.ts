import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * PDF through headless Chromium printing the self-contained HTML report. The browser is offline
 * (background networking, sync and component updates off) and gets a throw-away profile.
 */

export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to print with: CHROMIUM_PATH, else the first installed candidate, else null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const wanted = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CANDIDATES;
  for (const path of wanted) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/** The browser's arguments for printing `htmlPath` to `pdfPath` (pure, for tests). */
export function chromiumPrintArgs(htmlPath: string, pdfPath: string, profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfPath}`,
    pathToFileURL(htmlPath).href,
  ];
}

/** Prints the HTML file to a PDF; throws PdfUnavailableError when no Chromium is installed. */
export async function printPdf(htmlPath: string, pdfPath: string, options: { chromium?: string | null; timeoutMs?: number } = {}): Promise<void> {
  const chromium = options.chromium === undefined ? findChromium() : options.chromium;
  if (chromium === null) {
    throw new PdfUnavailableError(
      'PDF needs Chromium: install the chromium package (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH; ' +
        'or write --format html and print it from a browser',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'cairn-pdf-'));
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, chromiumPrintArgs(htmlPath, pdfPath, profile), { timeout: options.timeoutMs ?? 120_000 }, (error, _stdout, stderr) => {
        if (error) reject(new Error(`chromium failed to print the report: ${error.message}${stderr ? `\n${String(stderr).slice(-2000)}` : ''}`));
        else resolve();
      });
    });
    if (statSync(pdfPath, { throwIfNoEntry: false })?.isFile() !== true) throw new Error('chromium exited without writing the PDF');
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
