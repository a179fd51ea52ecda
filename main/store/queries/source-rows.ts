import type { SourceDescriptor, FieldValue } from '../../core/source-descriptor.js';
import type { ReadonlyDb } from '../open-case.js';
import { fieldValue } from './timeline.js';
import type { FilterPart } from './timeline-filter.js';

/** One source row for analysis: its timeline id, time (ms UTC) and field values by name. */
export interface SourceRow {
  id: number;
  time: number;
  fields: Record<string, FieldValue>;
}

/**
 * Every row of one source in time order, streamed (flow pairing, lineage): optionally narrowed by
 * a compiled filter part on that source's table (see services/event-filter).
 */
export function* iterateSourceRows(db: ReadonlyDb, descriptor: SourceDescriptor, part?: FilterPart): Generator<SourceRow> {
  const exists = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(descriptor.table);
  if (!exists) return;
  if (part && part.table !== descriptor.table) throw new Error(`filter part is for ${part.table}, not ${descriptor.table}`);
  const where = part ? part.where : '1';
  // Only the fields' columns (not the address keys), as arrays: a million rows stream in seconds.
  const fields = descriptor.fields;
  const columns = fields.map((field) => `events.${field.column}`).join(', ');
  const rows = db
    .prepare(`SELECT events.id, events.time, ${columns} FROM ${descriptor.table} AS events WHERE (${where}) ORDER BY events.time, events.id`)
    .raw(true)
    .iterate(...(part?.params ?? [])) as Iterable<unknown[]>;
  for (const row of rows) {
    const values: Record<string, FieldValue> = {};
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as SourceDescriptor['fields'][number];
      values[field.name] = fieldValue(field.type, row[i + 2]);
    }
    yield { id: row[0] as number, time: row[1] as number, fields: values };
  }
}
