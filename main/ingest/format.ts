import type { SnapshotFormat } from './snapshot-format.js';
import type { SourceRecord } from '../core/source-descriptor.js';

/**
 * Where a parser delivers what it reads. `event` may throw (e.g. when the import is cancelled):
 * the parser must let that propagate and stop.
 */
export interface RecordSink {
  /** One record for the timeline; `locator` says where it was: "line 12", "record 5". */
  event(record: SourceRecord, locator: string): void;
  /** A record that could not be used; parsing goes on with the next one. */
  error(locator: string, message: string): void;
}

export interface ParseContext {
  /** Largest single record (line or array element) accepted, in bytes. */
  readonly maxRecordBytes: number;
}

/** Decompressed bytes of one evidence file, streamed in chunks. */
export type ByteStream = AsyncIterable<Buffer>;

/**
 * One evidence format: sniffed by content, parsed by streaming. Sniffing and parsing are separate
 * so detection never depends on the file name.
 */
export interface EvidenceFormat {
  /** Stable id recorded in the case file and shown to users, e.g. "cloudtrail-s3". */
  readonly id: string;
  /** Descriptor id of the source its records belong to. */
  readonly source: string;
  readonly description: string;
  /**
   * False for files recorded as evidence without producing events (e.g. CloudTrail digests).
   */
  readonly producesEvents: boolean;
  /**
   * Cheap test on the first bytes of the decompressed content (up to SNIFF_BYTES, may end mid-record).
   * Formats are tried in registry order; the first that says yes wins.
   */
  sniff(head: Buffer): boolean;
  /**
   * Streams records to the sink. Throws FileParseError when the file's structure is broken so that
   * what follows cannot be trusted (the whole file is then rolled back).
   */
  parse(input: ByteStream, sink: RecordSink, context: ParseContext): Promise<void>;
}

/**
 * A kind of evidence recognised by content. With `format` Cairn can read it; without, it is
 * recorded as `unsupported` under `id` (a later version reads it), never as `failed`.
 */
export interface Recognition {
  readonly id: string;
  /** 0..1: how sure the sniffer is. The most confident recognition wins, whatever the registry order. */
  readonly confidence: number;
  readonly format?: EvidenceFormat;
  /** State, not events: read whole into resource states. */
  readonly snapshot?: SnapshotFormat;
}

/** A sniffer for evidence Cairn recognises but does not read yet. */
export interface EvidenceRecognizer {
  recognize(head: string): { format: string; confidence: number } | null;
}

/** How many decompressed bytes sniffing sees. */
export const SNIFF_BYTES = 64 * 1024;

/** The file cannot be read on from `locator` (broken structure, truncated stream, …). */
export class FileParseError extends Error {
  override name = 'FileParseError';
  constructor(
    readonly locator: string,
    message: string,
  ) {
    super(message);
  }
}
