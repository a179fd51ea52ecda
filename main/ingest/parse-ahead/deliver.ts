import type { RecordSink } from '../format.js';
import { FileParseError } from '../format.js';
import type { RecordError } from '../../store/queries/evidence.js';
import type { PackedRaw } from '../../store/raw-blocks.js';
import type { PreparedFile } from './parse-ahead.js';
import type { RecordBatch } from './prepare-file.js';

/**
 * Gives a prepared file's records and record errors to the sink in the order the worker read them,
 * as the format's own parse would (`beforeBatch` hands each batch's packed raw records to the
 * writer first). A file that broke part-way throws as its parse would; its container warnings
 * join `notes`.
 */
export async function deliverPrepared(
  prepared: Extract<PreparedFile, { kind: 'parsed' }>,
  sink: RecordSink,
  notes: RecordError[],
  beforeBatch: (packed: PackedRaw) => void,
): Promise<void> {
  for (;;) {
    const next = await prepared.batches.next();
    if (next.done) {
      if (!next.value.ok) throw new FileParseError(next.value.locator, next.value.message);
      notes.push(...next.value.notes);
      return;
    }
    beforeBatch(next.value.packed);
    replay(next.value, sink);
  }
}

function replay(batch: RecordBatch, sink: RecordSink): void {
  let next = 0;
  for (const error of batch.errors) {
    for (; next < error.after; next++) sink.event(batch.records[next]!, batch.locators[next]!);
    sink.error(error.location, error.message);
  }
  for (; next < batch.records.length; next++) sink.event(batch.records[next]!, batch.locators[next]!);
}
