import { parentPort } from 'node:worker_threads';
import { prepareFile } from './prepare-file.js';
import type { ParseAheadReply, ParseAheadRequest } from './protocol.js';

// Reads, hashes, gunzips, parses and normalizes files for the ingest writer, one at a time in the
// order asked. It never opens the case: everything it does is thrown away if the import stops.
const port = parentPort;
if (!port) throw new Error('parse-ahead-worker must run in a worker thread');

/** Records sent and not yet taken by the writer, per file: at most `windowRecords` in all (the memory bound). */
const unacknowledged = new Map<number, number[]>();
const skipped = new Set<number>();
let wake: (() => void) | null = null;

class FileSkipped extends Error {}

const post = (reply: ParseAheadReply): void => port.postMessage(reply);
const inFlight = (): number => {
  let records = 0;
  for (const sizes of unacknowledged.values()) for (const size of sizes) records += size;
  return records;
};
const wakeUp = (): void => {
  wake?.();
  wake = null;
};

let queue = Promise.resolve();
port.on('message', (request: ParseAheadRequest) => {
  if (request.type === 'credit') {
    // Batches of a file are taken in the order sent.
    const sizes = unacknowledged.get(request.id);
    sizes?.shift();
    if (sizes?.length === 0) unacknowledged.delete(request.id);
    wakeUp();
    return;
  }
  if (request.type === 'skip') {
    // Its batches in flight will never be taken.
    skipped.add(request.id);
    unacknowledged.delete(request.id);
    wakeUp();
    return;
  }
  const { id, path, options } = request;
  queue = queue.then(async () => {
    if (skipped.has(id)) return;
    await prepareFile(path, options, {
      header: (header) => post({ type: 'header', id, header }),
      batch: async (batch) => {
        if (skipped.has(id)) throw new FileSkipped();
        const sizes = unacknowledged.get(id) ?? [];
        sizes.push(batch.records.length);
        unacknowledged.set(id, sizes);
        post({ type: 'batch', id, batch });
        while (inFlight() >= options.windowRecords && !skipped.has(id))
          await new Promise<void>((resolve) => (wake = resolve));
        if (skipped.has(id)) throw new FileSkipped();
      },
      end: (end) => {
        if (!skipped.has(id)) post({ type: 'end', id, end });
      },
    });
  });
});
