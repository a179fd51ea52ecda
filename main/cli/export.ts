import { closeSync, openSync, writeSync } from 'node:fs';
import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { terminalSafe, type Output } from './output.js';
import { runVerb } from './verb-support.js';
import { openCase, type ReadonlyDb } from '../store/open-case.js';
import { iterateTimeline } from '../store/queries/timeline.js';
import { getAnnotation } from '../store/queries/annotations.js';
import type { TimelineFilter } from '../store/queries/timeline-filter.js';
import { filterFor } from '../services/read-queries.js';
import { SOURCES } from '../ingest/sources/index.js';
import { bundleManifest, csvColumns, csvLine, timesketchEvent, writeBundle, type BundleFile } from '../report/timesketch.js';
import { renderHtml } from '../report/html.js';
import { renderMarkdown } from '../report/markdown.js';
import { containmentScript } from '../report/containment.js';
import { caseReportModel, renderJson, REPORT_OPTIONS } from './report.js';

export const exportUsage = [
  "cairn export CASE --timesketch FILE.jsonl ['QUERY']",
  "cairn export CASE --csv FILE.csv ['QUERY']",
  'cairn export CASE --bundle FILE.zip|FILE.tar.gz [--generated-at ISO] [report options]',
  '    timesketch/csv: matching rows oldest first, with tags (starred as a tag) and notes as comments',
  '    bundle: report.html, report.md, report.json, timeline.jsonl, review.json, containment.sh and',
  '    manifest.json (SHA-256 of each) in a gzipped tar (no zip writer is among Cairn\'s runtime dependencies)',
].join('\n');

/** `cairn export`: the timeline for Timesketch or a spreadsheet, or the whole case bundle. */
export function exportCommand(argv: string[], io: Output): Promise<number> {
  return runVerb('export', argv, io, () => exportCase(argv, io));
}

function* timelineLines(db: ReadonlyDb, filter: TimelineFilter, format: 'jsonl' | 'csv'): Generator<string> {
  const columns = csvColumns(SOURCES);
  if (format === 'csv') yield `${columns.join(',')}\r\n`;
  for (const row of iterateTimeline(db, SOURCES, filter, { withRaw: false })) {
    const event = timesketchEvent(row, SOURCES, row.notes > 0 ? getAnnotation(db, row.id).notes : []);
    yield format === 'csv' ? csvLine(columns, event) : `${JSON.stringify(event)}\n`;
  }
}

/** Writes lines to a file in large chunks (exports can be millions of rows). */
function writeLines(path: string, lines: Iterable<string>): number {
  const fd = openSync(path, 'w');
  let rows = 0;
  let buffer = '';
  try {
    for (const line of lines) {
      buffer += line;
      rows += 1;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return rows;
}

async function exportCase(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, {
    timesketch: { type: 'string' },
    csv: { type: 'string' },
    bundle: { type: 'string' },
    ...REPORT_OPTIONS,
  });
  const [casePath, ...queryParts] = positionals;
  if (!casePath) throw new UsageError(`usage: ${exportUsage}`);
  const targets = [values.timesketch, values.csv, values.bundle].filter((value) => value !== undefined);
  if (targets.length !== 1) throw new UsageError(`give exactly one of --timesketch, --csv, --bundle\nusage: ${exportUsage}`);
  const query = queryParts.join(' ');

  if (values.bundle !== undefined) {
    if (query) throw new UsageError('--bundle exports the whole case: no query');
    const model = await caseReportModel(casePath, values);
    const db = openCase(casePath, { readonly: true });
    let timeline: string;
    try {
      timeline = [...timelineLines(db, filterFor(db, {}), 'jsonl')].join('');
    } finally {
      db.close();
    }
    const files: BundleFile[] = [
      { name: 'report.html', content: Buffer.from(renderHtml(model)) },
      { name: 'report.md', content: Buffer.from(renderMarkdown(model)) },
      { name: 'report.json', content: Buffer.from(renderJson(model)) },
      { name: 'timeline.jsonl', content: Buffer.from(timeline) },
      { name: 'review.json', content: Buffer.from(`${JSON.stringify({ format: 'cairn-review', version: 1, caseId: model.case.caseId, generatedAt: model.generatedAt, review: model.review }, null, 2)}\n`) },
      { name: 'containment.sh', content: Buffer.from(containmentScript(model.containment, { caseId: model.case.caseId, generatedAt: model.generatedAt })) },
    ];
    const manifest = bundleManifest(files, { caseId: model.case.caseId, generatedAt: model.generatedAt, caseSha256: model.case.sha256 });
    await writeBundle(values.bundle, files, new Date(model.generatedAt), manifest);
    io.err(`cairn export: wrote ${terminalSafe(values.bundle)} (${files.length + 1} files)`);
    return EXIT.ok;
  }

  const path = (values.timesketch ?? values.csv) as string;
  const db = openCase(casePath, { readonly: true });
  try {
    const filter = filterFor(db, { query }, { commonText: true });
    const lines = writeLines(path, timelineLines(db, filter, values.csv !== undefined ? 'csv' : 'jsonl'));
    const rows = values.csv !== undefined ? lines - 1 : lines;
    io.err(`cairn export: wrote ${rows} event${rows === 1 ? '' : 's'} to ${terminalSafe(path)}`);
    return EXIT.ok;
  } finally {
    db.close();
  }
}
