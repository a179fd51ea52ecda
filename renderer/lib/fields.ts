import type {
  CatalogField,
  CatalogFieldType,
  EventRecord,
  FieldValue,
  SourceCatalog,
} from '../../preload/contract/event-record';

/**
 * The timeline's columns, derived from the source catalogue (`sources:catalog`): the common fields
 * every row has, then the fields of each source, by query name. Nothing here names a source's
 * field by hand; only the look (width, monospace) is guessed from the field's type and name.
 */

/** Keys of EventRecord that are fields in their own right (the rest live in `fields`). */
const RECORD_KEYS = new Set(['time', 'source', 'message', 'actor', 'target', 'outcome']);

/** Analyst marks: shown in the grid's marks column, never as field columns. */
const MARK_FIELDS = new Set(['starred', 'tag', 'tags', 'notes', 'note']);

/** One column the grid can show. */
export interface ColumnSpec {
  /** Query name, e.g. "eventName". */
  name: string;
  label: string;
  type: CatalogFieldType;
  /** Default width in pixels. */
  width: number;
  /** Identifiers, addresses and keys read better in monospace. */
  mono: boolean;
}

const WIDTH_BY_TYPE: Record<CatalogFieldType, number> = {
  time: 190,
  ip: 130,
  bool: 80,
  int: 90,
  json: 260,
  list: 300,
  text: 180,
};

function specOf(field: CatalogField): ColumnSpec {
  const arn = /arn$/i.test(field.name);
  const id = /(Id|Key|Ip)$/.test(field.name) || field.name === 'actor';
  const mono = arn || id || field.type === 'ip' || field.type === 'time' || field.type === 'json';
  const width = arn || field.name === 'actor' ? 300 : field.name === 'message' ? 240 : WIDTH_BY_TYPE[field.type];
  return { name: field.name, label: field.label || field.name, type: field.type, width, mono };
}

/** Every column of the catalogue, in its order: common fields first, then each source's, each name once. */
export function catalogColumns(catalog: SourceCatalog): ColumnSpec[] {
  const seen = new Set<string>();
  const columns: ColumnSpec[] = [];
  for (const field of [...catalog.common, ...catalog.sources.flatMap((source) => source.fields)]) {
    if (seen.has(field.name) || MARK_FIELDS.has(field.name)) continue;
    seen.add(field.name);
    columns.push(specOf(field));
  }
  return columns;
}

/** What a new investigator sees first: time, then each source's default columns (who, what, where). */
export function defaultColumnNames(catalog: SourceCatalog): string[] {
  const names = new Set<string>(['time']);
  for (const source of catalog.sources) for (const name of source.defaultColumns) names.add(name);
  const known = new Set(catalogColumns(catalog).map((column) => column.name));
  return [...names].filter((name) => known.has(name));
}

/** A field's value on a row by query name (a common key or one of the source's fields); undefined when absent. */
export function fieldValue(event: EventRecord, name: string): FieldValue | undefined {
  if (RECORD_KEYS.has(name)) return event[name as 'time' | 'source' | 'message' | 'actor' | 'target' | 'outcome'];
  return Object.hasOwn(event.fields, name) ? event.fields[name] : undefined;
}

/**
 * The values of a field as the query language matches them (each one filterable): none for null
 * or absent, one per list item, `true`/`false` for booleans, the number as text for times.
 */
export function fieldValues(event: EventRecord, name: string): string[] {
  const value = fieldValue(event, name);
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [String(value)];
}

/** The row's heading: the source's event name when it has one, else the projected message. */
export function eventTitle(event: EventRecord): string {
  const name = event.fields.eventName;
  return typeof name === 'string' && name !== '' ? name : event.message;
}

/** The source's own id for the row (CloudTrail's eventID), never the case-local row id; null when none. */
export function sourceEventId(event: EventRecord): string | null {
  const id = event.fields.eventId;
  return typeof id === 'string' && id !== '' ? id : null;
}
