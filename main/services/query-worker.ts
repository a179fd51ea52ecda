import { parentPort, workerData } from 'node:worker_threads';
import { openCase } from '../store/open-case.js';
import { READ_OPERATIONS, type ReadOperation } from './read-queries.js';
import { ApiFailure } from './api-failure.js';
import { QuerySyntaxError } from '../analysis/query/parse.js';
import type { QueryWorkerReply, QueryWorkerRequest } from './query-protocol.js';

// A read-only connection to the case, answering one query at a time off the caller's thread.
// Cancelling a running query terminates this thread (SQLite cannot be interrupted from outside).
const port = parentPort;
if (!port) throw new Error('query-worker must run in a worker thread');
const db = openCase((workerData as { casePath: string }).casePath, { readonly: true });

port.on('message', (request: QueryWorkerRequest) => {
  const started = performance.now();
  let reply: QueryWorkerReply;
  try {
    const operation = READ_OPERATIONS[request.operation as ReadOperation] as (db: unknown, request: unknown) => unknown;
    const value = operation(db, request.payload);
    reply = { seq: request.seq, ok: true, value, ms: performance.now() - started };
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      reply = {
        seq: request.seq,
        ok: false,
        error: { code: 'query-syntax', message: error.message, position: error.position, length: error.length },
        ms: performance.now() - started,
      };
    } else if (error instanceof ApiFailure) {
      reply = { seq: request.seq, ok: false, error: error.toApiError(), ms: performance.now() - started };
    } else {
      reply = {
        seq: request.seq,
        ok: false,
        error: { code: 'internal', message: (error as Error).message },
        ms: performance.now() - started,
      };
    }
  }
  port.postMessage(reply);
});
