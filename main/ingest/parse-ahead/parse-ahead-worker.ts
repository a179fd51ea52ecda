import { parentPort } from 'node:worker_threads';
import { prepareFile } from './prepare-file.js';
import type { ParseAheadReply, ParseAheadRequest } from './protocol.js';

// Reads, hashes, gunzips, parses and normalizes files for the ingest writer, one at a time in the
// order asked. It never opens the case: everything it does is thrown away if the import stops.
const port = parentPort;
if (!port) throw new Error('parse-ahead-worker must run in a worker thread');

let queue = Promise.resolve();
port.on('message', (request: ParseAheadRequest) => {
  queue = queue.then(async () => {
    const prepared = await prepareFile(request.path, request.options);
    const reply: ParseAheadReply = { id: request.id, prepared };
    port.postMessage(reply);
  });
});
