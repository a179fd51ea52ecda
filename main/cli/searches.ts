import { parsePositiveInt, parseTimeOption, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { renderTable, type Output } from './output.js';
import { VerbFailure, iso, noExtraWords, runVerb } from './verb-support.js';
import { openCase } from '../store/open-case.js';
import { listSavedSearches } from '../store/queries/saved-searches.js';
import { deleteSearchAudited, saveSearchAudited } from '../store/saved-search-actions.js';
import { filterFor } from '../services/read-queries.js';

export const searchesUsage = [
  'cairn searches CASE [--json]',
  '       cairn searches CASE --save NAME --query Q [--description D] [--from ISO] [--to ISO] [--json]',
  '       cairn searches CASE --delete ID [--json]',
  '    Lists, saves (replacing one of the same name) or deletes the searches kept in the case;',
  '    saving and deleting are recorded in the audit log (actor cli). JSON times are ms UTC.',
  "    example: cairn searches case.cairn --save 'dev key' --query 'accessKeyId:AKIAIOSFODNN7EXAMPLE'",
].join('\n');

const MAX_NAME = 200;
const MAX_DESCRIPTION = 10_000;

/** `cairn searches`: the case's saved searches. */
export function searchesCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('searches', argv, io, () => searches(argv, io));
}

function searches(argv: string[], io: Output): number {
  const { values, positionals } = parseVerbArgs(argv, {
    save: { type: 'string' },
    query: { type: 'string' },
    description: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    delete: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, ...extra] = positionals;
  if (!casePath) throw new UsageError(`usage: ${searchesUsage}`);
  noExtraWords(extra, searchesUsage);
  const json = values.json === true;
  if (values.save !== undefined && values.delete !== undefined) throw new UsageError('give --save or --delete, not both');

  if (values.delete !== undefined) {
    for (const option of ['query', 'description', 'from', 'to'] as const)
      if (values[option] !== undefined) throw new UsageError(`--${option} goes with --save, not --delete`);
    const id = parsePositiveInt('delete', values.delete);
    if (id === undefined || id < 1) throw new UsageError(`--delete: expected a saved search id, got ${values.delete}`);
    const db = openCase(casePath);
    let deleted: boolean;
    try {
      deleted = deleteSearchAudited(db, id, 'cli');
    } finally {
      db.close();
    }
    if (!deleted) throw new VerbFailure('not-found', `no saved search with id ${id}`);
    io.out(json ? JSON.stringify({ deleted: true, id }) : `deleted saved search ${id}`);
    return EXIT.ok;
  }

  if (values.save !== undefined) {
    const name = values.save.trim();
    if (!name || name.length > MAX_NAME) throw new UsageError(`--save: a name of 1 to ${MAX_NAME} characters`);
    if (values.query === undefined) throw new UsageError(`--save needs --query Q\nusage: ${searchesUsage}`);
    const description = values.description ?? '';
    if (description.length > MAX_DESCRIPTION) throw new UsageError(`--description: at most ${MAX_DESCRIPTION} characters`);
    const from = parseTimeOption('from', values.from) ?? null;
    const to = parseTimeOption('to', values.to) ?? null;
    if (from !== null && to !== null && from > to) throw new UsageError(`--from (${values.from}) is later than --to (${values.to})`);
    const db = openCase(casePath);
    try {
      // Refuse a query that does not parse (QuerySyntaxError), as the timeline would.
      filterFor(db, { query: values.query });
      const saved = saveSearchAudited(db, { name, description, query: values.query, from, to }, 'cli');
      io.out(json ? JSON.stringify(saved) : `saved search ${saved.id} "${saved.name}"`);
    } finally {
      db.close();
    }
    return EXIT.ok;
  }

  for (const option of ['query', 'description', 'from', 'to'] as const)
    if (values[option] !== undefined) throw new UsageError(`--${option} goes with --save NAME`);
  const db = openCase(casePath, { readonly: true });
  let list;
  try {
    list = listSavedSearches(db);
  } finally {
    db.close();
  }
  if (json) {
    io.out(JSON.stringify(list));
    return EXIT.ok;
  }
  const rows = list.map((s) => [String(s.id), s.name, s.query, iso(s.from), iso(s.to), s.description]);
  for (const line of renderTable(['id', 'name', 'query', 'from (UTC)', 'to (UTC)', 'description'], rows)) io.out(line);
  return EXIT.ok;
}
