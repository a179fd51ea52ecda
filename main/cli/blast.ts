import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { renderTable, terminalSafe, type Output } from './output.js';
import { noExtraWords, runVerb } from './verb-support.js';
import { openCase } from '../store/open-case.js';
import { blastRadius } from '../services/identity.js';

export const blastUsage = [
  'cairn blast CASE --from SEED [--json]',
  '    SEED: an access key id, a principal ARN, an EC2 instance id or an IP address.',
  '    observed: what the seed\'s credentials and everything they minted or created did (CloudTrail);',
  '    potential: what the IAM snapshot lets the seed\'s principal reach (can-assume, can-escalate,',
  '    can-access). Without an IAM snapshot in the case the graph is observed only.',
  '    example: cairn blast case.cairn --from AKIAIOSFODNN7EXAMPLE --json',
].join('\n');

/** `cairn blast`: the blast radius of a credential, principal, instance or address. */
export function blastCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('blast', argv, io, () => blast(argv, io));
}

async function blast(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, {
    from: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, ...extra] = positionals;
  if (!casePath) throw new UsageError(`usage: ${blastUsage}`);
  noExtraWords(extra, blastUsage);
  const seed = values.from?.trim();
  if (!seed) throw new UsageError(`--from SEED is required\nusage: ${blastUsage}`);

  const db = openCase(casePath, { readonly: true });
  let report;
  try {
    report = await blastRadius(db, seed);
  } finally {
    db.close();
  }
  if (!report.iamSnapshot) io.err('cairn blast: the case has no IAM snapshot: observed graph only, adminEquivalent is false');
  for (const note of report.notes) io.err(`cairn blast: ${terminalSafe(note)}`);
  const { graph } = report;
  if (values.json) {
    io.out(JSON.stringify(graph));
    return EXIT.ok;
  }
  const mark = (item: { potential: boolean; observed: boolean }) =>
    item.potential && item.observed ? 'both' : item.observed ? 'observed' : 'potential';
  io.out(`seed ${terminalSafe(graph.seed)}${report.principals.length ? ` (${report.principals.map(terminalSafe).join(', ')})` : ''}`);
  io.out(`admin-equivalent: ${graph.adminEquivalent ? 'YES' : 'no'}`);
  io.out('');
  for (const line of renderTable(['node', 'kind', 'seen as'], graph.nodes.map((n) => [n.id, n.kind, mark(n)]), 100)) io.out(line);
  io.out('');
  for (const line of renderTable(
    ['from', 'edge', 'to', 'seen as', 'actions'],
    graph.edges.map((e) => [e.from, e.kind, e.to, mark(e), e.actions.join(',')]),
    80,
  ))
    io.out(line);
  return EXIT.ok;
}
