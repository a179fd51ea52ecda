import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FileParseError, SNIFF_BYTES, type EvidenceFormat, type RecordSink } from '../../main/ingest/format.js';
import { detectFormat } from '../../main/ingest/formats.js';
import { SOURCES } from '../../main/ingest/sources/index.js';
import type { SourceRecord } from '../../main/core/source-descriptor.js';
import { EVIDENCE_DIR, chunked, seededRandom } from '../unit/ingest/test-helpers.js';
import { chunkSizer, mutate, type Random } from './mutate.js';

/** Cases per target: a few seconds in CI; `CAIRN_FUZZ_RUNS=5000` for a long run. */
export const FUZZ_RUNS = Number(process.env.CAIRN_FUZZ_RUNS ?? '') || 0;
/** Base seed; a failure message names the case seed that reproduces it. */
export const FUZZ_SEED = Number(process.env.CAIRN_FUZZ_SEED ?? '') || 0x5eed;

export function runsOr(ciDefault: number): number {
  return FUZZ_RUNS > 0 ? FUZZ_RUNS : ciDefault;
}

/** Every error must say where: a line, a record, an archive member, the file or the document. */
export const LOCATOR = /^(?:(?:line|record) \d+(?: record \d+)*|member .+|file|document)$/;

/** No case may allocate more than this above the heap in use when it started. */
export const MAX_HEAP_GROWTH = 64 * 1024 * 1024;

const SOURCE_IDS = new Set(SOURCES.descriptors.map((descriptor) => descriptor.id));

const MAX_SEED_BYTES = 48 * 1024;
const SEEDS_PER_FORMAT = 4;

/** Sample evidence by the format it is recognised as (decompressed, capped in size, stable order). */
export function loadSeeds(): Map<string, Buffer[]> {
  const seeds = new Map<string, Buffer[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      let data = readFileSync(full);
      if (full.endsWith('.gz')) data = gunzipSync(data);
      const recognition = detectFormat(data.subarray(0, SNIFF_BYTES));
      if (!recognition) continue;
      const list = seeds.get(recognition.id) ?? [];
      if (list.length < SEEDS_PER_FORMAT) list.push(data.subarray(0, MAX_SEED_BYTES));
      seeds.set(recognition.id, list);
    }
  };
  walk(EVIDENCE_DIR);
  // Shapes the samples lack, built from samples that have them.
  const ndjson = readFileSync(path.join(EVIDENCE_DIR, 'elastic-integrations/cloudtrail/test-console-login-json.log'), 'utf8');
  const exportLines = ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, n) => `2024-05-10T08:00:0${n}.000Z ${line}`);
  seeds.set('cloudtrail-cloudwatch-export', [Buffer.from(exportLines.join('\n') + '\n')]);
  // A digest's signature sidecar: 512 hex digits (RSA-2048), bare and as `aws s3api head-object` prints it.
  const signature = createHash('sha512').update('cairn').digest('hex').repeat(4);
  seeds.set('cloudtrail-digest-signature', [
    Buffer.from(`${signature}\n`),
    Buffer.from(JSON.stringify({ ContentType: 'application/json', Metadata: { signature, 'signature-algorithm': 'SHA256withRSA' } })),
  ]);
  const policy = (principal: unknown, action: string) =>
    Buffer.from(JSON.stringify({ Version: '2012-10-17', Id: 'p', Statement: [{ Sid: 's', Effect: 'Allow', Principal: principal, Action: action, Resource: '*' }] }));
  seeds.set('kms-key-policy', [policy({ AWS: 'arn:aws:iam::111122223333:root' }, 'kms:*')]);
  seeds.set('secretsmanager-policy', [policy({ AWS: 'arn:aws:iam::111122223333:role/app' }, 'secretsmanager:GetSecretValue')]);
  seeds.set('organizations-policy', [
    Buffer.from(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }] })),
  ]);
  return seeds;
}

/** Everything a parser reported for one input. */
export interface ParseOutcome {
  events: number;
  errors: number;
  /** FileParseError thrown (the whole file refused), with its locator. */
  refused: string | null;
}

