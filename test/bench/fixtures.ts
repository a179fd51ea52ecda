import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAccount, DEMO_ACCOUNT_ID } from '../../main/demo/account.js';
import { backgroundActivity } from '../../main/demo/background.js';
import { writeS3Delivery } from '../../main/demo/s3-delivery.js';

/** Bump when the generator's output changes, so cached fixtures are rebuilt. */
const FIXTURE_VERSION = 1;
const SEED = 1;
/** A busy account: about this many events a day (1 M events ≈ 3.3 days, 10 M ≈ 33 days). */
const EVENTS_PER_DAY = 300_000;
const START = Date.UTC(2025, 0, 6); // a Monday

export interface Fixture {
  /** The folder to ingest (the AWSLogs tree). */
  path: string;
  events: number;
  files: number;
  jsonBytes: number;
  gzipBytes: number;
  /** Time span of the events, ms UTC. */
  start: number;
  end: number;
  /** How long generating took when it was built (ms). */
  generateMs: number;
  cached: boolean;
}

interface Manifest extends Omit<Fixture, 'path' | 'cached'> {
  version: number;
  seed: number;
}

/**
 * The N-event CloudTrail fixture in S3 delivery layout under `root/fixtures/<N>/`, generated on
 * first use and reused afterwards (the manifest is written last, so an interrupted build is redone).
 */
export async function ensureFixture(root: string, events: number, log: (line: string) => void): Promise<Fixture> {
  const dir = join(root, 'fixtures', String(events));
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    if (manifest.version === FIXTURE_VERSION && manifest.seed === SEED && manifest.events === events) {
      return { ...manifest, path: join(dir, 'AWSLogs'), cached: true };
    }
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const days = Math.max(1, events / EVENTS_PER_DAY);
  const end = START + Math.round(days * 86_400_000);
  log(`generating ${events.toLocaleString('en-US')} CloudTrail events over ${days.toFixed(1)} days into ${dir} …`);
  const started = performance.now();
  const summary = await writeS3Delivery(
    dir,
    backgroundActivity({ seed: SEED, account: buildAccount(DEMO_ACCOUNT_ID), start: START, end, events }),
    { accountId: DEMO_ACCOUNT_ID, seed: SEED },
  );
  const manifest: Manifest = {
    version: FIXTURE_VERSION,
    seed: SEED,
    events: summary.records,
    files: summary.files,
    jsonBytes: summary.jsonBytes,
    gzipBytes: summary.gzipBytes,
    start: START,
    end,
    generateMs: Math.round(performance.now() - started),
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, path: join(dir, 'AWSLogs'), cached: false };
}
