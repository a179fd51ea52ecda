import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SourceRecord } from '../../core/source-descriptor.js';
import type { RecordError } from '../../store/queries/evidence.js';
import { packRawRecords, type PackedRaw } from '../../store/raw-blocks.js';
import { containerKind, MAGIC_BYTES } from '../containers/magic.js';
import { gunzipWhole } from '../containers/gunzip-whole.js';
import type { ExpansionLimits } from '../containers/limits.js';
import { peek } from '../containers/peek.js';
import { decodeText } from '../decode-text.js';
import { FileParseError } from '../format.js';
import { detectFormat } from '../formats.js';

/**
 * What the parse-ahead worker made of one top-level file, before any of its records:
 * - `parsed`: a plain event file; its records follow in batches, then its end.
 * - `read`: hashed, but anything else (an archive, a snapshot, an unrecognised file, one broken
 *   before its records start) is left to the writer's own path, which reads `whole`.
 * - `unreadable`: the file could not be read at all.
 */
export type FileHeader =
  | { kind: 'parsed'; sha256: string; formatId: string }
  | { kind: 'read'; sha256: string; whole: Buffer }
  | { kind: 'unreadable'; message: string };

/** Consecutive records of a parsed file, with the record errors among them. */
export interface RecordBatch {
  records: SourceRecord[];
  locators: string[];
  /** Record errors; `after` is how many of this batch's records came before each. */
  errors: { after: number; location: string; message: string }[];
  /** The records' raw text, packed into the case's compressed blocks here rather than by the writer. */
  packed: PackedRaw;
}

/**
 * How a parsed file ended: complete (with warnings about its container, such as junk after the
 * gzip data), or broken at `locator` (the writer then rolls back what it stored of it).
 */
export type FileEnd = { ok: true; notes: RecordError[] } | { ok: false; locator: string; message: string };

export interface PrepareOptions {
  maxRecordBytes: number;
  limits: ExpansionLimits;
  /** Records per batch. */
  batchRecords: number;
  /** Records handed over and not yet stored, at most (the worker waits beyond). */
  windowRecords: number;
}

export interface PreparedOutput {
  header(header: FileHeader): void;
  /** Resolves when the writer has room for another batch (the worker's memory stays bounded). */
  batch(batch: RecordBatch): Promise<void>;
  end(end: FileEnd): void;
}

/** Larger decompressed files are left to the writer, which streams them (this one holds the text whole). */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
/** Largest piece of decompressed text parsed between two batch checks. */
const PACE_BYTES = 256 * 1024;

/** Reads, hashes and (when it is a plain event file) parses one file, whole-read, into `out`. */
export async function prepareFile(path: string, options: PrepareOptions, out: PreparedOutput): Promise<void> {
  let whole: Buffer;
  try {
    whole = await readFile(path, { flag: 'r' });
  } catch (error) {
    out.header({ kind: 'unreadable', message: (error as Error).message });
    return;
  }
  const sha256 = createHash('sha256').update(whole).digest('hex');
  let opened;
  try {
    opened = await openEvents(whole, options);
  } catch {
    opened = null; // broken before its records: the writer's path reports it exactly as it always has
  }
  if (!opened) {
    out.header({ kind: 'read', sha256, whole });
    return;
  }
  out.header({ kind: 'parsed', sha256, formatId: opened.format.id });
  // What the parser has given since the last batch; packed when it goes.
  let batch = emptyBatch();
  const send = async () => {
    const { records, locators, errors } = batch;
    batch = emptyBatch();
    await out.batch({ records, locators, errors, packed: packRawRecords(records.map((record) => record.raw)) });
  };
  // The parser pulls text through here: between pieces, full batches go to the writer.
  async function* paced(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      for (let start = 0; start < chunk.length; start += PACE_BYTES) {
        if (batch.records.length >= options.batchRecords) await send();
        yield chunk.subarray(start, start + PACE_BYTES);
      }
    }
  }
  try {
    await opened.format.parse(
      paced(opened.stream),
      {
        event(record, locator) {
          batch.records.push(record);
          batch.locators.push(locator);
        },
        error(location, message) {
          batch.errors.push({ after: batch.records.length, location, message });
        },
      },
      { maxRecordBytes: options.maxRecordBytes },
    );
    if (batch.records.length > 0 || batch.errors.length > 0) await send();
    out.end({ ok: true, notes: opened.notes });
  } catch (error) {
    // As the writer's own path reports a file it cannot read on.
    const locator = error instanceof FileParseError ? error.locator : 'file';
    out.end({ ok: false, locator, message: (error as Error).message });
  }
}

function emptyBatch(): Omit<RecordBatch, 'packed'> {
  return { records: [], locators: [], errors: [] };
}

/** The decompressed text of a plain event file and its format; null for anything else. */
async function openEvents(whole: Buffer, options: PrepareOptions) {
  const { head: magic, stream: raw } = await peek(chunksOf([whole]), MAGIC_BYTES);
  const outer = containerKind(magic);
  if (outer !== 'plain' && outer !== 'gzip') return null;
  const notes: RecordError[] = [];
  let content = raw;
  if (outer === 'gzip') {
    // Within the ratio grace the streaming gunzip never refuses a file for its expansion: the same verdict.
    const maxBytes = Math.min(MAX_TEXT_BYTES, options.limits.ratioGraceBytes, options.limits.maxExpandedBytes);
    const text = gunzipWhole(whole, options.limits, maxBytes, (location, message) => notes.push({ location, message }));
    if (!text) return null;
    content = chunksOf([text]);
  }
  const { head, stream } = await decodeText(content);
  if (head.length === 0 || containerKind(head) !== 'plain') return null;
  const format = detectFormat(head)?.format;
  if (!format || !format.producesEvents) return null;
  return { format, stream, notes };
}

async function* chunksOf(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}
