import { ipKeyColumn, type SourceDescriptor, type SourceField } from '../core/source-descriptor.js';
import type { WritableDb } from './open-case.js';

/**
 * A source's detail table and indexes, derived from its descriptor: one row per timeline row
 * (same id), `time` repeated so that `(field, time)` indexes answer filtered, time-ordered pages.
 */

const COLUMN_TYPES: Record<SourceField['type'], string> = {
  text: 'TEXT COLLATE NOCASE',
  ip: 'TEXT COLLATE NOCASE',
  time: 'INTEGER',
  int: 'INTEGER',
  bool: 'INTEGER',
  json: 'TEXT',
  list: 'TEXT',
};

/** Column definitions of a source's detail table, in order (`ip` fields bring their key column). */
export function detailColumns(descriptor: SourceDescriptor): { name: string; sql: string }[] {
  const columns = [
    { name: 'id', sql: 'id INTEGER PRIMARY KEY REFERENCES timeline(id)' },
    { name: 'time', sql: 'time INTEGER NOT NULL' },
  ];
  for (const field of descriptor.fields) {
    columns.push({ name: field.column, sql: `${field.column} ${COLUMN_TYPES[field.type]}` });
    if (field.type === 'ip') columns.push({ name: ipKeyColumn(field.column), sql: `${ipKeyColumn(field.column)} BLOB` });
  }
  return columns;
}

/** The indexes a descriptor asks for: `(column, time)` per indexed field, the key of CIDR-indexed addresses, and time. */
export function detailIndexes(descriptor: SourceDescriptor): { name: string; sql: string }[] {
  const table = descriptor.table;
  const indexes = [{ name: `${table}_by_time`, sql: `CREATE INDEX ${table}_by_time ON ${table}(time)` }];
  for (const field of descriptor.fields) {
    if (field.indexed) {
      const name = `${table}_by_${field.column}_time`;
      indexes.push({ name, sql: `CREATE INDEX ${name} ON ${table}(${field.column}, time)` });
    }
    if (field.type === 'ip' && field.cidrIndexed) {
      const key = ipKeyColumn(field.column);
      const name = `${table}_by_${key}_time`;
      indexes.push({ name, sql: `CREATE INDEX ${name} ON ${table}(${key}, time)` });
    }
  }
  return indexes;
}

/**
 * Creates every registered source's detail table that the case lacks, and adds columns a newer
 * descriptor declares (always nullable: older rows simply lack the field). Indexes follow with
 * `ensureSourceIndexes`, which a bulk load defers.
 */
export function ensureSourceTables(db: WritableDb, descriptors: readonly SourceDescriptor[]): void {
  for (const descriptor of descriptors) {
    const existing = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(descriptor.table) as { name: string }[];
    const columns = detailColumns(descriptor);
    if (existing.length === 0) {
      db.exec(`CREATE TABLE ${descriptor.table} (\n  ${columns.map((column) => column.sql).join(',\n  ')}\n) STRICT`);
      continue;
    }
    const have = new Set(existing.map((column) => column.name));
    for (const column of columns) if (!have.has(column.name)) db.exec(`ALTER TABLE ${descriptor.table} ADD COLUMN ${column.sql}`);
  }
}

/** Creates the indexes the descriptors ask for that are missing. */
export function ensureSourceIndexes(db: WritableDb, descriptors: readonly SourceDescriptor[]): void {
  for (const descriptor of descriptors) {
    for (const index of detailIndexes(descriptor)) db.exec(index.sql.replace('CREATE INDEX ', 'CREATE INDEX IF NOT EXISTS '));
  }
}

/** Names of the secondary indexes on source tables and the spine that a bulk load may drop. */
export function deferrableIndexes(db: WritableDb, descriptors: readonly SourceDescriptor[]): { name: string; sql: string }[] {
  const tables = ['timeline', ...descriptors.map((descriptor) => descriptor.table)];
  const placeholders = tables.map(() => '?').join(', ');
  return db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${placeholders}) AND sql NOT LIKE 'CREATE UNIQUE INDEX%'`,
    )
    .all(...tables) as { name: string; sql: string }[];
}

/** SQL expression of a source row's full-text document: its full-text fields, space-separated. */
export function fullTextDocumentSql(descriptor: SourceDescriptor): string | null {
  const columns = descriptor.fields.filter((field) => field.fullText).map((field) => field.column);
  return columns.length > 0 ? `concat_ws(' ', ${columns.join(', ')})` : null;
}
