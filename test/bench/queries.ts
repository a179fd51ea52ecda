import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CI_DEPLOY_ACCESS_KEY } from '../../main/demo/account.js';
import { filterFor, readCaseInfo, readEventPage, readFieldStats } from '../../main/services/read-queries.js';
import { openCase, type ReadonlyDb } from '../../main/store/open-case.js';
import { countTimeline, queryTimeline } from '../../main/store/queries/timeline.js';
import type { TimelineFilter } from '../../main/store/queries/timeline-filter.js';
import { SOURCES } from '../../main/ingest/sources/index.js';
import { eventHistogram } from '../../main/store/queries/histogram.js';
import { timeRuns, type Timing } from './stats.js';

export interface QueryResult {
  name: string;
  /** What was asked, in the search syntax (or a description). */
  query: string;
  timing: Timing;
  /** Rows returned or the count computed (a sanity check that the query did its work). */
  result: number;
  /** Target for the median, ms; null when there is none. */
  targetMs: number | null;
  note?: string;
}

const RUNS = 5;
const PAGE = 200;
const BUCKETS = 120;

/** A bare word of the background activity, found by full-text search (a Lambda function's name). */
export const FULL_TEXT_WORD = 'thumbnailer';
export const KEY_QUERY = `accessKeyId:${CI_DEPLOY_ACCESS_KEY}`;

interface QuerySpec {
  name: string;
  query: string;
  targetMs: number | null;
  run(db: ReadonlyDb): number;
}

function filter(db: ReadonlyDb, query: string): TimelineFilter {
  return filterFor(db, { query });
}

function page(db: ReadonlyDb, query: string, order: 'asc' | 'desc' = 'asc'): number {
  // Exactly what the timeline's events:page request runs (including its plan for common words).
  return readEventPage(db, { query, order, limit: PAGE }).rows.length;
}

function specs(): QuerySpec[] {
  const list: QuerySpec[] = [
    {
      name: 'count, one field (access key)',
      query: KEY_QUERY,
      targetMs: 100,
      run: (db) => countTimeline(db, filter(db, KEY_QUERY)),
    },
    {
      name: 'count, one field (event name)',
      query: 'eventName:ConsoleLogin',
      targetMs: 100,
      run: (db) => countTimeline(db, filter(db, 'eventName:ConsoleLogin')),
    },
    {
      name: 'count, two fields',
      query: `${KEY_QUERY} AND eventName:AssumeRole`,
      targetMs: 100,
      run: (db) => countTimeline(db, filter(db, `${KEY_QUERY} AND eventName:AssumeRole`)),
    },
    {
      name: 'count, region (indexed since v3)',
      query: 'region:us-west-2',
      targetMs: 500,
      run: (db) => countTimeline(db, filter(db, 'region:us-west-2')),
    },
    {
      name: 'field statistics, top 10 event names (whole case)',
      query: '',
      targetMs: 2000,
      run: (db) => readFieldStats(db, { field: 'eventName', limit: 10 }).values.length,
    },
    {
      name: 'field statistics, top 10 source IPs under a filter',
      query: 'eventSource:s3.amazonaws.com',
      targetMs: 500,
      run: (db) => readFieldStats(db, { field: 'sourceIp', limit: 10, query: 'eventSource:s3.amazonaws.com' }).values.length,
    },
    { name: 'count, unfiltered (count(*))', query: '', targetMs: null, run: (db) => countTimeline(db, filter(db, '')) },
    { name: 'timeline, first page', query: '', targetMs: 50, run: (db) => page(db, '') },
    { name: 'timeline, last page (newest first)', query: '', targetMs: 50, run: (db) => page(db, '', 'desc') },
    {
      name: 'timeline, page deep in the case (keyset)',
      query: '(after the middle of the time span)',
      targetMs: 50,
      run: (db) => {
        // The first event at or after the middle of the time span (an index seek, not OFFSET).
        const middle = db
          .prepare(
            // min() and max() in separate subqueries: together in one SELECT they scan the index.
            `SELECT time, id FROM timeline
             WHERE time >= ((SELECT min(time) FROM timeline) + (SELECT max(time) FROM timeline)) / 2
             ORDER BY time, id LIMIT 1`,
          )
          .get() as { time: number; id: number } | undefined;
        if (!middle) return 0;
        return queryTimeline(db, SOURCES, { filter: filter(db, ''), order: 'asc', limit: PAGE + 1, after: middle }).length;
      },
    },
    {
      name: 'filtered page, one field',
      query: 'eventName:ConsoleLogin',
      targetMs: 100,
      run: (db) => page(db, 'eventName:ConsoleLogin'),
    },
    {
      name: 'filtered page, rare value',
      query: 'eventName:RotateKey',
      targetMs: 100,
      run: (db) => page(db, 'eventName:RotateKey'),
    },
    {
      name: 'filtered page, unindexed field',
      query: 'region:us-west-2',
      targetMs: 100,
      run: (db) => page(db, 'region:us-west-2'),
    },
    {
      name: 'filtered page, wildcard',
      query: 'errorCode:*Denied*',
      targetMs: 100,
      run: (db) => page(db, 'errorCode:*Denied*'),
    },
    { name: 'full-text page', query: FULL_TEXT_WORD, targetMs: 300, run: (db) => page(db, FULL_TEXT_WORD) },
    {
      name: 'full-text page, with a field',
      query: `${FULL_TEXT_WORD} eventName:PutObject`,
      targetMs: 300,
      run: (db) => page(db, `${FULL_TEXT_WORD} eventName:PutObject`),
    },
  ];
  list.push(
    {
      name: 'histogram, unfiltered',
      query: '',
      targetMs: 300,
      run: (db) => eventHistogram(db, { filter: filter(db, ''), unfiltered: true, buckets: BUCKETS }).counts.length,
    },
    {
      name: 'histogram, one field',
      query: 'eventName:ConsoleLogin',
      targetMs: 300,
      run: (db) =>
        eventHistogram(db, { filter: filter(db, 'eventName:ConsoleLogin'), unfiltered: false, buckets: BUCKETS }).counts
          .length,
    },
    {
      name: 'histogram, full-text',
      query: FULL_TEXT_WORD,
      targetMs: 300,
      run: (db) =>
        eventHistogram(db, { filter: filter(db, FULL_TEXT_WORD), unfiltered: false, buckets: BUCKETS }).counts.length,
    },
  );
  return list;
}