/** One property violation, with what reproduces it. */
export interface Violation {
  readonly target: string;
  readonly seed: number;
  readonly mutations: readonly string[];
  readonly problem: string;
}

class BudgetExceeded extends Error {}

function checkRecord(format: EvidenceFormat, record: SourceRecord): string | null {
  if (!SOURCE_IDS.has(record.source)) return `event with unregistered source ${JSON.stringify(record.source)}`;
  if (record.source !== format.source) return `event of source ${record.source} from a ${format.source} parser`;
  if (!Number.isFinite(record.time)) return `event time ${String(record.time)} is not finite`;
  if (typeof record.raw !== 'string') return 'event without its raw text';
  if (record.nativeId !== null && (typeof record.nativeId !== 'string' || record.nativeId.trim() === '')) {
    return `blank native id ${JSON.stringify(record.nativeId)}`;
  }
  for (const [name, value] of Object.entries(record.fields)) {
    const ok =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (Array.isArray(value) && value.every((item) => typeof item === 'string'));
    if (!ok) return `field ${name} holds ${typeof value} ${String(value).slice(0, 40)}`;
  }
  return null;
}

/**
 * Runs `format.parse` over `data` in random chunks and checks the properties: no exception but a
 * located FileParseError, every error located, every event well formed, at most one report per
 * input byte (+ slack) — the bound that stands in for a deadline — and bounded heap growth.
 */
export async function checkParse(
  format: EvidenceFormat,
  data: Buffer,
  random: Random,
  maxRecordBytes = 1024 * 1024,
): Promise<{ outcome: ParseOutcome; problem: string | null }> {
  const outcome: ParseOutcome = { events: 0, errors: 0, refused: null };
  const budget = data.length + 64;
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let problem: string | null = null;
  let calls = 0;
  const tick = (): void => {
    calls += 1;
    if ((calls & 0xff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (calls > budget) throw new BudgetExceeded(`more than ${budget} reports for ${data.length} bytes`);
  };
  const sink: RecordSink = {
    event(record, locator) {
      tick();
      outcome.events += 1;
      problem ??= LOCATOR.test(locator) ? checkRecord(format, record) : `event locator ${JSON.stringify(locator)}`;
    },
    error(locator, message) {
      tick();
      outcome.errors += 1;
      if (!LOCATOR.test(locator)) problem ??= `error locator ${JSON.stringify(locator)}`;
      if (typeof message !== 'string' || message.trim() === '') problem ??= `empty error message at ${locator}`;
    },
  };
  try {
    await format.parse(chunked(data, chunkSizer(random, data.length)), sink, { maxRecordBytes });
  } catch (error) {
    if (error instanceof FileParseError) {
      outcome.refused = error.locator;
      if (!LOCATOR.test(error.locator)) problem ??= `FileParseError locator ${JSON.stringify(error.locator)}`;
      if (error.message.trim() === '') problem ??= 'FileParseError without a message';
    } else if (error instanceof BudgetExceeded) {
      problem ??= `no end in sight: ${error.message}`;
    } else {
      problem ??= `crash: ${(error as Error).name}: ${(error as Error).message}`;
    }
  }
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (peak - baseline > MAX_HEAP_GROWTH) problem ??= `heap grew by ${Math.round((peak - baseline) / 2 ** 20)} MiB`;
  return { outcome, problem };
}

/** Draws `runs` mutated inputs from `seeds` (splicing from `others`), each with its own seed. */
export function* cases(
  target: string,
  seeds: readonly Buffer[],
  others: readonly Buffer[],
  runs: number,
): Generator<{ seed: number; random: Random; data: Buffer; mutations: string[] }> {
  let salt = 0;
  for (const char of target) salt = (Math.imul(salt, 31) + char.charCodeAt(0)) >>> 0;
  for (let i = 0; i < runs; i++) {
    const seed = (FUZZ_SEED + Math.imul(salt, 2654435761) + i) >>> 0;
    const random = seededRandom(seed);
    const base = seeds[i % seeds.length] as Buffer;
    const { data, applied } = mutate(base, random, others);
    yield { seed, random, data, mutations: applied };
  }
}
