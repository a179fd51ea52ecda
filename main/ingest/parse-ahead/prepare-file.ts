import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SourceRecord } from '../../core/source-descriptor.js';
import type { RecordError } from '../../store/queries/evidence.js';
import { containerKind, MAGIC_BYTES } from '../containers/magic.js';
import { gunzip } from '../containers/gunzip.js';
import type { ExpansionLimits } from '../containers/limits.js';
import { peek } from '../containers/peek.js';
import { decodeText } from '../decode-text.js';
import { detectFormat } from '../formats.js';

/**
 * One top-level file, read, hashed and (when it is a plain event file) parsed ahead of the writer.
 * - `parsed`: every record and record error the format gave, in order; the writer only stores them.
 * - `read`: hashed, but anything else (an archive, a snapshot, an unrecognised or broken file, one
 *   too large to hold parsed) is left to the writer's own path, which reads `whole`.
 * - `unreadable`: the file could not be read at all.
 */
export type PreparedFile =
  | {
      kind: 'parsed';
      sha256: string;
      formatId: string;
      records: SourceRecord[];
      locators: string[];
      /** Record errors; `after` is how many records came before each. */
      errors: { after: number; location: string; message: string }[];
      /** Warnings about the container (trailing junk after the gzip data). */
      notes: RecordError[];
    }
  | { kind: 'read'; sha256: string; whole: Buffer }
  | { kind: 'unreadable'; message: string };

export interface PrepareOptions {
  maxRecordBytes: number;
  limits: ExpansionLimits;
  /** Decompressed files larger than this are left to the writer (their parsed records would not fit the memory bound). */
  maxTextBytes: number;
}

export async function prepareFile(path: string, options: PrepareOptions): Promise<PreparedFile> {
  let whole: Buffer;
  try {
    whole = await readFile(path, { flag: 'r' });
  } catch (error) {
    return { kind: 'unreadable', message: (error as Error).message };
  }
  const sha256 = createHash('sha256').update(whole).digest('hex');
  const leftToWriter: PreparedFile = { kind: 'read', sha256, whole };
  try {
    return (await parseWhole(whole, sha256, options)) ?? leftToWriter;
  } catch {
    // A broken file: the writer's path reads it again and reports the error exactly as it always has.
    return leftToWriter;
  }
}

async function parseWhole(whole: Buffer, sha256: string, options: PrepareOptions): Promise<PreparedFile | null> {
  const { head: magic, stream: raw } = await peek(chunksOf([whole]), MAGIC_BYTES);
  const outer = containerKind(magic);
  if (outer !== 'plain' && outer !== 'gzip') return null;
  const notes: RecordError[] = [];
  const content = outer === 'gzip' ? gunzip(raw, options.limits, (location, message) => notes.push({ location, message })) : raw;
  const { head, stream } = await decodeText(content);
  if (head.length === 0 || containerKind(head) !== 'plain') return null;
  const format = detectFormat(head)?.format;
  if (!format || !format.producesEvents) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > options.maxTextBytes) return null;
    chunks.push(chunk);
  }
  const records: SourceRecord[] = [];
  const locators: string[] = [];
  const errors: { after: number; location: string; message: string }[] = [];
  await format.parse(
    chunksOf(chunks),
    {
      event(record, locator) {
        records.push(record);
        locators.push(locator);
      },
      error(location, message) {
        errors.push({ after: records.length, location, message });
      },
    },
    { maxRecordBytes: options.maxRecordBytes },
  );
  return { kind: 'parsed', sha256, formatId: format.id, records, locators, errors, notes };
}

async function* chunksOf(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}
