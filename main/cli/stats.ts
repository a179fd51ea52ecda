import { parsePositiveInt, parseTimeOption, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { formatCount, renderTable, type Output } from './output.js';
import { noExtraWords, runVerb } from './verb-support.js';
import { openCase } from '../store/open-case.js';
import { readFieldStats } from '../services/read-queries.js';

export const statsUsage = [
  "cairn stats CASE FIELD ['QUERY'] [--from ISO] [--to ISO] [--limit N] [--json]",
  '    The most frequent values of FIELD (any field or alias, e.g. eventName, sourceIp, dstPort)',
  '    among the events matching QUERY (the `cairn events` search syntax) and the time range.',
  '    total: matching events; --limit: values shown (default 10, at most 1000).',
  "    example: cairn stats case.cairn eventName 'userName:dev' --limit 20 --json",
].join('\n');

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

/** `cairn stats`: top values of a field. */
export function statsCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('stats', argv, io, () => stats(argv, io));
}

function stats(argv: string[], io: Output): number {
  const { values, positionals } = parseVerbArgs(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, field, query = '', ...extra] = positionals;
  if (!casePath || !field) throw new UsageError(`usage: ${statsUsage}`);
  // The query is one argument (quote it): more words are a mistake, not more query.
  noExtraWords(extra, statsUsage);
  const from = parseTimeOption('from', values.from);
  const to = parseTimeOption('to', values.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from (${values.from}) is later than --to (${values.to})`);
  const limit = parsePositiveInt('limit', values.limit) ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) throw new UsageError(`--limit: must be between 1 and ${MAX_LIMIT}`);

  const db = openCase(casePath, { readonly: true });
  try {
    const result = readFieldStats(db, {
      field,
      limit,
      ...(query.trim() ? { query } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    });
    if (values.json) {
      io.out(JSON.stringify({ field: result.field, total: result.total, values: result.values }));
      return EXIT.ok;
    }
    const rows = result.values.map((v) => [v.value ?? '(none)', formatCount(v.count), result.total ? `${((v.count / result.total) * 100).toFixed(1)}%` : '']);
    for (const line of renderTable([result.field, 'count', 'share'], rows, 100)) io.out(line);
    io.out(`${formatCount(result.total)} matching events`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}
