import type { FieldValue, SourceDescriptor } from '../../core/source-descriptor.js';
import type { ReadonlyDb } from '../open-case.js';
import { statement } from '../statement-cache.js';
import type { FilterPart, SqlParam, TimelineFilter } from './timeline-filter.js';
import { WHOLE_TIMELINE } from './timeline-filter.js';
import { RawBlockReader } from '../raw-blocks.js';

/** A timeline position for keyset pagination: the last row of the previous page. */
export interface TimelineCursor {
  time: number;
  id: number;
}

/** A timeline row as stored: spine, the source's fields by name, and the analyst's marks. */
export interface StoredTimelineRow {
  id: number;
  time: number;
  source: string;
  fileId: number;
  locator: string;
  fields: Record<string, FieldValue>;
  /** Empty unless asked for. */
  raw: string;
  starred: boolean;
  tags: string[];
  notes: number;
}

export interface TimelinePageRequest {
  filter: TimelineFilter;
  /** Oldest first (`asc`, the timeline's order) or newest first. */
  order: 'asc' | 'desc';
  limit: number;
  /** Continue after this row (keyset pagination; never OFFSET). */
  after?: TimelineCursor | undefined;
  /** Include the raw record. */
  withRaw?: boolean;
}

/** The sources the store knows how to read (their detail tables). */
export interface SourceTables {
  get(id: string): SourceDescriptor | undefined;
}

/** Sources with rows in this case, most rows first. */
export function presentSources(db: ReadonlyDb): { source: string; rows: number }[] {
  return statement(db, `SELECT source, rows FROM timeline_sources WHERE rows > 0 ORDER BY rows DESC, source`).all() as {
    source: string;
    rows: number;
  }[];
}

function partSelect(part: FilterPart, columns: string, extraWhere = ''): string {
  return `SELECT ${columns} FROM ${part.table} AS events WHERE (${part.where})${extraWhere}`;
}

/**
 * Ids and times of one page of matching rows in time order. Several parts are one compound
 * SELECT whose ORDER BY SQLite answers by merging the parts' index-ordered scans.
 */
function pageKeys(db: ReadonlyDb, request: TimelinePageRequest): { id: number; time: number }[] {
  const { parts } = request.filter;
  if (parts.length === 0) return [];
  const direction = request.order === 'asc' ? 'ASC' : 'DESC';
  const comparator = request.order === 'asc' ? '>' : '<';
  const keyset = request.after ? ` AND (events.time, events.id) ${comparator} (?, ?)` : '';
  const params: SqlParam[] = [];
  const selects = parts.map((part) => {
    params.push(...part.params);
    if (request.after) params.push(request.after.time, request.after.id);
    return partSelect(part, 'events.id AS id, events.time AS time', keyset);
  });
  const order = parts.length === 1 ? `events.time ${direction}, events.id ${direction}` : `2 ${direction}, 1 ${direction}`;
  return db.prepare(`${selects.join(' UNION ALL ')} ORDER BY ${order} LIMIT ?`).all(...params, request.limit) as {
    id: number;
    time: number;
  }[];
}

/** One page of matching rows in time order. */
export function queryTimeline(db: ReadonlyDb, sources: SourceTables, request: TimelinePageRequest): StoredTimelineRow[] {
  const keys = pageKeys(db, request);
  return loadRows(db, sources, keys.map((key) => key.id), request.withRaw === true);
}

/** Every matching row in time order, in pages (for exports and --json). */
export function* iterateTimeline(
  db: ReadonlyDb,
  sources: SourceTables,
  filter: TimelineFilter,
  options: { withRaw: boolean; limit?: number; order?: 'asc' | 'desc' },
): Generator<StoredTimelineRow> {
  let after: TimelineCursor | undefined;
  let left = options.limit ?? Infinity;
  while (left > 0) {
    const limit = Math.min(500, left);
    const rows = queryTimeline(db, sources, { filter, order: options.order ?? 'asc', limit, after, withRaw: options.withRaw });
    yield* rows;
    left -= rows.length;
    const last = rows[rows.length - 1];
    if (rows.length < limit || !last) return;
    after = { time: last.time, id: last.id };
  }
}

/** How many rows match. */
export function countTimeline(db: ReadonlyDb, filter: TimelineFilter): number {
  let total = 0;
  for (const part of filter.parts) {
    total += (db.prepare(partSelect(part, 'count(*) AS n')).get(...part.params) as { n: number }).n;
  }
  return total;
}

/** One row with its raw record, or null. */
export function getTimelineRow(db: ReadonlyDb, sources: SourceTables, id: number): StoredTimelineRow | null {
  return loadRows(db, sources, [id], true)[0] ?? null;
}

/**
 * Milliseconds UTC of the first and last matching row, or null when none match. Index seeks per
 * part: SQLite's min/max shortcut does not apply when one query asks for both.
 */
