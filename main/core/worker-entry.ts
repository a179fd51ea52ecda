import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread's entry module is and how to start it: the compiled `.js` beside the caller
 * when running from dist/, else the `.ts` source through tsx (tests run straight from source).
 */
export function workerEntry(callerUrl: string, stem: string): { url: URL; execArgv: string[] } {
  const js = new URL(`./${stem}.js`, callerUrl);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: [] };
  return { url: new URL(`./${stem}.ts`, callerUrl), execArgv: ['--import', 'tsx'] };
}
