import { writeFileSync } from 'node:fs';
import { parsePositiveInt, parseTimeOption, parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { terminalSafe, type Output } from './output.js';
import { noExtraWords, runVerb, VerbFailure } from './verb-support.js';
import { openCase, type WritableDb } from '../store/open-case.js';
import { resolveEventRef } from '../store/queries/annotations.js';
import { isReviewKind, isReviewStatus, REVIEW_KINDS, REVIEW_STATUSES, type ReviewStatus } from '../store/queries/review-items.js';
import { addReviewItem, deleteReviewItem, ReviewItemNotFoundError, updateReviewItem } from '../store/report-actions.js';
import { nativeIdColumns } from '../services/native-ids.js';
import { reviewMarkdown } from '../report/markdown.js';
import { caseReportModel } from './report.js';

export const reviewUsage = [
  'cairn review CASE [--format md|json] [--out FILE] [--generated-at ISO]',
  `cairn review CASE --add KIND --text T [--owner O] [--due ISO] [--status S] [--event ID] [--author NAME]`,
  'cairn review CASE --update ID [--text T] [--owner O] [--due ISO] [--status S] [--event ID]',
  'cairn review CASE --done ID | --delete ID',
  `    KIND: ${REVIEW_KINDS.join(', ')}; S: ${REVIEW_STATUSES.join(', ')}; ID of --event: eventId or row id`,
].join('\n');

/** `cairn review`: the lessons-learned review: export it, or add, change and delete items (audited). */
export function reviewCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('review', argv, io, () => review(argv, io));
}

function itemId(name: string, value: string | undefined): number | undefined {
  const id = parsePositiveInt(name, value);
  if (id === 0) throw new UsageError(`--${name}: item ids start at 1`);
  return id;
}

async function review(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, {
    format: { type: 'string' },
    out: { type: 'string' },
    'generated-at': { type: 'string' },
    add: { type: 'string' },
    update: { type: 'string' },
    done: { type: 'string' },
    delete: { type: 'string' },
    text: { type: 'string' },
    owner: { type: 'string' },
    due: { type: 'string' },
    status: { type: 'string' },
    event: { type: 'string' },
    author: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, ...extra] = positionals;
  if (!casePath) throw new UsageError(`usage: ${reviewUsage}`);
  noExtraWords(extra, reviewUsage);
  const actions = [values.add, values.update, values.done, values.delete].filter((value) => value !== undefined);
  if (actions.length > 1) throw new UsageError('give one of --add, --update, --done, --delete');
  const actor = values.author?.trim() || 'cli';

  if (actions.length === 0) {
    const stray = (['text', 'owner', 'due', 'status', 'event'] as const).filter((name) => values[name] !== undefined);
    if (stray.length > 0) throw new UsageError(`--${stray[0]} needs --add or --update\nusage: ${reviewUsage}`);
    const format = values.format ?? 'md';
    if (format !== 'md' && format !== 'json') throw new UsageError(`--format: md or json; got ${format}`);
    const model = await caseReportModel(casePath, { 'generated-at': values['generated-at'] }, {});
    const text =
      format === 'json'
        ? `${JSON.stringify({ format: 'cairn-review', version: 1, caseId: model.case.caseId, generatedAt: model.generatedAt, review: model.review }, null, 2)}\n`
        : `${reviewMarkdown(model).join('\n')}\n`;
    if (values.out) writeFileSync(values.out, text);
    else io.out(text.slice(0, -1));
    return EXIT.ok;
  }

  if (values.add !== undefined && !isReviewKind(values.add)) throw new UsageError(`--add: one of ${REVIEW_KINDS.join(', ')}; got ${values.add}`);
  if (values.status !== undefined && !isReviewStatus(values.status)) throw new UsageError(`--status: one of ${REVIEW_STATUSES.join(', ')}`);
  const due = parseTimeOption('due', values.due);
  const db = openCase(casePath);
  try {
    const eventId = values.event === undefined ? undefined : resolveEvent(db, values.event);
    let result;
    if (values.add !== undefined) {
      const text = values.text?.trim();
      if (!text) throw new UsageError('--add needs --text');
      const kind = values.add as (typeof REVIEW_KINDS)[number];
      result = addReviewItem(
        db,
        {
          kind,
          text,
          owner: values.owner ?? null,
          dueAt: due ?? null,
          status: (values.status as ReviewStatus | undefined) ?? (kind === 'action' ? 'open' : null),
          eventId: eventId ?? null,
        },
        actor,
      );
    } else {
      const id = itemId(values.update !== undefined ? 'update' : values.done !== undefined ? 'done' : 'delete', values.update ?? values.done ?? values.delete);
      if (id === undefined) throw new UsageError(`usage: ${reviewUsage}`);
      try {
        if (values.delete !== undefined) {
          deleteReviewItem(db, id, actor);
          io.out(values.json ? JSON.stringify({ deleted: id }) : `review item ${id} deleted`);
          return EXIT.ok;
        }
        result = updateReviewItem(
          db,
          id,
          values.done !== undefined
            ? { status: 'done' }
            : {
                text: values.text?.trim() || undefined,
                owner: values.owner,
                dueAt: due,
                status: values.status as ReviewStatus | undefined,
                eventId,
              },
          actor,
        );
      } catch (error) {
        if (error instanceof ReviewItemNotFoundError) throw new VerbFailure('not-found', error.message);
        throw error;
      }
    }
    io.out(values.json ? JSON.stringify(result) : `review item ${result.id} (${result.kind}${result.status ? `, ${result.status}` : ''}): ${terminalSafe(result.text)}`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}

function resolveEvent(db: WritableDb, ref: string): number {
  const id = resolveEventRef(db, ref, nativeIdColumns());
  if (id === null) throw new VerbFailure('not-found', `no event ${terminalSafe(ref)} in this case (give its eventId or row id)`);
  return id;
}
