import { parentPort } from 'node:worker_threads';
import { boundWriterMemory, checkpoint, openCase } from '../../store/open-case.js';
import { ingestPaths } from '../pipeline.js';
import type { IngestWorkerEvent, IngestWorkerRequest } from './protocol.js';

// The ingest engine's thread: owns its own connection to the case, so the caller's thread (the CLI's
// event loop, the app's main process) stays responsive. Cancel is cooperative: the current file is
// rolled back and the import ends cleanly.
const port = parentPort;
if (!port) throw new Error('ingest-worker must run in a worker thread');

let cancelled = false;
const post = (message: IngestWorkerEvent): void => port.postMessage(message);

port.on('message', (request: IngestWorkerRequest) => {
  if (request.type === 'cancel') {
    cancelled = true;
    return;
  }
  void run(request);
});

async function run(request: Extract<IngestWorkerRequest, { type: 'start' }>): Promise<void> {
  let db;
  try {
    db = openCase(request.casePath, { create: true });
    boundWriterMemory(db);
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message, fatal: true });
    return;
  }
  try {
    const summary = await ingestPaths(db, request.paths, {
      actor: request.actor,
      isCancelled: () => cancelled,
      onProgress: (progress) => post({ type: 'progress', progress }),
      ...(request.maxRecordBytes ? { maxRecordBytes: request.maxRecordBytes } : {}),
    });
    checkpoint(db);
    post({ type: 'done', summary });
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message, fatal: true });
  } finally {
    db.close();
  }
}
