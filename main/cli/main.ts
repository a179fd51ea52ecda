import { ingestCommand, ingestUsage } from './ingest.js';
import { eventsCommand, eventsUsage } from './events.js';
import { filesCommand, filesUsage } from './files.js';
import { verifyCommand, verifyUsage } from './verify.js';
import { serveCommand, serveUsage } from './serve.js';
import { annotateCommand, annotateUsage } from './annotate.js';
import { demoCommand, demoUsage } from './demo.js';
import { flowsCommand, flowsUsage } from './flows.js';
import { iamCommand, iamUsage } from './iam.js';
import { blastCommand, blastUsage } from './blast.js';
import { statsCommand, statsUsage } from './stats.js';
import { searchesCommand, searchesUsage } from './searches.js';
import { reportCommand, reportUsage } from './report.js';
import { reviewCommand, reviewUsage } from './review.js';
import { exportCommand, exportUsage } from './export.js';
import { EXIT, UsageError } from './usage-error.js';
import { processOutput, type Output } from './output.js';
import { CaseFileError } from '../store/migrate.js';
import { ImportInProgressError } from '../ingest/pipeline.js';

type Verb = (argv: string[], io: Output) => number | Promise<number>;

const VERBS: Record<string, { run: Verb; usage: string; summary: string }> = {
  ingest: { run: ingestCommand, usage: ingestUsage, summary: 'import evidence files, archives and folders' },
  events: { run: eventsCommand, usage: eventsUsage, summary: 'search the timeline' },
  files: { run: filesCommand, usage: filesUsage, summary: 'list the evidence inventory with SHA-256' },
  verify: { run: verifyCommand, usage: verifyUsage, summary: 'check the case file and re-hash evidence' },
  annotate: { run: annotateCommand, usage: annotateUsage, summary: 'star, tag or note an event' },
  serve: { run: serveCommand, usage: serveUsage, summary: 'open the investigation UI in a browser (loopback)' },
  demo: { run: demoCommand, usage: demoUsage, summary: 'create the bundled demo incident as a new case' },
  flows: { run: flowsCommand, usage: flowsUsage, summary: 'VPC flow analyses: conversations, scans, top talkers, explain a flow' },
  iam: { run: iamCommand, usage: iamUsage, summary: 'ask the IAM snapshot: can a principal do X, who can do X' },
  blast: { run: blastCommand, usage: blastUsage, summary: 'blast radius of a key, principal, instance or IP (observed + potential)' },
  stats: { run: statsCommand, usage: statsUsage, summary: 'most frequent values of a field among matching events' },
  searches: { run: searchesCommand, usage: searchesUsage, summary: 'list, save or delete saved searches' },
  report: { run: reportCommand, usage: reportUsage, summary: 'post-mortem report: HTML (no scripts), Markdown, JSON or PDF' },
  review: { run: reviewCommand, usage: reviewUsage, summary: 'lessons-learned review: export, add, update, close or delete items' },
  export: { run: exportCommand, usage: exportUsage, summary: 'Timesketch JSONL, CSV, or the case bundle with a SHA-256 manifest' },
};

function helpText(): string {
  const lines = ['cairn — offline AWS incident-response workstation', '', 'Usage:'];
  // The first line of each verb's usage; `cairn VERB --help` prints the whole of it, with options and examples.
  for (const verb of Object.values(VERBS)) lines.push(`  ${verb.usage.split('\n')[0] ?? ''}`, `      ${verb.summary}`);
  lines.push('', 'cairn VERB --help lists a verb\'s options with an example.');
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
  // With --json, errors are JSON too (on stderr), so scripts never parse prose.
  const json = rest.includes('--json');
  const fail = (code: number, kind: string, message: string): number => {
    io.err(json ? JSON.stringify({ error: message, code: kind }) : `cairn ${verbName}: ${message}`);
    return code;
  };
  try {
    return await verb.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return fail(EXIT.usage, 'usage', error.message);
    if (error instanceof CaseFileError) return fail(EXIT.fatal, 'case-file', error.message);
    if (error instanceof ImportInProgressError) return fail(EXIT.fatal, 'import-in-progress', error.message);
    return fail(EXIT.fatal, 'internal', json ? (error as Error).message : ((error as Error).stack ?? String(error)));
  }
}
