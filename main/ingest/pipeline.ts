import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, resolve as resolvePath } from 'node:path';
import { Readable } from 'node:stream';
import type { WritableDb } from '../store/open-case.js';
import { appendAudit, type Actor } from '../store/audit.js';
import {
  findCompletedBySha256,
  finishEvidence,
  receiveEvidence,
  type EvidenceOutcome,
  type RecordError,
} from '../store/queries/evidence.js';
import { TimelineWriter } from '../store/queries/timeline-writer.js';
import { BatchedTransaction } from '../store/batched-transaction.js';
import { deferIndexes, restoreIndexes } from '../store/deferred-indexes.js';
import { RecordDigest } from '../store/record-digest.js';
import { FileParseError, type RecordSink, type Recognition } from './format.js';
import { SOURCES } from './sources/index.js';
import { MAX_SNAPSHOT_BYTES, type SnapshotFormat } from './snapshot-format.js';
import { recordResourceState } from '../store/queries/resource-states.js';
import { detectBeyondHead, detectFormat } from './formats.js';
import { containerKind, MAGIC_BYTES } from './containers/magic.js';
import { hashFile, hashStream } from './containers/hash.js';
import { peek } from './containers/peek.js';
import { gunzip } from './containers/gunzip.js';
import { DEFAULT_EXPANSION_LIMITS, type ExpansionLimits } from './containers/limits.js';
import { isRejection, openZip } from './containers/zip.js';
import { tarMembers } from './containers/tar.js';
import { removeStaleSpools, withSpooledCopy } from './containers/spool.js';
import { decodeText } from './decode-text.js';
import { ParseAhead } from './parse-ahead/parse-ahead.js';
import { deliverPrepared } from './parse-ahead/deliver.js';
import { findEvidenceFiles } from './walk.js';
import { readHash, type ReadHash } from './containers/read-hash.js';
import { countFromRollup } from '../store/queries/histogram.js';
import { finishImport, liveImporter, startImport } from '../store/queries/imports.js';
import { estimateEta, type IngestProgress } from './progress.js';

export interface IngestOptions {
  /** Recorded in the audit log. */
  actor?: Actor;
  /** Polled between records; when true the current file is rolled back and the import stops. */
  isCancelled?: () => boolean;
  onProgress?: (progress: IngestProgress) => void;
  limits?: ExpansionLimits;
  /** Largest single record (line or array element), in bytes. */
  maxRecordBytes?: number;
  /**
   * Drop the timeline's secondary indexes during the import and rebuild them at the end: much faster
   * when the import is large next to what the case holds. Default: decided from the sizes.
   */
  bulkLoad?: boolean;
  /** Format detection (the registry by default; tests may narrow it). */
  detect?: (head: Buffer) => Recognition | null;
  /**
   * Read, hash and parse files on a second thread ahead of the writer. Default: for imports of
   * several files with the registry's own detection (a worker costs a start-up).
   */
  parseAhead?: boolean;
}

/** What happened to one file (archive members included), as the CLI's --json reports it. */
export type IngestedFile = { path: string; sha256: string; bytes: number } & EvidenceOutcome;

export interface IngestSummary {
  importId: number;
  files: IngestedFile[];
  inserted: number;
  duplicates: number;
  cancelled: boolean;
}

/** Another process is importing into the same case: one writer at a time. */
export class ImportInProgressError extends Error {
  override name = 'ImportInProgressError';
}

export class IngestCancelledError extends Error {
  override name = 'IngestCancelledError';
  constructor() {
    super('import cancelled');
  }
}

/** Keeps the stored error list bounded for files with millions of bad lines. */
const MAX_ERRORS_PER_FILE = 1000;
const DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;
/**
 * Archives inside archives are opened this deep, no deeper: a zip in a zip in a zip opens, a fourth
 * level is refused. Every archive (zip, tar, a gzip inside another container) is a level.
 */
