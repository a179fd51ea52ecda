import { parsePositiveInt, parseTimeOption, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { formatCount, renderTable, type Output } from './output.js';
import { openCase } from '../store/open-case.js';
import { countEvents, iterateEvents } from '../store/queries/events.js';
import { buildEventFilter } from '../services/event-filter.js';
import { QuerySyntaxError } from '../analysis/query/parse.js';

export const eventsUsage = 'cairn events CASE [QUERY] [--from ISO] [--to ISO] [--limit N] [--count] [--json]';

/** Without --limit, the table stops here (JSON output is never cut). */
const DEFAULT_TABLE_LIMIT = 1000;

/** `cairn events`: searches the timeline (oldest first, newest last). */
export function eventsCommand(argv: string[], io: Output): number {
  const { values, positionals } = parseVerbArgs(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    count: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [casePath, ...queryParts] = positionals;
  if (!casePath) throw new UsageError(`usage: ${eventsUsage}`);
  const query = queryParts.join(' ');
  const from = parseTimeOption('from', values.from);
  const to = parseTimeOption('to', values.to);
  const limit = parsePositiveInt('limit', values.limit);

  let filter;
  try {
    filter = buildEventFilter({ query, from, to });
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      io.err(`cairn events: query error at column ${error.position + 1}: ${error.message}`);
      io.err(`  ${query}`);
      io.err(`  ${' '.repeat(error.position)}^`);
      return EXIT.usage;
    }
    throw error;
  }

  const db = openCase(casePath, { readonly: true });
  try {
    if (values.count) {
      const count = countEvents(db, filter);
      io.out(values.json ? JSON.stringify({ count }) : String(count));
      return EXIT.ok;
    }
    if (values.json) {
      for (const event of iterateEvents(db, filter, { withRaw: true, ...(limit !== undefined ? { limit } : {}) })) {
        io.out(JSON.stringify(event));
      }
      return EXIT.ok;
    }
    const shown = limit ?? DEFAULT_TABLE_LIMIT;
    const rows: string[][] = [];
    for (const event of iterateEvents(db, filter, { withRaw: false, limit: shown })) {
      rows.push([
        event.time,
        event.eventName ?? '',
        event.userName ?? event.principalArn ?? '',
        event.sourceIp ?? '',
        event.region ?? '',
        event.errorCode ?? '',
        event.eventId ?? String(event.id),
      ]);
    }
    for (const line of renderTable(['time (UTC)', 'eventName', 'principal', 'sourceIp', 'region', 'error', 'eventId'], rows)) {
      io.out(line);
    }
    if (limit === undefined && rows.length === shown) {
      const total = countEvents(db, filter);
      if (total > shown) io.err(`… ${formatCount(total - shown)} more events (use --limit N or --json)`);
    }
    return EXIT.ok;
  } finally {
    db.close();
  }
}
