import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * How to start a worker thread's entry module: the compiled `.js` beside the caller when running
 * from dist/, else the `.ts` source through a tsx bootstrap (tests run straight from source).
 * Merge `workerData` into the worker's own data.
 */
export function workerEntry(callerUrl: string, stem: string): { url: URL; workerData: Record<string, unknown> } {
  const js = new URL(`./${stem}.js`, callerUrl);
  if (existsSync(fileURLToPath(js))) return { url: js, workerData: {} };
  return {
    url: new URL('./ts-worker-bootstrap.mjs', import.meta.url),
    workerData: { __tsEntry: new URL(`./${stem}.ts`, callerUrl).href },
  };
}