export const MAX_ARCHIVE_DEPTH = 3;
const PROGRESS_INTERVAL_MS = 100;
/** Files up to this size are read into memory once (hash and parse from one read). */
const READ_WHOLE_MAX_BYTES = 4 * 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;
/** Imports of fewer files read them on the writer's thread (starting the parse-ahead worker costs more). */
const PARSE_AHEAD_MIN_FILES = 4;
/** One parse-ahead worker: a second gave 3–5 % on two cores for about 120 MB more memory. */
const PARSE_AHEAD_WORKERS = 1;
/**
 * Files asked for ahead of the one being stored (by count and bytes on disk), records per batch the
 * worker hands over, and records it may have handed over before the writer stored them: enough to
 * keep it busy through a commit, few enough to keep memory bounded (about 2 KiB a record between
 * both threads).
 */
const PARSE_AHEAD_DEPTH = 256;
const PARSE_AHEAD_BYTES = 16 * 1024 * 1024;
const PARSE_AHEAD_BATCH_RECORDS = 1000;
const PARSE_AHEAD_WINDOW_RECORDS = 6000;
/** Imports smaller than this always maintain indexes row by row. */
const BULK_LOAD_MIN_BYTES = 16 * 1024 * 1024;

/** A file to read: on disk (top level, or spooled from a tar) — `label` is what the user sees. */
interface Unit {
  label: string;
  parentId: number | null;
  sha256: string;
  bytes: number;
  /** How many archives enclose this file (0 for a file given by the user). */
  depth: number;
  open(): Promise<Readable>;
  /** Path on disk when random access is possible (needed to open zips). */
  diskPath: string | null;
  /** When `sha256` came from an earlier read: the hash of what `open` gave the parser. */
  readHash?: ReadHash;
}

/**
 * Imports evidence files and folder trees into a case: each file hashed and recorded, its records
 * normalized and stored in one transaction (all or nothing per file), duplicates skipped.
 */
