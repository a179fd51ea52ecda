import type { Migration } from './migration.js';

/**
 * Raw records stored compressed in blocks: a row points at (block, offset, length) in its block's
 * inflated bytes instead of holding its own raw row (about 250 B per CloudTrail event instead of
 * about 1.6 KB; one record's fetch inflates one 64 KiB block, well under a millisecond). Rows
 * imported before keep their `timeline_raw` row; reads take whichever the row has.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'raw-blocks',
  up(db) {
    db.exec(`
      CREATE TABLE raw_blocks (
        id   INTEGER PRIMARY KEY,
        data BLOB NOT NULL                      -- raw DEFLATE of the records' UTF-8 bytes, back to back
      ) STRICT;
      -- No foreign key: a row is written before its block is closed (in the same transaction).
      ALTER TABLE timeline ADD COLUMN raw_block INTEGER;
      ALTER TABLE timeline ADD COLUMN raw_offset INTEGER;  -- byte offset in the inflated block
      ALTER TABLE timeline ADD COLUMN raw_length INTEGER;  -- bytes
    `);
  },
};
