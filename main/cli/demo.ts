import { resolve } from 'node:path';
import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { formatCount, formatDuration, terminalSafe, type Output } from './output.js';
import { createDemoCase, ATTACKER_IP, BACKDOOR_USER } from '../demo/demo-incident.js';
import { CI_DEPLOY_ACCESS_KEY } from '../demo/account.js';

export const demoUsage = [
  'cairn demo CASE [--json]',
  '  builds the bundled demo incident (leaked CI key → recon → persistence → evasion → exfiltration) as a new case',
  '  e.g. cairn demo demo.cairn && cairn serve demo.cairn',
].join('\n');

/** `cairn demo`: creates a new case holding a generated (fictional) intrusion to explore. */
export async function demoCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, { json: { type: 'boolean' } });
  const [casePath] = positionals;
  if (!casePath || positionals.length > 1) throw new UsageError(`usage: ${demoUsage}`);
  const path = resolve(casePath);
  const started = Date.now();
  let result;
  try {
    result = await createDemoCase(path);
  } catch (error) {
    io.err(`cairn demo: ${terminalSafe((error as Error).message)}`);
    return EXIT.fatal;
  }
  if (values.json) {
    io.out(JSON.stringify({ case: path, events: result.events, files: result.files }));
    return EXIT.ok;
  }
  io.out(
    `Created ${terminalSafe(path)}: ${formatCount(result.events)} CloudTrail events from ${formatCount(result.files)} files ` +
      `in ${formatDuration(Date.now() - started)}.`,
  );
  io.out('The story is fictional (account 111122223333, 10–12 March 2025). Start with:');
  io.out(`  cairn events ${terminalSafe(casePath)} 'accessKeyId:${CI_DEPLOY_ACCESS_KEY} AND sourceIp:${ATTACKER_IP}'`);
  io.out(`  cairn events ${terminalSafe(casePath)} 'userName:${BACKDOOR_USER}'`);
  io.out('See docs/DEMO.md for the whole story.');
  return EXIT.ok;
}