export async function ingestPaths(
  db: WritableDb,
  paths: readonly string[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  // A case inside its own evidence folder must not import itself (nor its journal files).
  const own = new Set(['', '-wal', '-shm', '-journal'].map((suffix) => resolvePath(db.name) + suffix));
  const found = (await findEvidenceFiles(paths)).filter((file) => !own.has(resolvePath(file.path)));
  return new IngestRun(
    db,
    options,
    found.reduce((sum, file) => sum + file.bytes, 0),
    found.length,
  ).run(paths, found);
}

class IngestRun {
  private readonly writer: TimelineWriter;
  private readonly batch: BatchedTransaction;
  private readonly limits: ExpansionLimits;
  private readonly maxRecordBytes: number;
  private readonly detect: (head: Buffer) => Recognition | null;
  private readonly started = Date.now();
  private readonly files: IngestedFile[] = [];
  private importId = 0;
  private filesDone = 0;
  private bytesDone = 0;
  private records = 0;
  private inserted = 0;
  private duplicates = 0;
  private currentPath: string | null = null;
  private lastProgressAt = 0;
  private parseAhead: ParseAhead | null = null;

  constructor(
    private readonly db: WritableDb,
    private readonly options: IngestOptions,
    private readonly bytesTotal: number,
    private readonly filesTotal: number,
  ) {
    this.writer = new TimelineWriter(db, SOURCES);
    // Full text is indexed per batch, just before it commits: everything written since the last one.
    this.batch = new BatchedTransaction(db, undefined, () => this.writer.indexFullText());
    this.limits = options.limits ?? DEFAULT_EXPANSION_LIMITS;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.detect = options.detect ?? detectFormat;
  }

  async run(paths: readonly string[], found: { path: string; bytes: number }[]): Promise<IngestSummary> {
    const actor = this.options.actor ?? 'cli';
    const other = liveImporter(this.db);
    if (other) {
      throw new ImportInProgressError(
        `another Cairn process (pid ${other.pid}) is importing into this case (import ${other.id}); wait for it to finish`,
      );
    }
    // Copies a killed import left behind hold evidence: they go before this import makes its own.
    await removeStaleSpools();
    this.importId = startImport(this.db, paths, actor);
    appendAudit(this.db, actor, 'ingest.start', { importId: this.importId, paths });
    const bulkLoad = this.options.bulkLoad ?? this.isBulkLoad();
    if (bulkLoad) deferIndexes(this.db, SOURCES.descriptors);
    let cancelled = false;
    const parseAhead = this.options.parseAhead ?? (found.length >= PARSE_AHEAD_MIN_FILES && !this.options.detect);
    if (parseAhead) {
      this.parseAhead = new ParseAhead(found, {
        workers: PARSE_AHEAD_WORKERS,
        depth: PARSE_AHEAD_DEPTH,
        aheadBytes: PARSE_AHEAD_BYTES,
        maxFileBytes: READ_WHOLE_MAX_BYTES,
        batchRecords: PARSE_AHEAD_BATCH_RECORDS,
        windowRecords: PARSE_AHEAD_WINDOW_RECORDS,
        maxRecordBytes: this.maxRecordBytes,
        limits: this.limits,
      });
    }
    try {
      for (const [index, file] of found.entries()) {
        this.batch.begin();
        this.throwIfCancelled();
        this.currentPath = file.path;
        const bytesBefore = this.bytesDone;
        const ahead = (await this.parseAhead?.take(index)) ?? null;
        if (ahead?.kind === 'parsed') {
          try {
            // Its bytes were read and hashed by the worker: `open` is never called on this path.
            await this.ingestUnit(
              {
                label: file.path,
                parentId: null,
                sha256: ahead.sha256,
                bytes: file.bytes,
                depth: 0,
                diskPath: file.path,
                open: async () => createReadStream(file.path),
              },
              (unit, evidenceId) =>
                this.parseIntoCase(unit, evidenceId, ahead.formatId, (sink, notes) =>
                  deliverPrepared(ahead, sink, notes, (packed) => this.writer.usePackedRaw(packed)),
                ),
            );
          } finally {
            ahead.release();
          }
        } else {
          // Small files (most CloudTrail deliveries) are read once, hashed and parsed from that copy.
          let whole: Buffer | null;
          let sha256: string;
          try {
            if (ahead?.kind === 'unreadable') throw new Error(ahead.message);
            whole =
              ahead?.whole ?? (file.bytes <= READ_WHOLE_MAX_BYTES ? await readFile(file.path, { flag: 'r' }) : null);
            sha256 =
              ahead?.sha256 ??
              (whole ? createHash('sha256').update(whole).digest('hex') : (await hashFile(file.path)).sha256);
          } catch (error) {
            // Unreadable or gone since the walk: recorded with the reason, the import goes on.
            this.recordFailed(
              { label: file.path, parentId: null, sha256: '', bytes: file.bytes },
              'file',
              `cannot read the file: ${(error as Error).message}`,
            );
            this.filesDone += 1;
            continue;
          }
          await this.ingestUnit({
            label: file.path,
            parentId: null,
            sha256,
            bytes: file.bytes,
            depth: 0,
            diskPath: file.path,
            ...(whole
              ? { open: async () => Readable.from([whole]) }
              : this.hashedOpen(async () => Readable.from(this.countBytes(file.path, bytesBefore)))),
          });
        }
        this.bytesDone = bytesBefore + file.bytes;
        this.filesDone += 1;
        this.reportProgress(true);
      }
    } catch (error) {
      if (!(error instanceof IngestCancelledError)) {
        this.batch.commit(); // files finished before the failure stay imported
        restoreIndexes(this.db, SOURCES.descriptors);
        this.endImport('failed');
        throw error;
      }
      cancelled = true;
    } finally {
      await this.parseAhead?.close();
      this.parseAhead = null;
    }
    this.batch.commit();
    this.currentPath = null;
    // Also creates indexes a newer descriptor asks for (a no-op when all exist).
    restoreIndexes(this.db, SOURCES.descriptors);
    this.endImport(cancelled ? 'cancelled' : 'done');
    appendAudit(this.db, actor, cancelled ? 'ingest.cancel' : 'ingest.finish', {
      importId: this.importId,
      files: this.files.length,
      inserted: this.inserted,
      duplicates: this.duplicates,
    });
    return {
      importId: this.importId,
      files: this.files,
      inserted: this.inserted,
      duplicates: this.duplicates,
      cancelled,
    };
  }

  /** The file's custody row (received now, as part of this import); its id. */
  private receive(unit: Pick<Unit, 'label' | 'parentId' | 'sha256' | 'bytes'>): number {
    return receiveEvidence(this.db, {
      parentId: unit.parentId,
      path: unit.label,
      name: basename(unit.label),
      bytes: unit.bytes,
      sha256: unit.sha256,
      importId: this.importId,
    });
  }

  /** A custody row for a file that could not be read at all (unreadable, corrupt archive member). */
  private recordFailed(
    unit: Pick<Unit, 'label' | 'parentId' | 'sha256' | 'bytes'>,
    location: string,
    message: string,
  ): void {
    const evidenceId = this.receive(unit);
    const outcome: EvidenceOutcome = {
      format: null,
      status: 'failed',
      records: 0,
      inserted: 0,
      duplicates: 0,
      errors: [{ location, message }],
    };
    finishEvidence(this.db, evidenceId, outcome);
    this.files.push({ path: unit.label, sha256: unit.sha256, bytes: unit.bytes, ...outcome });
  }

  /** An opener whose bytes are hashed as the parse reads them (see sameBytesAsReceived). */
  private hashedOpen(open: () => Promise<Readable>): Pick<Unit, 'open' | 'readHash'> {
    const tap = readHash(open);
    return { open: () => tap.open(), readHash: tap };
  }

  /**
   * Throws when the bytes parsed are not the bytes hashed when the file was received (it changed
   * during the import): nothing from it is kept, and the error says so.
   */
  private async sameBytesAsReceived(unit: Unit): Promise<void> {
    const read = await unit.readHash?.digest();
    if (read && read !== unit.sha256) {
      throw new FileParseError(
        'file',
        `the file changed while it was being imported (SHA-256 ${unit.sha256} when received, ${read} when read); nothing imported from it`,
      );
    }
  }

  /** Streams a top-level file, moving the byte progress as it goes. */
  private async *countBytes(path: string, bytesBefore: number): AsyncGenerator<Buffer> {
    let read = 0;
    for await (const chunk of createReadStream(path, {
      flags: 'r',
      highWaterMark: READ_CHUNK_BYTES,
    }) as AsyncIterable<Buffer>) {
      read += chunk.length;
      this.bytesDone = bytesBefore + read;
      yield chunk;
    }
  }

  /** Whether this import is big next to the case (an estimated event per 150 compressed bytes). */
  private isBulkLoad(): boolean {
    if (this.bytesTotal < BULK_LOAD_MIN_BYTES) return false;
    const existing = countFromRollup(this.db) ?? 0;
    return existing < this.bytesTotal / 150;
  }

  private endImport(status: 'done' | 'cancelled' | 'failed'): void {
    finishImport(this.db, this.importId, {
      status,
      files: this.files.length,
      inserted: this.inserted,
      duplicates: this.duplicates,
    });
  }

  private throwIfCancelled(): void {
    if (this.options.isCancelled?.()) throw new IngestCancelledError();
  }

  private reportProgress(force = false): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = now;
    const elapsedMs = now - this.started;
    onProgress({
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      records: this.records,
      inserted: this.inserted,
      duplicates: this.duplicates,
      currentPath: this.currentPath,
      elapsedMs,
      etaMs: estimateEta(this.bytesDone, this.bytesTotal, elapsedMs),
    });
  }

  /**
   * Records the file, then reads it (by `read`: the unit's own bytes by default) unless the same
   * bytes were already imported.
   */
  private async ingestUnit(
    unit: Unit,
    read: (unit: Unit, evidenceId: number) => Promise<void> = (own, evidenceId) => this.readUnit(own, evidenceId),
  ): Promise<void> {
    const evidenceId = this.receive(unit);
    const prior = findCompletedBySha256(this.db, unit.sha256);
    if (prior && prior.format !== 'zip' && prior.format !== 'tar') {
      // Same bytes already imported: every record in them is already in the case.
      const outcome: EvidenceOutcome = {
        format: prior.format,
        status: prior.id === evidenceId ? prior.status : 'duplicate',
        records: prior.records,
        inserted: prior.id === evidenceId ? prior.inserted : 0,
        duplicates: prior.id === evidenceId ? prior.duplicates : prior.inserted + prior.duplicates,
        errors: prior.errors,
      };
      finishEvidence(this.db, evidenceId, outcome);
      this.duplicates += prior.inserted + prior.duplicates;
      this.records += prior.records;
      this.addResult(unit, { ...outcome, inserted: 0, duplicates: prior.inserted + prior.duplicates });
      return;
    }
    try {
      await read(unit, evidenceId);
    } catch (error) {
      if (error instanceof IngestCancelledError) throw error;
      const location = error instanceof FileParseError ? error.locator : 'file';
      const outcome: EvidenceOutcome = {
        format: null,
        status: 'failed',
        records: 0,
        inserted: 0,
        duplicates: 0,
        errors: [{ location, message: (error as Error).message }],
      };
      finishEvidence(this.db, evidenceId, outcome);
      this.addResult(unit, outcome);
    }
  }

  private addResult(unit: Unit, outcome: EvidenceOutcome, index = this.files.length): number {
    this.files[index] = { path: unit.label, sha256: unit.sha256, bytes: unit.bytes, ...outcome };
    return index;
  }

  private async readUnit(unit: Unit, evidenceId: number): Promise<void> {
    const raw = await unit.open();
    const { head: rawHead, stream: rawStream } = await peek(raw as AsyncIterable<Buffer>, MAGIC_BYTES);
    const outer = containerKind(rawHead);
    if (outer === 'zip') {
      if (unit.diskPath !== null) {
        raw.destroy();
        await this.readZip(unit, evidenceId);
      } else {
        await this.readSpooled(unit, evidenceId, rawStream, 'zip');
      }
      return;
    }
    // Warnings about the container (e.g. junk after the gzip data) join the file's errors.
    const notes: RecordError[] = [];
    const content =
      outer === 'gzip'
        ? gunzip(rawStream, this.limits, (location, message) => notes.push({ location, message }))
        : rawStream;
    const { head, stream } = await decodeText(content);
    if (head.length === 0) throw new FileParseError('file', 'empty file: no content to import');
    const inner = containerKind(head);
    if (inner === 'tar') {
      await this.readTar(unit, evidenceId, stream);
      return;
    }
    if (inner === 'zip' || inner === 'gzip') {
      await this.readSpooled(unit, evidenceId, stream, inner);
      return;
    }
    const recognition =
      this.detect(head) ?? (await detectBeyondHead(head, async () => (await this.openText(unit)).stream));
    if (!recognition) throw new FileParseError('file', unrecognizedMessage(head));
    if (recognition.snapshot) {
      await this.readSnapshot(unit, evidenceId, recognition.snapshot, stream, notes);
      return;
    }
    const format = recognition.format;
    if (!format || !format.producesEvents) {
      const outcome: EvidenceOutcome = {
        format: recognition.id,
        status: format ? 'recorded' : 'unsupported',
        records: 0,
        inserted: 0,
        duplicates: 0,
        errors: [],
      };
      finishEvidence(this.db, evidenceId, outcome);
      this.addResult(unit, outcome);
      return;
    }
    await this.parseIntoCase(
      unit,
      evidenceId,
      format.id,
      (sink) => format.parse(stream, sink, { maxRecordBytes: this.maxRecordBytes }),
      notes,
    );
  }

  /** A plain (not archive) unit's text again, from the start: for detection that reads past the head. */
  private async openText(unit: Unit): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
    const { head, stream } = await peek((await unit.open()) as AsyncIterable<Buffer>, MAGIC_BYTES);
    return decodeText(containerKind(head) === 'gzip' ? gunzip(stream, this.limits) : stream);
  }

  /**
   * Reads a snapshot document whole and stores its resources' states (all or none). A malformed
   * document fails the file with the parser's message.
   */
  private async readSnapshot(
    unit: Unit,
    evidenceId: number,
    snapshot: SnapshotFormat,
    stream: AsyncIterable<Buffer>,
    notes: readonly RecordError[],
  ): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > MAX_SNAPSHOT_BYTES)
        throw new FileParseError('file', `snapshot document larger than ${MAX_SNAPSHOT_BYTES} bytes`);
      chunks.push(chunk);
    }
    await this.sameBytesAsReceived(unit);
    const text = stripBom(Buffer.concat(chunks).toString('utf8'));
    let resources;
    try {
      resources = snapshot.read(text, { capturedAt: Date.now(), fileKey: unit.sha256 });
    } catch (error) {
      throw new FileParseError('document', (error as Error).message);
    }
    const outcome = await this.batch.unit(async () => {
      let inserted = 0;
      for (const resource of resources) {
        const stored = recordResourceState(this.db, {
          kind: resource.kind,
          resourceId: resource.resourceId,
          accountId: resource.accountId,
          region: resource.region,
          capturedAt: resource.capturedAt,
          fileId: evidenceId,
          locator: resource.locator,
          document: JSON.stringify(resource.document),
        });
        if (stored) inserted += 1;
      }
      const done: EvidenceOutcome = {
        format: snapshot.id,
        status: notes.length > 0 ? 'partial' : 'ingested',
        records: resources.length,
        inserted,
        duplicates: resources.length - inserted,
        errors: [...notes],
      };
      finishEvidence(this.db, evidenceId, done);
      return done;
    });
    this.batch.commitIfDue();
    this.records += outcome.records;
    this.addResult(unit, outcome);
  }

  /**
   * Stores one file's records inside one transaction: all of them, or none. `produce` gives them to
   * the sink (a format parsing the stream, or the records a parse-ahead worker already read).
   */
  private async parseIntoCase(
    unit: Unit,
    evidenceId: number,
    formatId: string,
    produce: (sink: RecordSink, notes: RecordError[]) => Promise<void>,
    containerNotes: readonly RecordError[] = [],
  ): Promise<void> {
    // Warnings about the container, known before the parse or (from a parse-ahead worker) after it.
    const notes = [...containerNotes];
    const errors: RecordError[] = [];
    let errorCount = 0;
    let records = 0;
    let inserted = 0;
    let duplicates = 0;
    const digest = new RecordDigest();
    const sink: RecordSink = {
      event: (record, locator) => {
        if ((records & 0x3ff) === 0) {
          this.throwIfCancelled();
          this.reportProgress();
        }
        records += 1;
        if (this.writer.write(record, evidenceId, locator, digest)) inserted += 1;
        else duplicates += 1;
      },
      error: (location, message) => {
        errorCount += 1;
        if (errors.length < MAX_ERRORS_PER_FILE) errors.push({ location, message });
      },
    };
    let outcome: EvidenceOutcome;
    try {
      outcome = await this.batch.unit(async () => {
        await produce(sink, notes);
        await this.sameBytesAsReceived(unit);
        for (const note of notes) sink.error(note.location, note.message);
        if (errorCount > errors.length) {
          errors.push({ location: 'file', message: `${errorCount - errors.length} more errors not listed` });
        }
        const done: EvidenceOutcome = {
          format: formatId,
          status: errorCount > 0 ? 'partial' : 'ingested',
          records,
          inserted,
          duplicates,
          errors,
        };
        finishEvidence(this.db, evidenceId, done);
        // What this file put on the timeline, for `verify` to re-derive (rolled back with the file).
        appendAudit(this.db, this.options.actor ?? 'cli', 'evidence.records', {
          fileId: evidenceId,
          sha256: unit.sha256,
          count: digest.count,
          digest: digest.digest(),
        });
        this.writer.flush();
        return done;
      });
    } catch (error) {
      this.writer.discard();
      throw error;
    }
    this.batch.wrote(inserted);
    this.batch.commitIfDue();
    this.records += records;
    this.inserted += inserted;
    this.duplicates += duplicates;
    this.addResult(unit, outcome);
  }

  /**
   * Records an archive's outcome: once before its members (so it is listed first), and again with
   * the members' problems once they are read (pass the index the first call returned).
   */
  private recordArchive(
    unit: Unit,
    evidenceId: number,
    format: 'zip' | 'tar',
    errors: RecordError[],
    resultIndex?: number,
  ): number {
    const outcome: EvidenceOutcome = {
      format,
      status: errors.length > 0 ? 'partial' : 'recorded',
      records: 0,
      inserted: 0,
      duplicates: 0,
      errors,
    };
    finishEvidence(this.db, evidenceId, outcome);
    return this.addResult(unit, outcome, resultIndex);
  }

  private async readZip(unit: Unit, evidenceId: number): Promise<void> {
    if (unit.diskPath === null) throw new Error('zip archive without a file on disk');
    refuseTooDeep(unit);
    const errors: RecordError[] = [];
    const resultIndex = this.recordArchive(unit, evidenceId, 'zip', errors);
    const zip = await openZip(unit.diskPath, this.limits);
    try {
      for await (const member of zip.members) {
        this.throwIfCancelled();
        const label = `${unit.label}!/${member.name}`;
        if (isRejection(member)) {
          errors.push({ location: `member ${member.name}`, message: member.message });
          continue;
        }
        this.currentPath = label;
        let sha256: string;
        try {
          sha256 = (await hashStream(await member.open())).sha256;
        } catch (error) {
          // A damaged member (bad data, bad local header) is that member's failure: the next ones are read.
          const message = `member cannot be read: ${(error as Error).message}`;
          errors.push({ location: `member ${member.name}`, message });
          this.recordFailed(
            { label, parentId: evidenceId, sha256: '', bytes: member.uncompressedBytes },
            `member ${member.name}`,
            message,
          );
          continue;
        }
        await this.ingestUnit({
          label,
          parentId: evidenceId,
          sha256,
          bytes: member.uncompressedBytes,
          depth: unit.depth + 1,
          diskPath: null,
          ...this.hashedOpen(() => member.open()),
        });
      }
    } catch (error) {
      if (error instanceof IngestCancelledError) throw error;
      errors.push({ location: 'file', message: `archive is corrupt: ${(error as Error).message}` });
    } finally {
      zip.close();
    }
    this.recordArchive(unit, evidenceId, 'zip', errors, resultIndex);
  }

  private async readTar(unit: Unit, evidenceId: number, stream: AsyncIterable<Buffer>): Promise<void> {
    refuseTooDeep(unit);
    const errors: RecordError[] = [];
    const resultIndex = this.recordArchive(unit, evidenceId, 'tar', errors);
    try {
      for await (const member of tarMembers(stream)) {
        this.throwIfCancelled();
        await withSpooledCopy(member.stream, this.limits, async (spooled) => {
          await this.ingestUnit({
            label: `${unit.label}!/${member.name}`,
            parentId: evidenceId,
            sha256: spooled.sha256,
            bytes: spooled.bytes,
            depth: unit.depth + 1,
            diskPath: spooled.path,
            open: async () => createReadStream(spooled.path, { highWaterMark: READ_CHUNK_BYTES }),
          });
        });
      }
    } catch (error) {
      if (error instanceof IngestCancelledError) throw error;
      errors.push({ location: 'file', message: `archive is truncated or corrupt: ${(error as Error).message}` });
    }
    this.recordArchive(unit, evidenceId, 'tar', errors, resultIndex);
  }

  /**
   * A zip or gzip inside a gzip or a zip member: spooled to a temporary file and read as such. The
   * zip is the same unit (its members are one level down); a gzip in a gzip is a level of its own,
   * so that a file that decompresses to itself stops.
   */
  private async readSpooled(
    unit: Unit,
    evidenceId: number,
    stream: AsyncIterable<Buffer>,
    kind: 'zip' | 'gzip',
  ): Promise<void> {
    refuseTooDeep(unit);
    await withSpooledCopy(stream, this.limits, async (spooled) => {
      const inner: Unit = {
        ...unit,
        depth: kind === 'zip' ? unit.depth : unit.depth + 1,
        diskPath: spooled.path,
        open: async () => createReadStream(spooled.path, { highWaterMark: READ_CHUNK_BYTES }),
      };
      if (kind === 'zip') await this.readZip(inner, evidenceId);
      else await this.readUnit(inner, evidenceId);
    });
  }
}

/** Refuses to open an archive that already has MAX_ARCHIVE_DEPTH archives around it. */
function refuseTooDeep(unit: Unit): void {
  if (unit.depth >= MAX_ARCHIVE_DEPTH) {
    throw new FileParseError('file', `archive nested deeper than ${MAX_ARCHIVE_DEPTH} levels, not opened`);
  }
}

/** Explains, from its first bytes, why a file was not recognized. */
function unrecognizedMessage(head: Buffer): string {
  const sample = head.subarray(0, 512);
  let control = 0;
  for (const byte of sample) if (byte < 9 || (byte > 13 && byte < 32)) control += 1;
  if (control > sample.length / 10) return 'unrecognized format: binary content, not a supported evidence export';
  const text = sample.toString('utf8').trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    return 'unrecognized format: JSON, but not a supported CloudTrail export (no CloudTrail records found)';
  }
  return 'unrecognized format: not a supported evidence export';
}

/** Reads the first bytes of a file (for tests and tools that classify without importing). */
export async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Text without a leading UTF-8 byte-order mark (some CLI exports on Windows carry one). */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
