import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Statement } from 'better-sqlite3';
import type { ReadonlyDb, WritableDb } from './open-case.js';

/** Inflated size at which a block is closed: one record's fetch inflates at most about this much. */
export const RAW_BLOCK_BYTES = 64 * 1024;
/** DEFLATE level: 3 compresses CloudTrail JSON about 6× at a few µs per record (1 is no faster here, 6 twice as slow). */
const LEVEL = 3;

/** Where a row's raw record is: its block, and its bytes in the inflated block. */
export interface RawLocation {
  block: number;
  offset: number;
  length: number;
}

/**
 * One file's raw records packed into compressed blocks before they reach the writer (by the
 * parse-ahead worker, off the writer's thread): record i is in `blocks[block[i]]` at
 * `offset[i]`, `length[i]` bytes long. The same format as RawBlockWriter's own blocks.
 */
export interface PackedRaw {
  blocks: Uint8Array[];
  block: Int32Array;
  offset: Int32Array;
  length: Int32Array;
}

/** Packs raw records, in order, into blocks of about RAW_BLOCK_BYTES. */
export function packRawRecords(raws: readonly string[]): PackedRaw {
  const packed: PackedRaw = {
    blocks: [],
    block: new Int32Array(raws.length),
    offset: new Int32Array(raws.length),
    length: new Int32Array(raws.length),
  };
  let parts: Buffer[] = [];
  let size = 0;
  const close = () => {
    packed.blocks.push(deflateRawSync(Buffer.concat(parts, size), { level: LEVEL }));
    parts = [];
    size = 0;
  };
  raws.forEach((raw, index) => {
    const bytes = Buffer.from(raw, 'utf8');
    packed.block[index] = packed.blocks.length;
    packed.offset[index] = size;
    packed.length[index] = bytes.length;
    parts.push(bytes);
    size += bytes.length;
    if (size >= RAW_BLOCK_BYTES) close();
  });
  if (parts.length > 0) close();
  return packed;
}

/**
 * Collects raw records into compressed blocks as rows are written. Block ids are handed out before
 * the block is stored, so each row can point at its block at insert time; `flush()` stores the open
 * block (call it inside the same transaction or savepoint as the rows, so both roll back together).
 */
export class RawBlockWriter {
  private readonly insert: Statement;
  private nextId: number;
  private parts: Buffer[] = [];
  private size = 0;
  /** The packed file being written: its next record, and the last of its blocks stored. */
  private packed: { raw: PackedRaw; next: number; stored: number; fileStartId: number } | null = null;

  constructor(db: WritableDb) {
    this.insert = db.prepare(`INSERT INTO raw_blocks(id, data) VALUES (?, ?)`);
    this.nextId = (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM raw_blocks`).get() as { id: number }).id;
  }

  /**
   * Records come packed (see packRawRecords) until the next flush or discard: the n-th record
   * located from now on is the packed file's record n. A packed block is stored when the first
   * of its records is kept, so a file of duplicates stores no block.
   */
  usePacked(packed: PackedRaw): void {
    this.flush();
    this.packed = { raw: packed, next: 0, stored: -1, fileStartId: this.nextId };
  }

  /** Where `bytes` (null when packed) would go if kept: the row is inserted with it first (it may turn out a duplicate). */
  locate(bytes: Buffer | null): RawLocation {
    const packed = this.packed;
    if (packed) {
      const index = packed.next;
      const block = packed.raw.block[index];
      if (block === undefined) throw new Error(`packed raw records: record ${index + 1} was not packed`);
      return {
        block: block === packed.stored ? this.nextId - 1 : this.nextId,
        offset: packed.raw.offset[index]!,
        length: packed.raw.length[index]!,
      };
    }
    if (bytes === null) throw new Error('raw record bytes expected (records are not packed)');
    return { block: this.nextId, offset: this.size, length: bytes.length };
  }

  /** Keeps the record `locate` just placed. Packed: call `skip` instead for a record not kept. */
  keep(bytes: Buffer | null): void {
    const packed = this.packed;
    if (packed) {
      const block = packed.raw.block[packed.next++]!;
      if (block !== packed.stored) {
        this.insert.run(this.nextId, packed.raw.blocks[block]!);
        this.nextId += 1;
        packed.stored = block;
      }
      return;
    }
    if (bytes === null) throw new Error('raw record bytes expected (records are not packed)');
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= RAW_BLOCK_BYTES) this.flush();
  }

  /** A located record that was not kept (a duplicate): the next packed record is next. */
  skip(): void {
    if (this.packed) this.packed.next += 1;
  }

  /** Whether records are coming packed (their bytes are already in blocks: pass null). */
  get isPacked(): boolean {
    return this.packed !== null;
  }

  /** Stores the open block, if any, and ends packed mode. */
  flush(): void {
    this.packed = null;
    if (this.parts.length === 0) return;
    this.insert.run(this.nextId, deflateRawSync(Buffer.concat(this.parts, this.size), { level: LEVEL }));
    this.nextId += 1;
    this.parts = [];
    this.size = 0;
  }

  /** Forgets the open block (its rows were rolled back); its id, and packed blocks' ids, are reused. */
  discard(): void {
    if (this.packed) this.nextId = this.packed.fileStartId;
    this.packed = null;
    this.parts = [];
    this.size = 0;
  }
}

/** Reads raw records from blocks, keeping the last few inflated blocks (rows of a page share blocks). */
export class RawBlockReader {
  private readonly cache = new Map<number, Buffer>();

  constructor(
    private readonly db: ReadonlyDb,
    private readonly keep = 8,
  ) {}

  read(location: RawLocation): string {
    return this.inflated(location.block).toString('utf8', location.offset, location.offset + location.length);
  }

  private inflated(block: number): Buffer {
    let data = this.cache.get(block);
    if (!data) {
      const row = this.db.prepare(`SELECT data FROM raw_blocks WHERE id = ?`).get(block) as
        { data: Buffer } | undefined;
      if (!row) throw new Error(`raw block ${block} is missing from the case`);
      data = inflateRawSync(row.data);
      if (this.cache.size >= this.keep) this.cache.delete(this.cache.keys().next().value as number);
      this.cache.set(block, data);
    }
    return data;
  }
}
