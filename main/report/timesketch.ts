import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import yazl from 'yazl';
import type { SourceRegistry } from '../core/source-registry.js';
import type { StoredNote } from '../store/queries/annotations.js';
import type { StoredTimelineRow } from '../store/queries/timeline.js';
import { toEventRecord } from '../services/timeline-records.js';

/**
 * Exports for other tools: Timesketch JSONL and CSV (one row per timeline row, the same columns),
 * and the case bundle (a gzipped tar with a SHA-256 manifest of every file in it).
 */

/** Timesketch's own columns; a source field with one of these names is written as `field_<name>`. */
const TIMESKETCH_COLUMNS = ['message', 'datetime', 'timestamp', 'timestamp_desc', 'source', 'data_type', 'tag', 'comment'] as const;
const EXTRA_COLUMNS = ['actor', 'target', 'outcome', 'cairn_row_id', 'cairn_file_id', 'cairn_locator'] as const;
const RESERVED: ReadonlySet<string> = new Set<string>([...TIMESKETCH_COLUMNS, ...EXTRA_COLUMNS]);

function fieldColumn(name: string): string {
  return RESERVED.has(name) ? `field_${name}` : name;
}

/** One row as a Timesketch event (JSONL line object). `timestamp` is microseconds since the epoch. */
export function timesketchEvent(row: StoredTimelineRow, sources: SourceRegistry, notes: readonly StoredNote[]): Record<string, unknown> {
  const record = toEventRecord(row, sources);
  const event: Record<string, unknown> = {
    message: record.message,
    datetime: new Date(row.time).toISOString(),
    timestamp: row.time * 1000,
    timestamp_desc: 'Event Time',
    source: row.source,
    data_type: `aws:${row.source}`,
    tag: [...row.tags, ...(row.starred ? ['starred'] : [])],
    comment: notes.map((note) => `${note.author} (${new Date(note.at).toISOString()}): ${note.text}`),
    actor: record.actor,
    target: record.target,
    outcome: record.outcome,
    cairn_row_id: row.id,
    cairn_file_id: row.fileId,
    cairn_locator: row.locator,
  };
  for (const [name, value] of Object.entries(row.fields)) event[fieldColumn(name)] = value;
  return event;
}

/** The CSV header: Timesketch's columns, Cairn's, then every source field (descriptor order, each name once). */
export function csvColumns(sources: SourceRegistry): string[] {
  const columns: string[] = [...TIMESKETCH_COLUMNS, ...EXTRA_COLUMNS];
  const seen = new Set(columns);
  for (const descriptor of sources.descriptors) {
    for (const field of descriptor.fields) {
      const column = fieldColumn(field.name);
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
    }
  }
  return columns;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF; a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so spreadsheets do not run it as a formula.
 */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (Array.isArray(value)) text = value.map(String).join('; ');
  else text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (CRLF-terminated) of a Timesketch event in the header's column order. */
export function csvLine(columns: readonly string[], event: Record<string, unknown>): string {
  return `${columns.map((column) => csvCell(event[column])).join(',')}\r\n`;
}

/** A file to put in the bundle. */
export interface BundleFile {
  name: string;
  content: Buffer;
}

/** The bundle's manifest: SHA-256 and size of every other file in it. */
export function bundleManifest(files: readonly BundleFile[], meta: { caseId: string; generatedAt: string; caseSha256: string | null }): BundleFile {
  const manifest = {
    format: 'cairn-bundle',
    version: 1,
    caseId: meta.caseId,
    generatedAt: meta.generatedAt,
    caseSha256: meta.caseSha256,
    files: [...files]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((file) => ({ name: file.name, bytes: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex') })),
  };
  return { name: 'manifest.json', content: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) };
}

/**
 * Writes the files and their manifest as a gzipped tar (`.tar.gz`). Entries carry `mtime` (the
 * report's generatedAt) and fixed owner/mode, so the same inputs give the same archive bytes.
 */
export async function writeBundle(path: string, files: readonly BundleFile[], mtime: Date, manifest: BundleFile): Promise<void> {
  if (/\.zip$/i.test(path)) {
    await writeZipBundle(path, [...files, manifest], mtime);
    return;
  }
  const archive = pack();
  const entries = [...files, manifest];
  const writing = pipeline(archive, createGzip({ level: 9 }), createWriteStream(path));
  for (const file of entries) {
    await new Promise<void>((resolve, reject) => {
      archive.entry({ name: `cairn-bundle/${file.name}`, size: file.content.length, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' }, file.content, (error) =>
        error ? reject(error) : resolve(),
      );
    });
  }
  archive.finalize();
  await writing;
}

/** The bundle as a zip: the same entries, fixed times and modes, so the same case gives the same bytes. */
async function writeZipBundle(path: string, entries: readonly BundleFile[], mtime: Date): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of entries) zip.addBuffer(file.content, `cairn-bundle/${file.name}`, { mtime, mode: 0o100644, compress: true });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}
