import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openCase } from '../../main/store/open-case.js';
import { explainCaseFlow, flowPairs, flowScans } from '../../main/services/flows.js';
import { measureIngest, type IngestResult } from './ingest.js';
import { timeRuns, type Timing } from './stats.js';
import { Rng } from '../../main/demo/prng.js';

/** Issue #9's flow figures: ingest against its limit, pairing + scans, and one explain. */
export interface FlowBenchResult {
  records: number;
  files: number;
  limitMs: number;
  limitRecordsPerSecond: number;
  ingest: IngestResult;
  ratio: number;
  pairingMs: number;
  /** Process RSS right after pairing and scans (bytes). */
  pairingPeakRssBytes: number;
  conversations: number;
  scans: number;
  explain: Timing;
}

const ACCOUNT = '111122223333';
const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const LINES_PER_FILE = 50_000;

/**
 * N flow records as S3-delivered v2 files (header line, gzipped, 50 k lines each): request/reply
 * pairs between 20 ENIs and a few thousand remote addresses (2 % of replies rejected) and one
 * 1,000-port scan of one ENI, over one day.
 */
async function ensureFlowFixture(root: string, records: number): Promise<{ path: string; files: number }> {
  // v2: request and reply lines of one conversation share their 5-tuple.
  const dir = join(root, 'flow-fixtures', `v2-${records}`);
  const tree = join(dir, 'AWSLogs', ACCOUNT, 'vpcflowlogs', 'eu-west-1', '2025', '01', '07');
  if (existsSync(join(dir, 'done'))) return { path: join(dir, 'AWSLogs'), files: (await readdir(tree)).length };
  await mkdir(tree, { recursive: true });
  const rng = new Rng(7);
  const random = () => rng.next();
  const start = Date.UTC(2025, 0, 7) / 1000;
  const enis = Array.from({ length: 20 }, (_, i) => ({ id: `eni-0bench${String(i).padStart(12, '0')}`, ip: `10.0.${i >> 4}.${(i % 16) + 10}` }));
  let written = 0;
  let file = 0;
  while (written < records) {
    const lines = [HEADER];
    const count = Math.min(LINES_PER_FILE, records - written);
    for (let i = 0; i < count; i += 1) {
      const at = start + Math.floor(((written + i) / records) * 86_400);
      const index = written + i;
      if (index % 997 === 0) {
        // a vertical port scan of one ENI from one source (rejected), spread over the day
        const target = enis[0] ?? { id: 'eni-0', ip: '10.0.0.10' };
        lines.push(`2 ${ACCOUNT} ${target.id} 203.0.113.66 ${target.ip} 40000 ${(index / 997) % 1000} 6 1 40 ${at} ${at + 1} REJECT OK`);
        continue;
      }
      // request and reply of one conversation, as the ENI logs them (the reply on the next line)
      const eni = enis[Math.floor(random() * enis.length)] ?? { id: 'eni-0', ip: '10.0.0.10' };
      const remote = `198.51.${Math.floor(random() * 20)}.${Math.floor(random() * 250) + 1}`;
      const port = [443, 80, 22, 3306][Math.floor(random() * 4)] ?? 443;
      const ephemeral = 32768 + Math.floor(random() * 28000);
      const bytes = Math.floor(random() * 50_000) + 60;
      lines.push(`2 ${ACCOUNT} ${eni.id} ${remote} ${eni.ip} ${ephemeral} ${port} 6 10 ${bytes} ${at} ${at + 60} ACCEPT OK`);
      if (i + 1 < count) {
        i += 1;
        const replyAction = random() < 0.02 ? 'REJECT' : 'ACCEPT';
        lines.push(`2 ${ACCOUNT} ${eni.id} ${eni.ip} ${remote} ${port} ${ephemeral} 6 8 ${bytes * 3} ${at} ${at + 60} ${replyAction} OK`);
      }
    }
    const name = `${ACCOUNT}_vpcflowlogs_eu-west-1_fl-0bench_20250107T${String(file).padStart(4, '0')}Z_${file.toString(16).padStart(8, '0')}.log.gz`;
    await writeFile(join(tree, name), gzipSync(`${lines.join('\n')}\n`));
    written += count;
    file += 1;
  }
  await writeFile(join(dir, 'done'), '');
  return { path: join(dir, 'AWSLogs'), files: file };
}

/** The limit: gunzip every file and split every line into its fields, keeping nothing. */
async function flowLimit(dir: string): Promise<number> {
  const started = performance.now();
  let fields = 0;
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else for (const line of gunzipSync(await readFile(child)).toString('utf8').split('\n')) fields += line.split(' ').length;
    }
  };
  await walk(dir);
  if (fields === 0) throw new Error('no flow lines');
  return performance.now() - started;
}

export async function benchFlows(
  root: string,
  out: string,
  records: number,
  log: (line: string) => void,
): Promise<FlowBenchResult> {
  const fixture = await ensureFlowFixture(out, records);
  log(`flow fixture: ${fixture.files} files, ${records.toLocaleString('en-US')} records`);
  const limitMs = await flowLimit(fixture.path);
  const casePath = join(out, `bench-flows-${records}.cairn`);
  log('ingesting flow logs …');
  const ingest = await measureIngest(root, casePath, fixture.path);
  const db = openCase(casePath, { readonly: true });
  try {
    log('pairing and scan detection …');
    global.gc?.();
    const started = performance.now();
    const conversations = flowPairs(db).length;
    const scans = flowScans(db).length;
    const pairingMs = performance.now() - started;
    // The pairing is synchronous (no sampler runs meanwhile): the RSS right after it bounds its peak from below.
    const rssAfter = process.memoryUsage().rss;
    const { timing: explain } = timeRuns(20, () =>
      explainCaseFlow(db, { src: '198.51.100.7', dst: '10.0.0.10', dstPort: 443, protocol: 6 }),
    );
    return {
      records,
      files: fixture.files,
      limitMs: Math.round(limitMs),
      limitRecordsPerSecond: Math.round(records / (limitMs / 1000)),
      ingest,
      ratio: Math.round((ingest.ms / limitMs) * 100) / 100,
      pairingMs: Math.round(pairingMs),
      pairingPeakRssBytes: rssAfter,
      conversations,
      scans,
      explain,
    };
  } finally {
    db.close();
  }
}