/** Opening a case as the app does: read-only connection, schema check, case info (count, range). */
export function measureOpen(casePath: string): QueryResult {
  const { timing, result } = timeRuns(RUNS, () => {
    const db = openCase(casePath, { readonly: true });
    try {
      return readCaseInfo(db, casePath).eventCount;
    } finally {
      db.close();
    }
  });
  return { name: 'open case (read-only + case info)', query: '', timing, result, targetMs: 1000 };
}

/** Every query, median of 5 runs each on one read-only connection (as a query worker holds). */
export function measureQueries(casePath: string): QueryResult[] {
  const db = openCase(casePath, { readonly: true });
  try {
    return specs().map((spec) => {
      const { timing, result } = timeRuns(RUNS, () => spec.run(db));
      return { name: spec.name, query: spec.query, timing, result, targetMs: spec.targetMs };
    });
  } finally {
    db.close();
  }
}

/** The whole `cairn events CASE QUERY --count` command, from process start to exit. */
export function measureCli(root: string, casePath: string): QueryResult {
  const bin = join(root, 'bin', 'cairn.js');
  if (!existsSync(join(root, 'dist', 'main', 'cli', 'main.js'))) {
    return {
      name: 'CLI events --count (end to end)',
      query: KEY_QUERY,
      timing: timeRuns(1, () => 0).timing,
      result: 0,
      targetMs: null,
      note: 'skipped: dist/ not built',
    };
  }
  let count = 0;
  const { timing } = timeRuns(RUNS, () => {
    const run = spawnSync(process.execPath, [bin, 'events', casePath, KEY_QUERY, '--count'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`cairn events failed: ${run.stderr}`);
    count = Number(run.stdout.trim());
    return count;
  });
  return {
    name: 'CLI events --count (end to end)',
    query: KEY_QUERY,
    timing,
    result: count,
    targetMs: null,
    note: 'includes Node start-up',
  };
}
