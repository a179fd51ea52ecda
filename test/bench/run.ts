import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../../main/core/package-root.js';
import { openCase } from '../../main/store/open-case.js';
import { ensureFixture } from './fixtures.js';
import { benchFlows, type FlowBenchResult } from './flows.js';
import { canMeasureFrames, measureFrames, type FrameResult } from './frames.js';
import { measureIngest, type IngestResult } from './ingest.js';
import { measureParseLimit, type LimitResult } from './limit.js';
import { measureCli, measureOpen, measureQueries, type QueryResult } from './queries.js';
import { count, ms, queryTable, table } from './report.js';
import { MB, round } from './stats.js';

/**
 * Cairn's benchmark: generate N realistic CloudTrail events (cached), measure the parse limit,
 * ingest them with the CLI's engine, then time the queries the timeline and the CLI make.
 *
 *   npm run bench                                    1 M events
 *   npm run bench -- --events 200000                 a quicker run
 *   npm run bench -- --timeline --events 10000000    issue #3's targets on a 10 M-event case
 *
 * Figures go to bench-results/bench-<date>.json and bench-results/latest.json. Timings are never
 * asserted: a shared or busy machine gives slower numbers, so the load average is recorded too.
 */

const USAGE =
  'usage: node --expose-gc dist/test/bench/run.js [--events N] [--flows N] [--timeline] [--reuse-case] [--skip-limit] [--skip-cli] [--skip-frames]';

/** Issue #3's targets for the timeline: query name (as in queries.ts) and the median to stay under, ms. */
const TIMELINE_TARGETS: readonly (readonly [string, number])[] = [
  ['open case (read-only + case info)', 1000],
  ['timeline, first page', 50],
  ['filtered page, one field', 100],
  ['histogram, unfiltered', 300],
  ['histogram, one field', 300],
  ['full-text page', 300],
];

interface Options {
  events: number;
  timeline: boolean;
  reuseCase: boolean;
  skipLimit: boolean;
  skipCli: boolean;
  /** VPC flow records for the flow stage (0 skips it). */
  flows: number;
  skipFrames: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string' },
      timeline: { type: 'boolean' },
      'reuse-case': { type: 'boolean' },
      'skip-limit': { type: 'boolean' },
      'skip-cli': { type: 'boolean' },
      flows: { type: 'string' },
      'skip-frames': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const timeline = values.timeline === true;
  const events =
    values.events === undefined ? (timeline ? 10_000_000 : 1_000_000) : Number(values.events.replaceAll('_', ''));
  if (!Number.isInteger(events) || events <= 0) throw new Error(`--events: expected a positive whole number\n${USAGE}`);
  return {
    events,
    timeline,
    reuseCase: values['reuse-case'] === true,
    skipLimit: values['skip-limit'] === true,
    skipCli: values['skip-cli'] === true,
    skipFrames: values['skip-frames'] === true,
    flows: values.flows === undefined ? (timeline ? 0 : 1_000_000) : Number(values.flows.replaceAll('_', '')),
  };
}

function machine() {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    loadAverageAtStart: loadavg().map((value) => round(value, 2)),
  };
}