export function timelineRange(db: ReadonlyDb, filter: TimelineFilter = WHOLE_TIMELINE): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const part of filter.parts) {
    for (const direction of ['ASC', 'DESC'] as const) {
      const row = db
        .prepare(`${partSelect(part, 'events.time AS time')} ORDER BY events.time ${direction} LIMIT 1`)
        .get(...part.params) as { time: number } | undefined;
      if (row) {
        min = Math.min(min, row.time);
        max = Math.max(max, row.time);
      }
    }
  }
  return min === Infinity ? null : { min, max };
}

/** Counts of matching rows per `(time - start) / bucketMs` bucket in [from, to). */
export function bucketCounts(
  db: ReadonlyDb,
  filter: TimelineFilter,
  range: { start: number; bucketMs: number; from: number; to: number },
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const part of filter.parts) {
    const rows = db
      .prepare(
        // Parameters arrive as REAL from JavaScript: cast so that `/` divides integers.
        `SELECT (events.time - CAST(? AS INTEGER)) / CAST(? AS INTEGER) AS bucket, count(*) AS n
         FROM ${part.table} AS events WHERE (${part.where}) AND events.time >= ? AND events.time < ? GROUP BY bucket`,
      )
      .all(range.start, range.bucketMs, ...part.params, range.from, range.to) as { bucket: number; n: number }[];
    for (const row of rows) counts.set(row.bucket, (counts.get(row.bucket) ?? 0) + row.n);
  }
  return counts;
}

/** Spine rows, their sources' detail rows and marks for a list of ids, returned in the ids' order. */
function loadRows(db: ReadonlyDb, sources: SourceTables, ids: readonly number[], withRaw: boolean): StoredTimelineRow[] {
  if (ids.length === 0) return [];
  const list = JSON.stringify(ids);
  const spine = db
    .prepare(
      `SELECT t.id, t.time, t.source, t.file_id AS fileId, t.locator,
              coalesce(m.starred, 0) AS starred,
              (SELECT json_group_array(tag) FROM (SELECT tag FROM timeline_tags WHERE event_id = t.id ORDER BY tag)) AS tags,
              (SELECT count(*) FROM notes WHERE event_id = t.id) AS notes
              ${withRaw ? ', r.raw, t.raw_block AS rawBlock, t.raw_offset AS rawOffset, t.raw_length AS rawLength' : ''}
       FROM json_each(?) AS wanted JOIN timeline AS t ON t.id = wanted.value
       LEFT JOIN marks AS m ON m.event_id = t.id
       ${withRaw ? 'LEFT JOIN timeline_raw AS r ON r.id = t.id' : ''}`,
    )
    .all(list) as {
    id: number;
    time: number;
    source: string;
    fileId: number;
    locator: string;
    starred: number;
    tags: string;
    notes: number;
    raw?: string | null;
    rawBlock?: number | null;
    rawOffset?: number | null;
    rawLength?: number | null;
  }[];
  const blocks = withRaw ? new RawBlockReader(db) : null;
  const byId = new Map<number, StoredTimelineRow>();
  const idsBySource = new Map<string, number[]>();
  for (const row of spine) {
    byId.set(row.id, {
      id: row.id,
      time: row.time,
      source: row.source,
      fileId: row.fileId,
      locator: row.locator,
      fields: {},
      raw: blocks ? rawOf(row, blocks) : '',
      starred: row.starred === 1,
      tags: JSON.parse(row.tags) as string[],
      notes: row.notes,
    });
    const group = idsBySource.get(row.source) ?? [];
    group.push(row.id);
    idsBySource.set(row.source, group);
  }
  for (const [source, sourceIds] of idsBySource) {
    const descriptor = sources.get(source);
    if (!descriptor) continue; // a source this Cairn does not know: the spine row still shows
    const details = db
      .prepare(`SELECT * FROM ${descriptor.table} WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(sourceIds)) as Record<string, unknown>[];
    for (const detail of details) {
      const row = byId.get(detail.id as number);
      if (row) row.fields = fieldsFromColumns(descriptor, detail);
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A stored column value as a field value: booleans back from 0/1, lists from JSON text, NULL lists empty. */
export function fieldValue(type: SourceDescriptor['fields'][number]['type'], value: unknown): FieldValue {
  if (value === null || value === undefined) return type === 'list' ? [] : null;
  if (type === 'bool') return value === 1;
  if (type === 'list') return JSON.parse(value as string) as string[];
  return value as string | number;
}

/** A detail row's columns as field values by name. */
export function fieldsFromColumns(descriptor: SourceDescriptor, detail: Record<string, unknown>): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const field of descriptor.fields) fields[field.name] = fieldValue(field.type, detail[field.column]);
  return fields;
}

/** A row's raw record: from its compressed block, or (rows imported before v5) its own raw row. */
export function rawOf(
  row: { raw?: string | null; rawBlock?: number | null; rawOffset?: number | null; rawLength?: number | null },
  blocks: RawBlockReader,
): string {
  if (row.rawBlock !== null && row.rawBlock !== undefined && row.rawOffset !== null && row.rawOffset !== undefined && row.rawLength !== null && row.rawLength !== undefined) {
    return blocks.read({ block: row.rawBlock, offset: row.rawOffset, length: row.rawLength });
  }
  return row.raw ?? '';
}
