import type { FileEnd, FileHeader, PrepareOptions, RecordBatch } from './prepare-file.js';

/**
 * The writer's side: prepare a file (in the order asked); room for one more batch (file `id`'s
 * batch was taken); or stop file `id` (the writer no longer needs it).
 */
export type ParseAheadRequest =
  | { type: 'prepare'; id: number; path: string; options: PrepareOptions }
  | { type: 'credit'; id: number }
  | { type: 'skip'; id: number };

/** The worker's side, for file `id`: its header, then (when parsed) its batches and its end. */
export type ParseAheadReply =
  | { type: 'header'; id: number; header: FileHeader }
  | { type: 'batch'; id: number; batch: RecordBatch }
  | { type: 'end'; id: number; end: FileEnd };