function caseCount(casePath: string): number | null {
  if (!existsSync(casePath)) return null;
  try {
    const db = openCase(casePath, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM timeline').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = packageRoot(import.meta.url);
  const out = join(root, 'bench-results');
  await mkdir(out, { recursive: true });
  const log = (line: string) => console.error(line);
  const info = machine();
  const startedAt = new Date();
  log(`Cairn benchmark — ${count(options.events)} events${options.timeline ? ' (timeline targets)' : ''}`);
  log(
    `${info.cpus} × ${info.cpuModel}, ${info.memoryGiB} GiB, Node ${info.node}, load average ${info.loadAverageAtStart.join(' ')}`,
  );

  const fixture = await ensureFixture(out, options.events, log);
  log(
    `fixture: ${count(fixture.files)} files, ${round(fixture.jsonBytes / MB, 0)} MiB JSON, ${round(fixture.gzipBytes / MB, 0)} MiB gzipped` +
      (fixture.cached
        ? ' (cached)'
        : `, generated in ${ms(fixture.generateMs)} (${count(Math.round(fixture.events / (fixture.generateMs / 1000)))} events/s)`),
  );

  let limit: LimitResult | null = null;
  if (!options.skipLimit) {
    log('measuring the parse limit (gunzip + JSON.parse, nothing stored) …');
    limit = await measureParseLimit(fixture.path);
  }

  const casePath = join(out, `bench-${options.events}.cairn`);
  let ingest: IngestResult | null = null;
  if (options.reuseCase && caseCount(casePath) === fixture.events) {
    log(`reusing ${casePath}`);
  } else {
    log(`ingesting into ${casePath} with cairn ingest …`);
    ingest = await measureIngest(root, casePath, fixture.path);
    if (ingest.inserted !== fixture.events)
      throw new Error(`ingested ${ingest.inserted} events, expected ${fixture.events}`);
  }

  log('timing queries (median of 5) …');
  const queries: QueryResult[] = [measureOpen(casePath), ...measureQueries(casePath)];
  if (!options.skipCli) queries.push(measureCli(root, casePath));

  const timelineTargets = TIMELINE_TARGETS.map(([name, target]) => {
    const result = queries.find((query) => query.name === name);
    return {
      name,
      targetMs: target,
      medianMs: result?.timing.median ?? null,
      ok: result ? result.timing.median < target : null,
    };
  });
  const ratio = limit && ingest ? round(ingest.eventsPerSecond / limit.eventsPerSecond, 3) : null;
  const timeRatio = limit && ingest ? round(ingest.ms / limit.ms, 2) : null;
  let frames: FrameResult | null = null;
  if (!options.skipFrames && canMeasureFrames()) {
    log('scrolling the timeline in Chromium (10 rows per frame) …');
    frames = await measureFrames(root, casePath, options.events);
  }
  let flows: FlowBenchResult | null = null;
  if (options.flows > 0) flows = await benchFlows(root, out, options.flows, log);
  const report = {
    date: startedAt.toISOString(),
    mode: options.timeline ? 'timeline' : 'standard',
    events: options.events,
    machine: { ...info, loadAverageAtEnd: loadavg().map((value) => round(value, 2)) },
    fixture: { ...fixture, path: undefined },
    limit,
    ingest: ingest && {
      ...ingest,
      peakRssMiB: round(ingest.peakRssBytes / MB, 0),
      peakRssAnonMiB: ingest.peakRssAnonBytes === null ? null : round(ingest.peakRssAnonBytes / MB, 0),
      peakRssFileMiB: ingest.peakRssFileBytes === null ? null : round(ingest.peakRssFileBytes / MB, 0),
      caseMiB: round(ingest.caseBytes / MB, 0),
      ratioToLimit: ratio,
      timeRatioToLimit: timeRatio,
      bytesPerEvent: Math.round(ingest.caseBytes / ingest.inserted),
      targets: { timeRatioToLimit: 2.5, bytesPerEvent: 1024, peakRssMiB: 400 },
    },
    frames: frames && { ...frames, targets: { medianMs: 17 } },
    flows: flows && { ...flows, targets: { ratio: 3, pairingMs: 30_000, explainMs: 50, peakRssMiB: 400 } },
    queries,
    timelineTargets,
  };

  console.log('');
  console.log(
    `Cairn benchmark, ${count(options.events)} CloudTrail events (${report.date}, ${info.cpus} CPUs, Node ${info.node})`,
  );
  console.log('');
  const rows: string[][] = [];
  if (limit)
    rows.push([
      'parse limit (gunzip + JSON.parse)',
      ms(limit.ms),
      `${count(limit.eventsPerSecond)} events/s`,
      `${count(limit.mbPerSecond)} MiB/s`,
      '',
    ]);
  if (ingest) {
    rows.push([
      'ingest (`cairn ingest`, a new case)',
      ms(ingest.ms),
      `${count(ingest.eventsPerSecond)} events/s`,
      `${count(Math.round(fixture.jsonBytes / MB / (ingest.ms / 1000)))} MiB/s`,
      timeRatio === null ? '' : `${timeRatio} × the limit's time (target ≤ 2.5 ×)`,
    ]);
    const split =
      ingest.peakRssAnonBytes === null || ingest.peakRssFileBytes === null
        ? ''
        : `anon ${count(round(ingest.peakRssAnonBytes / MB, 0))} + file-backed ${count(round(ingest.peakRssFileBytes / MB, 0))} MiB`;
    rows.push([
      'peak RSS (`cairn ingest` process)',
      '',
      `${count(round(ingest.peakRssBytes / MB, 0))} MiB`,
      split,
      'target < 400 MiB',
    ]);
    rows.push([
      'case file size',
      '',
      `${count(round(ingest.caseBytes / MB, 0))} MiB`,
      `${round(ingest.caseBytes / fixture.jsonBytes, 2)} × JSON`,
      `${count(Math.round(ingest.caseBytes / ingest.inserted))} B/event (target ≤ 1,024)`,
    ]);
  }
  if (rows.length > 0) {
    console.log(table(['stage', 'time', 'rate', 'throughput', 'note'], rows));
    console.log('');
  }
  console.log(queryTable(queries));
  if (frames) {
    console.log('');
    console.log(
      `Timeline scrolled 10 rows per frame over ${count(frames.rows)} rows in Chromium: median frame ${ms(frames.medianMs)}, ` +
        `p95 ${ms(frames.p95Ms)}, max ${ms(frames.maxMs)} over ${frames.frames} frames (target median ≤ 17 ms)`,
    );
  }
  if (flows) {
    console.log('');
    console.log(`VPC flow logs, ${count(flows.records)} records in ${count(flows.files)} files`);
    console.log(
      table(
        ['stage', 'time', 'rate', 'note'],
        [
          ['limit (gunzip + split lines into fields)', ms(flows.limitMs), `${count(flows.limitRecordsPerSecond)} records/s`, ''],
          ['ingest (`cairn ingest`, a new case)', ms(flows.ingest.ms), `${count(flows.ingest.eventsPerSecond)} records/s`, `${flows.ratio} × the limit (target ≤ 3 ×); peak RSS ${count(round(flows.ingest.peakRssBytes / MB, 0))} MiB`],
          ['pairing + scan detection', ms(flows.pairingMs), `${count(flows.conversations)} conversations, ${count(flows.scans)} scans`, `RSS after ${count(round(flows.pairingPeakRssBytes / MB, 0))} MiB (5 M target < 30 s)`],
          ['explain one hypothetical flow (median of 20)', ms(flows.explain.median), '', 'target < 50 ms'],
        ],
      ),
    );
  }
  if (options.timeline) {
    console.log('');
    console.log(`Issue #3 timeline targets on ${count(options.events)} events:`);
    console.log(
      table(
        ['target', 'median', 'limit', 'met'],
        timelineTargets.map((target) => [
          target.name,
          target.medianMs === null ? '-' : ms(target.medianMs),
          `< ${ms(target.targetMs)}`,
          target.ok === null ? 'not measured' : target.ok ? 'yes' : 'NO',
        ]),
      ),
    );
  }

  const stamp = report.date.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await writeFile(join(out, `bench-${stamp}.json`), json);
  await writeFile(join(out, 'latest.json'), json);
  console.log('');
  console.log(`figures written to ${join(out, `bench-${stamp}.json`)} and latest.json`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
