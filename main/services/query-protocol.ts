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

/**
 * What a query worker is started with. `handlersModule` (tests only) is the URL of a module whose
 * `operations` export replaces the case's read operations: `(payload) => value`, no database.
 */
export interface QueryWorkerData {
  casePath: string;
  handlersModule?: string;
}
