import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { terminalSafe, type Output } from './output.js';
import { openCase } from '../store/open-case.js';
import { resolveEventRef } from '../store/queries/annotations.js';
import { annotateRow } from '../store/annotate.js';
import { nativeIdColumns } from '../services/native-ids.js';

export const annotateUsage = [
  'cairn annotate CASE EVENT_ID [--star|--unstar] [--tag T]... [--untag T]... [--note TEXT] [--json]',
  '  EVENT_ID   the source\'s event id (CloudTrail eventID) or the row id; every change is audited',
  '  --note     adds a note (a comment with author and time)',
  '  e.g. cairn annotate case.cairn fd4f1042-c7f6-4107-a6ee-d841d92596e7 --star --tag recon --note "first use of the key"',
].join('\n');

/** `cairn annotate`: stars, tags and adds a note to an event (by its eventId or row id); audited. */
export function annotateCommand(argv: string[], io: Output): number {
  const { values, positionals } = parseVerbArgs(argv, {
    star: { type: 'boolean' },
    unstar: { type: 'boolean' },
    tag: { type: 'string', multiple: true },
    untag: { type: 'string', multiple: true },
    note: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [casePath, ref] = positionals;
  if (!casePath || !ref || positionals.length > 2) throw new UsageError(`usage: ${annotateUsage}`);
  if (values.star && values.unstar) throw new UsageError('--star and --unstar contradict each other');
  const tags = (values.tag ?? []).map((tag) => tag.trim());
  if (tags.some((tag) => tag === '' || tag.length > 100)) throw new UsageError('--tag: 1 to 100 characters');
  const db = openCase(casePath);
  try {
    const id = resolveEventRef(db, ref, nativeIdColumns());
    if (id === null) {
      io.err(`cairn annotate: no event ${terminalSafe(ref)} in this case (give its eventId or row id)`);
      return EXIT.fatal;
    }
    const annotation = annotateRow(
      db,
      id,
      {
        starred: values.star ? true : values.unstar ? false : undefined,
        addTags: tags,
        removeTags: values.untag,
        addNote: values.note,
      },
      'cli',
    );
    if (values.json) io.out(JSON.stringify({ ...annotation, eventId: ref }));
    else {
      io.out(
        `event ${terminalSafe(ref)}: ${annotation.starred ? 'starred' : 'not starred'}; ` +
          `tags: ${annotation.tags.map(terminalSafe).join(', ') || '(none)'}; ` +
          `notes: ${annotation.notes.length ? annotation.notes.map((note) => terminalSafe(note.text)).join(' | ') : '(none)'}`,
      );
    }
    return EXIT.ok;
  } finally {
    db.close();
  }
}
