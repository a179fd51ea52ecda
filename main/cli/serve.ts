import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parsePositiveInt, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import type { Output } from './output.js';
import { CaseSession, createApiHost } from '../services/api-dispatcher.js';
import { startBridge } from '../bridge/server.js';
import { rendererDist } from '../core/package-root.js';

export const serveUsage = [
  'cairn serve CASE [--port N] [--evidence DIR]...',
  '  the investigation UI in a browser over a loopback bridge (127.0.0.1 only, a per-run token in the printed URL)',
  '  --evidence DIR  a folder the UI may import from (default: the current folder only)',
  '  e.g. cairn serve case.cairn --port 8765',
].join('\n');

/**
 * `cairn serve`: the investigation UI in a browser, over a loopback HTTP bridge guarded by a
 * random token. The first line on stdout is the URL to open (scripts and tests read it).
 */
export async function serveCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, { port: { type: 'string' }, evidence: { type: 'string', multiple: true } });
  const [casePath] = positionals;
  if (!casePath || positionals.length > 1) throw new UsageError(`usage: ${serveUsage}`);
  const port = parsePositiveInt('port', values.port);
  if (port !== undefined && port > 65535) throw new UsageError('--port: must be at most 65535');
  const rendererDir = rendererDist();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    io.err(`cairn serve: the UI is not built (${rendererDir}); run npm run build`);
    return EXIT.fatal;
  }
  const session = CaseSession.open(casePath);
  const bridge = await startBridge({
    host: createApiHost({
      session,
      actor: 'analyst',
      log: (line) => io.err(line),
      ingestRoots: values.evidence?.length ? values.evidence : [process.cwd()],
    }),
    rendererDir,
    ...(port !== undefined ? { port } : {}),
  });
  io.out(bridge.url);
  io.err(`Serving ${session.path} on 127.0.0.1:${bridge.port} (loopback only). Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await bridge.close();
  await session.ingests.settle();
  session.close();
  return EXIT.ok;
}
