import { parentPort, workerData } from 'node:worker_threads';
import type { ApiError } from '../../preload/contract/api.js';
import { ApiFailure } from './api-failure.js';
import { QuerySyntaxError } from '../analysis/query/parse.js';
import type { QueryWorkerData, QueryWorkerReply, QueryWorkerRequest } from './query-protocol.js';

// A read-only connection to the case, answering one query at a time off the caller's thread.
// Cancelling a running query terminates this thread (SQLite cannot be interrupted from outside).
const port = parentPort;
if (!port) throw new Error('query-worker must run in a worker thread');
const data = workerData as QueryWorkerData;

type Operation = (payload: unknown) => unknown;

/**
 * The operations this worker answers: the case's read queries over a read-only connection, or,
 * in tests, the `operations` of an injected module (no database; see QueryWorkerData).
 */
async function loadOperations(): Promise<(name: string) => Operation | undefined> {
  if (data.handlersModule !== undefined) {
    const injected = (await import(data.handlersModule)) as { operations: Record<string, Operation> };
    return (name) => (Object.hasOwn(injected.operations, name) ? injected.operations[name] : undefined);
  }
  const [{ openCase }, { READ_OPERATIONS }] = await Promise.all([
    import('../store/open-case.js'),
    import('./read-queries.js'),
  ]);
  const db = openCase(data.casePath, { readonly: true });
  const table = READ_OPERATIONS as unknown as Record<string, (db: unknown, payload: unknown) => unknown>;
  return (name) => {
    if (!Object.hasOwn(table, name)) return undefined;
    const operation = table[name];
    return operation && ((payload) => operation(db, payload));
  };
}

// The listener is attached at once (messages wait for it); the first query waits for the setup.
const operations = loadOperations();

port.on('message', (request: QueryWorkerRequest) => {
  void answer(request);
});

async function answer(request: QueryWorkerRequest): Promise<void> {
  const started = performance.now();
  let reply: QueryWorkerReply;
  try {
    const operation = (await operations)(request.operation);
    if (!operation) throw new ApiFailure('invalid-request', `unknown read operation: ${request.operation}`);
    reply = { seq: request.seq, ok: true, value: await operation(request.payload), ms: performance.now() - started };
  } catch (error) {
    reply = { seq: request.seq, ok: false, error: toApiError(error), ms: performance.now() - started };
  }
  send(reply);
}

function toApiError(error: unknown): ApiError {
  if (error instanceof QuerySyntaxError) {
    return { code: 'query-syntax', message: error.message, position: error.position, length: error.length };
  }
  if (error instanceof ApiFailure) return error.toApiError();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Posts a reply; when the value cannot be copied to the caller (a record nested thousands of levels
 * deep overflows the structured-clone stack, a huge result fails to allocate) the caller gets an
 * error instead of waiting for an answer that never comes.
 */
function send(reply: QueryWorkerReply): void {
  try {
    port?.postMessage(reply);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    port?.postMessage({
      seq: reply.seq,
      ok: false,
      error: { code: 'internal', message: `the query result could not be sent back (${reason})` },
      ms: reply.ms,
    } satisfies QueryWorkerReply);
  }
}
