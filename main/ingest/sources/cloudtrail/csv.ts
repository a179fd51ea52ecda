import { Readable, type TransformOptions } from 'node:stream';
import { cloudTrailRecord } from './descriptor.js';
import { CsvError, parse as parseCsv, type Options as CsvOptions } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import {
  FileParseError,
  type ByteStream,
  type EvidenceFormat,
  type ParseContext,
  type RecordSink,
} from '../../format.js';
import { firstNonBlankLine, parseOrUndefined } from '../../json/head-probe.js';
import { columnRole, isCloudTrailHeader, structuredCellValue, type ColumnRole } from './csv-columns.js';
import { normalizeCloudTrailRecord } from './normalize.js';
import { isJsonObject } from './record-shape.js';
import { headIsWholeFile } from './sniff-shapes.js';

/**
 * CloudTrail events as CSV: console Event history download, Athena query results over the
 * CloudTrail table, CloudTrail Lake query results, alert exports. Columns are matched by name
 * (see csv-columns.ts); a column holding the full event JSON wins over the others.
 */
export const cloudTrailCsvFormat: EvidenceFormat = {
  id: 'cloudtrail-csv',
  source: 'cloudtrail',
  description: 'CloudTrail events as CSV (Event history, Athena, CloudTrail Lake, alert exports)',
  producesEvents: true,
  sniff(head) {
    const line = firstNonBlankLine(head, headIsWholeFile(head));
    if (line === null || !line.complete || !line.text.includes(',')) return false;
    const headers = parseHeaderLine(line.text);
    return headers !== null && isCloudTrailHeader(headers);
  },
  parse: parseCloudTrailCsv,
};

function parseHeaderLine(text: string): string[] | null {
  try {
    const rows = parseCsvSync(text, { relax_quotes: true, relax_column_count: true });
    return rows[0] ?? null;
  } catch {
    return null;
  }
}

/** One parsed CSV record with the byte offset just past it, as csv-parse reports it. */
interface CsvRecordWithInfo {
  readonly record: string[];
  readonly info: { readonly bytes: number };
}

async function parseCloudTrailCsv(input: ByteStream, sink: RecordSink, context: ParseContext): Promise<void> {
  // csv-parse's own line counter counts "\r\n" inside quoted fields twice, so line numbers come
  // from our own count of "\n" bytes, matched to the byte offset csv-parse gives each record.
  const newlines = new NewlineIndex();
  const counted = (async function* () {
    for await (const chunk of input) {
      newlines.add(chunk);
      yield chunk;
    }
  })();
  const source = Readable.from(counted, { objectMode: false });
  const options: CsvOptions & Pick<TransformOptions, 'autoDestroy'> = {
    bom: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: context.maxRecordBytes,
    // Destroying on error would drop records parsed just before it, and with them the position
    // of the broken record.
    autoDestroy: false,
  };
  const parser = parseCsv(options);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let columns: (ColumnRole | null)[] | null = null;
  let headers: string[] = [];
  // Where the record after the last one read starts (blank lines aside), for fatal errors.
  let nextLine = 1;
  try {
    for await (const item of parser as AsyncIterable<CsvRecordWithInfo>) {
      const { record, info } = item;
      const inner = countNewlines(record);
      const lastLine = newlines.lastLineOfRecord(info.bytes);
      nextLine = lastLine + 1;
      const line = `line ${lastLine - inner}`;
      if (columns === null) {
        headers = record.map((header) => header.trim());
        if (!isCloudTrailHeader(headers)) {
          throw new FileParseError(
            line,
            'the first line is not a CloudTrail CSV header (no event time and event name columns)',
          );
        }
        columns = headers.map(columnRole);
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      emitRow(headers, columns, record, line, sink);
    }
  } catch (error) {
    throw asFileParseError(error, `line ${nextLine}`);
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function emitRow(
  headers: readonly string[],
  columns: readonly (ColumnRole | null)[],
  cells: readonly string[],
  locator: string,
  sink: RecordSink,
): void {
  const { record, raw } = rowToRecord(headers, columns, cells);
  const result = normalizeCloudTrailRecord(record, raw);
  if ('error' in result) sink.error(locator, result.error);
  else sink.event(cloudTrailRecord(result.event), locator);
}

/**
 * Builds a CloudTrail-shaped record from a row. With a full-event column the record is that JSON
 * and the raw text is the cell; otherwise the raw text is the row as a JSON object (header → cell).
 */
function rowToRecord(
  headers: readonly string[],
  columns: readonly (ColumnRole | null)[],
  cells: readonly string[],
): { record: Record<string, unknown>; raw: string } {
  for (let i = 0; i < columns.length; i++) {
    if (columns[i]?.kind !== 'fullEvent') continue;
    const cell = cells[i]?.trim() ?? '';
    const event = cell === '' ? undefined : parseOrUndefined(cell);
    if (isJsonObject(event)) return { record: event as Record<string, unknown>, raw: cell };
  }
  const record: Record<string, unknown> = {};
  const resourceNames: string[] = [];
  columns.forEach((role, i) => {
    const cell = cells[i] ?? '';
    if (role === null || cell.trim() === '') return;
    if (role.kind === 'resourceName') resourceNames.push(cell.trim());
    else if (role.kind === 'field') {
      setPath(record, role.path, role.structured ? structuredCellValue(cell) : cell);
    }
  });
  if (record.resources === undefined && resourceNames.length > 0) {
    record.resources = resourceNames.map((name) => ({ ResourceName: name }));
  }
  const row: Record<string, string> = {};
  headers.forEach((header, i) => {
    row[header] = cells[i] ?? '';
  });
  return { record, raw: JSON.stringify(row) };
}

/** Sets a nested field; objects met on the way (e.g. a whole userIdentity column) are merged into. */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const next = node[key];
    if (isJsonObject(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  const last = path[path.length - 1] as string;
  const existing = node[last];
  node[last] = isJsonObject(existing) && isJsonObject(value) ? { ...value, ...existing } : value;
}

function countNewlines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) count++;
  }
  return count;
}

/** csv-parse stops at these; the record they hit starts at `locator`. */
function asFileParseError(error: unknown, locator: string): unknown {
  if (!(error instanceof CsvError)) return error;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new FileParseError(locator, 'the file ends inside a quoted field (truncated?)');
    case 'CSV_MAX_RECORD_SIZE':
      return new FileParseError(locator, 'a CSV record is longer than the size limit (unbalanced quote?)');
    default:
      return new FileParseError(locator, error.message);
  }
}

/**
 * Byte offsets of the "\n" bytes streamed so far, to turn a record's end offset into the line its
 * first physical line is on. Offsets behind the last record are dropped as records go by.
 */
class NewlineIndex {
  private offsets: number[] = [];
  /** Index in `offsets` of the first newline not yet known to be before the current record. */
  private head = 0;
  /** Newlines dropped from `offsets`. */
  private dropped = 0;
  private streamed = 0;

  add(chunk: Buffer): void {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) this.offsets.push(this.streamed + i);
    this.streamed += chunk.length;
  }

  /** Line number of the last line of a record that ends (delimiter included) just before byte `end`. */
  lastLineOfRecord(end: number): number {
    while (this.head < this.offsets.length && (this.offsets[this.head] as number) < end - 1) this.head++;
    const lastLine = this.dropped + this.head + 1;
    if (this.head > 4096) {
      this.offsets = this.offsets.slice(this.head);
      this.dropped += this.head;
      this.head = 0;
    }
    return lastLine;
  }
}
