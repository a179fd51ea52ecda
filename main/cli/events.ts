import { parsePositiveInt, parseTimeOption, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { formatCount, renderTable, type Output } from './output.js';
import { openCase } from '../store/open-case.js';
import { countTimeline, iterateTimeline, type StoredTimelineRow } from '../store/queries/timeline.js';
import { getAnnotation } from '../store/queries/annotations.js';
import { filterFor } from '../services/read-queries.js';
import { cliEventJson } from '../services/cli-records.js';
import { SOURCES } from '../ingest/sources/index.js';
import { QuerySyntaxError } from '../analysis/query/parse.js';

export const eventsUsage = [
  'cairn events CASE [QUERY] [--from ISO] [--to ISO] [--limit N] [--desc] [--count] [--json]',
  '  QUERY        search syntax (field:value, "phrases", AND/OR/NOT, field:(A OR B), ranges, CIDR for addresses)',
  '  --from/--to  ISO 8601, UTC unless zoned; --from inclusive, --to exclusive',
  '  --limit N    at most N rows (N ≥ 1); the table stops at 1,000 without it, --json never does',
  '  --desc       newest first',
  '  --count      only the number of matches',
  '  --json       one JSON object per line, with the raw record, marks and notes',
  '  e.g. cairn events case.cairn \'eventName:StopLogging OR srcIp:10.0.0.0/8\' --from 2024-05-10 --json',
].join('\n');

/** Without --limit, the table stops here (JSON output is never cut). */
const DEFAULT_TABLE_LIMIT = 1000;

/** `cairn events`: searches the timeline (oldest first, newest last; --desc for newest first). */
export function eventsCommand(argv: string[], io: Output): number {
  const { values, positionals } = parseVerbArgs(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    desc: { type: 'boolean' },
    count: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [casePath, ...queryParts] = positionals;
  if (!casePath) throw new UsageError(`usage: ${eventsUsage}`);
  const query = queryParts.join(' ');
  const from = parseTimeOption('from', values.from);
  const to = parseTimeOption('to', values.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError(`--from (${values.from}) is later than --to (${values.to}): nothing can match`);
  }
  const limit = parsePositiveInt('limit', values.limit);
  if (limit === 0) throw new UsageError('--limit: must be at least 1');
  const order = values.desc ? 'desc' : 'asc';

  const db = openCase(casePath, { readonly: true });
  try {
    let filter;
    try {
      filter = filterFor(db, { query, from, to }, { commonText: true });
    } catch (error) {
      if (error instanceof QuerySyntaxError) {
        io.err(`cairn events: query error at column ${error.position + 1}: ${error.message}`);
        io.err(`  ${query}`);
        io.err(`  ${' '.repeat(error.position)}^`);
        return EXIT.usage;
      }
      throw error;
    }
    if (values.count) {
      const count = countTimeline(db, filter);
      io.out(values.json ? JSON.stringify({ count }) : String(count));
      return EXIT.ok;
    }
    if (values.json) {
      for (const row of iterateTimeline(db, SOURCES, filter, { withRaw: true, order, ...(limit !== undefined ? { limit } : {}) })) {
        io.out(JSON.stringify(cliEventJson(row, SOURCES, row.notes > 0 ? getAnnotation(db, row.id).notes : [])));
      }
      return EXIT.ok;
    }
    const shown = limit ?? DEFAULT_TABLE_LIMIT;
    const rows = [...iterateTimeline(db, SOURCES, filter, { withRaw: false, limit: shown, order })];
    const { header, cells } = tableLayout(rows);
    for (const line of renderTable(header, rows.map(cells))) io.out(line);
    if (limit === undefined && rows.length === shown) {
      const total = countTimeline(db, filter);
      if (total > shown) io.err(`… ${formatCount(total - shown)} more events (use --limit N or --json)`);
    }
    return EXIT.ok;
  } finally {
    db.close();
  }
}

/**
 * The table's columns from the source descriptors: a single source's default columns, or the
 * common projection (message, actor, outcome) when several sources are mixed.
 */
function tableLayout(rows: readonly StoredTimelineRow[]): { header: string[]; cells: (row: StoredTimelineRow) => string[] } {
  const sources = new Set(rows.map((row) => row.source));
  const only = sources.size === 1 ? SOURCES.get([...sources][0] ?? '') : undefined;
  const time = (row: StoredTimelineRow) => new Date(row.time).toISOString();
  const mark = (row: StoredTimelineRow) => (row.starred ? '*' : '') + (row.tags.length ? `[${row.tags.join(',')}]` : '');
  if (only) {
    const columns = only.defaultColumns;
    const idField = only.fields.find((field) => field.name === 'eventId');
    return {
      header: ['time (UTC)', ...columns, ...(idField ? ['eventId'] : ['id']), 'marks'],
      cells: (row) => [
        time(row),
        ...columns.map((name) => display(row.fields[name])),
        idField ? display(row.fields.eventId) || String(row.id) : String(row.id),
        mark(row),
      ],
    };
  }
  return {
    header: ['time (UTC)', 'source', 'message', 'actor', 'outcome', 'id', 'marks'],
    cells: (row) => {
      const projection = SOURCES.get(row.source)?.project(row.fields);
      return [time(row), row.source, projection?.message ?? '', projection?.actor ?? '', projection?.outcome ?? '', String(row.id), mark(row)];
    },
  };
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
}
