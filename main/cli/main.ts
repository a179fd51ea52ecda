import { ingestCommand, ingestUsage } from './ingest.js';
import { eventsCommand, eventsUsage } from './events.js';
import { filesCommand, filesUsage } from './files.js';
import { verifyCommand, verifyUsage } from './verify.js';
import { serveCommand, serveUsage } from './serve.js';
import { annotateCommand, annotateUsage } from './annotate.js';
import { demoCommand, demoUsage } from './demo.js';
import { EXIT, UsageError } from './usage-error.js';
import { processOutput, type Output } from './output.js';
import { CaseFileError } from '../store/migrate.js';

type Verb = (argv: string[], io: Output) => number | Promise<number>;

const VERBS: Record<string, { run: Verb; usage: string; summary: string }> = {
  ingest: { run: ingestCommand, usage: ingestUsage, summary: 'import evidence files, archives and folders' },
  events: { run: eventsCommand, usage: eventsUsage, summary: 'search the timeline' },
  files: { run: filesCommand, usage: filesUsage, summary: 'list the evidence inventory with SHA-256' },
  verify: { run: verifyCommand, usage: verifyUsage, summary: 'check the case file and re-hash evidence' },
  annotate: { run: annotateCommand, usage: annotateUsage, summary: 'star, tag or note an event' },
  serve: { run: serveCommand, usage: serveUsage, summary: 'open the investigation UI in a browser (loopback)' },
  demo: { run: demoCommand, usage: demoUsage, summary: 'create the bundled demo incident as a new case' },
};

function helpText(): string {
  const lines = ['cairn — offline AWS incident-response workstation', '', 'Usage:'];
  for (const verb of Object.values(VERBS)) lines.push(`  ${verb.usage}`, `      ${verb.summary}`);
  lines.push('', 'Exit codes: 0 ok, 1 fatal error, 2 usage error, 3 some files had errors, 4 verification failed');
  return lines.join('\n');
}

/** Runs one `cairn` command; returns the exit code. */
export async function runCli(argv: string[], io: Output = processOutput): Promise<number> {
  const [verbName, ...rest] = argv;
  if (!verbName || verbName === '--help' || verbName === '-h' || verbName === 'help') {
    io.out(helpText());
    return verbName ? EXIT.ok : EXIT.usage;
  }
  const verb = VERBS[verbName];
  if (!verb) {
    io.err(`cairn: unknown command "${verbName}"\n\n${helpText()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${verb.usage}`);
    return EXIT.ok;
  }
  try {
    return await verb.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`cairn ${verbName}: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof CaseFileError) {
      io.err(`cairn ${verbName}: ${error.message}`);
      return EXIT.fatal;
    }
    io.err(`cairn ${verbName}: ${(error as Error).stack ?? String(error)}`);
    return EXIT.fatal;
  }
}
