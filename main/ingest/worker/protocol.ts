import type { IngestProgress } from '../progress.js';
import type { IngestSummary } from '../pipeline.js';

/** Messages to the ingest worker. */
export type IngestWorkerRequest =
  | { type: 'start'; casePath: string; paths: string[]; actor: string; maxRecordBytes?: number }
  | { type: 'cancel' };

/** Messages from the ingest worker. */
export type IngestWorkerEvent =
  | { type: 'progress'; progress: IngestProgress }
  | { type: 'done'; summary: IngestSummary }
  | { type: 'failed'; message: string; fatal: boolean };
