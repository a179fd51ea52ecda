/**
 * A kind of evidence on the timeline, declared once. The store's detail table and indexes, the
 * writer, the full-text document, the query language's fields, the CLI's table and the UI's
 * columns are all derived from a source's descriptor (Plaso's event / event-data split: the thin
 * timeline spine points at one detail row per source).
 */

/** How a field is stored and compared. `ip` also accepts CIDR queries; `list` is a list of strings. */
export type SourceFieldType = 'text' | 'time' | 'int' | 'bool' | 'ip' | 'json' | 'list';

/** A field value as a parser produces it (json fields as JSON text). */
export type FieldValue = string | number | boolean | string[] | null;

export interface SourceField {
  /** Query name (camelCase): what users type before the colon and what the UI shows. */
  readonly name: string;
  /** Column in the source's detail table (snake_case). */
  readonly column: string;
  readonly type: SourceFieldType;
  /** Has an index `(column, time)`: cheap to filter, count and sort by. */
  readonly indexed?: boolean;
  /** `ip` fields: also index the address bytes, so CIDR queries seek instead of scanning. */
  readonly cidrIndexed?: boolean;
  /** Its words go into the full-text index. */
  readonly fullText?: boolean;
  /** Other spellings accepted in queries (the source's native names, ECS habits); case-insensitive. */
  readonly aliases?: readonly string[];
  readonly label?: string;
  readonly description?: string;
  /** How a typed value is brought to the stored form before comparing (e.g. DNS names without the trailing dot). */
  readonly normalizeValue?: (typed: string) => string;
}

/** A row projected onto the common timeline. */
export interface TimelineProjection {
  /** One line saying what happened. */
  message: string;
  /** Who did it (principal, client address, …). */
  actor: string | null;
  /** What it was done to. */
  target: string | null;
  /** How it ended (error code, ACCEPT/REJECT, rcode, …). */
  outcome: string | null;
}

export interface SourceDescriptor {
  /** Stable id stored on every spine row and typed in `source:<id>`; lower-case letters, digits, dashes. */
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** The detail table (one row per timeline row, same id). */
  readonly table: string;
  readonly fields: readonly SourceField[];
  /** Field names the grid shows by default. */
  readonly defaultColumns: readonly string[];
  /** The row on the common timeline, from its field values by name. */
  project(fields: Readonly<Record<string, FieldValue>>): TimelineProjection;
}

/** One record from a parser, ready to be stored. */
export interface SourceRecord {
  /** Descriptor id. */
  readonly source: string;
  /** Milliseconds since the epoch, UTC. */
  readonly time: number;
  /** Field values by field name; absent names are NULL. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The source's own unique id (CloudTrail's eventID), or null: the raw record's hash identifies it. */
  readonly nativeId: string | null;
  /** The record exactly as read. */
  readonly raw: string;
}

/** Fields every timeline row has, whatever its source. */
export const SPINE_FIELDS: readonly SourceField[] = [
  { name: 'time', column: 'time', type: 'time', indexed: true, aliases: ['eventTime', '@timestamp', 'timestamp', 'datetime'], label: 'Time', description: 'When it happened (UTC)' },
  { name: 'source', column: 'source', type: 'text', indexed: true, aliases: ['data_type', 'sourceType'], label: 'Source', description: 'Which kind of evidence the row came from' },
];

const SOURCE_ID = /^[a-z][a-z0-9-]{0,39}$/;
const SQL_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,62}$/;

/**
 * Checks a descriptor's names (they become SQL identifiers and literals, so they must be plain).
 * Throws a plain Error: a bad descriptor is a programming mistake.
 */
export function checkDescriptor(descriptor: SourceDescriptor): void {
  if (!SOURCE_ID.test(descriptor.id)) throw new Error(`source id "${descriptor.id}" is not a plain lower-case id`);
  if (!SQL_NAME.test(descriptor.table)) throw new Error(`source ${descriptor.id}: table "${descriptor.table}" is not a plain name`);
  const names = new Set<string>();
  const columns = new Set<string>(['id', 'time']);
  for (const field of descriptor.fields) {
    if (!FIELD_NAME.test(field.name)) throw new Error(`source ${descriptor.id}: field name "${field.name}" is not plain`);
    if (!SQL_NAME.test(field.column)) throw new Error(`source ${descriptor.id}: column "${field.column}" is not plain`);
    if (SPINE_FIELDS.some((spine) => spine.name.toLowerCase() === field.name.toLowerCase())) {
      throw new Error(`source ${descriptor.id}: field "${field.name}" is a timeline field`);
    }
    if (names.has(field.name.toLowerCase())) throw new Error(`source ${descriptor.id}: field "${field.name}" twice`);
    if (columns.has(field.column)) throw new Error(`source ${descriptor.id}: column "${field.column}" twice`);
    names.add(field.name.toLowerCase());
    columns.add(field.column);
    if (field.type === 'ip') columns.add(ipKeyColumn(field.column));
  }
  for (const name of descriptor.defaultColumns) {
    if (!descriptor.fields.some((field) => field.name === name)) {
      throw new Error(`source ${descriptor.id}: default column "${name}" is not a field`);
    }
  }
}

/** The hidden BLOB column that holds an `ip` field's address as 16 sortable bytes (for CIDR ranges). */
export function ipKeyColumn(column: string): string {
  return `${column}_key`;
}
