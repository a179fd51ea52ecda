import type { ApiError } from '../../preload/contract/api.js';

/** To a query worker: run one read operation (payload already validated). */
export interface QueryWorkerRequest {
  seq: number;
  operation: string;
  payload: unknown;
}

/** From a query worker; `ms` is the time the query took, for the slow-query log. */
export type QueryWorkerReply =
  | { seq: number; ok: true; value: unknown; ms: number }
  | { seq: number; ok: false; error: ApiError; ms: number };
