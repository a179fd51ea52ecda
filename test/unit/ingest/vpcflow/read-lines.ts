import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EVIDENCE_DIR } from '../test-helpers.js';
import { createFlowLineReader } from '../../../../main/ingest/sources/vpcflow/line-reader.js';
import { isFlowLineError, isFlowRecord, isFlowSkip, type FlowLineError, type FlowRecord, type FlowSkip } from '../../../../main/ingest/sources/vpcflow/flow-record.js';

/** Every line of an evidence file through one reader, sorted into records, skips, errors and header/blank count. */
export function readFlowFile(relativePath: string): { records: FlowRecord[]; skips: FlowSkip[]; errors: FlowLineError[]; ignored: number } {
  const text = readFileSync(path.join(EVIDENCE_DIR, relativePath), 'utf8');
  return readFlowText(text);
}

/** The same over text. */
export function readFlowText(text: string): { records: FlowRecord[]; skips: FlowSkip[]; errors: FlowLineError[]; ignored: number } {
  const reader = createFlowLineReader();
  const out = { records: [] as FlowRecord[], skips: [] as FlowSkip[], errors: [] as FlowLineError[], ignored: 0 };
  text.split('\n').forEach((line, index) => {
    const result = reader.read(line, index + 1);
    if (result === null) out.ignored += 1;
    else if (isFlowSkip(result)) out.skips.push(result);
    else if (isFlowLineError(result)) out.errors.push(result);
    else if (isFlowRecord(result)) out.records.push(result);
  });
  return out;
}
