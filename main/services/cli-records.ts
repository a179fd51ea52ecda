import type { SourceRegistry } from '../core/source-registry.js';
import type { StoredTimelineRow } from '../store/queries/timeline.js';
import type { StoredNote } from '../store/queries/annotations.js';

/**
 * A row as `cairn events --json` prints it (one JSON object per line): the time as ISO 8601 UTC,
 * the source's fields at the top level under their query names (JSON fields as parsed values),
 * the raw record, where it came from, and the analyst's marks.
 */
export function cliEventJson(row: StoredTimelineRow, sources: SourceRegistry, notes: readonly StoredNote[]): Record<string, unknown> {
  const descriptor = sources.get(row.source);
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row.fields)) {
    const type = descriptor?.fields.find((field) => field.name === name)?.type;
    fields[name] = type === 'json' && typeof value === 'string' ? parseJson(value) : value;
  }
  return {
    time: new Date(row.time).toISOString(),
    source: row.source,
    ...fields,
    raw: row.raw,
    id: row.id,
    fileId: row.fileId,
    locator: row.locator,
    starred: row.starred,
    tags: row.tags,
    notes: notes.map((note) => ({ author: note.author, at: new Date(note.at).toISOString(), text: note.text })),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
