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
 * Collects raw records into compressed blocks as rows are written. Block ids are handed out before
 * the block is stored, so each row can point at its block at insert time; `flush()` stores the open
 * block (call it inside the same transaction or savepoint as the rows, so both roll back together).
 */
export class RawBlockWriter {
  private readonly insert: Statement;
  private nextId: number;
  private parts: Buffer[] = [];
  private size = 0;

  constructor(db: WritableDb) {
    this.insert = db.prepare(`INSERT INTO raw_blocks(id, data) VALUES (?, ?)`);
    this.nextId = (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM raw_blocks`).get() as { id: number }).id;
  }

  /** Where `bytes` would go if kept: the row is inserted with it first (it may turn out a duplicate). */
  locate(bytes: Buffer): RawLocation {
    return { block: this.nextId, offset: this.size, length: bytes.length };
  }

  /** Keeps bytes at the location `locate` just gave. */
  keep(bytes: Buffer): void {
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= RAW_BLOCK_BYTES) this.flush();
  }

  /** Stores the open block, if any. */
  flush(): void {
    if (this.parts.length === 0) return;
    this.insert.run(this.nextId, deflateRawSync(Buffer.concat(this.parts, this.size), { level: LEVEL }));
    this.nextId += 1;
    this.parts = [];
    this.size = 0;
  }

  /** Forgets the open block (its rows were rolled back); its id is reused. */
  discard(): void {
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
      const row = this.db.prepare(`SELECT data FROM raw_blocks WHERE id = ?`).get(block) as { data: Buffer } | undefined;
      if (!row) throw new Error(`raw block ${block} is missing from the case`);
      data = inflateRawSync(row.data);
      if (this.cache.size >= this.keep) this.cache.delete(this.cache.keys().next().value as number);
      this.cache.set(block, data);
    }
    return data;
  }
}
