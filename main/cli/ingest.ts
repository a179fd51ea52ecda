import { resolve } from 'node:path';
import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { formatBytes, formatCount, formatDuration, terminalSafe, type Output } from './output.js';
import { runIngestInWorker } from '../ingest/worker/run-ingest.js';
import { assertPathsExist, MissingPathError } from '../ingest/walk.js';
import type { IngestProgress } from '../ingest/progress.js';
import type { IngestSummary } from '../ingest/pipeline.js';

export const ingestUsage = [
  'cairn ingest CASE PATH... [--json]',
  '  PATH     files, .gz/.zip/.tar.gz archives or folder trees (AWSLogs/…); the case is created if missing',
  '  --json   {"case","files":[{"path","sha256","bytes","status","format","records","inserted","duplicates","errors"}],"inserted","duplicates"}',
  '  exit 0 all imported, 3 some files had errors (named with file and line/record), 1 fatal',
  '  e.g. cairn ingest case.cairn ./AWSLogs ./flowlogs.tar.gz --json',
].join('\n');

/** `cairn ingest`: imports files, archives and folder trees into a case (created if missing). */
export async function ingestCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, { json: { type: 'boolean' } });
  const [casePath, ...paths] = positionals;
  if (!casePath || paths.length === 0) throw new UsageError(`usage: ${ingestUsage}`);
  try {
    await assertPathsExist(paths); // fail fast on a mistyped path, before creating the case
  } catch (error) {
    if (error instanceof MissingPathError) {
      io.err(`cairn ingest: ${error.message}`);
      return EXIT.fatal;
    }
    throw error;
  }
  const showProgress = !values.json && io.isTty;
  const job = runIngestInWorker(resolve(casePath), paths, {
    actor: 'cli',
    ...(showProgress ? { onProgress: (progress) => drawProgress(progress) } : {}),
  });
  const stop = (): void => job.cancel();
  process.once('SIGINT', stop);
  let summary: IngestSummary;
  try {
    summary = await job.done;
  } catch (error) {
    if (showProgress) process.stderr.write('\n');
    io.err(`cairn ingest: ${(error as Error).message}`);
    return EXIT.fatal;
  } finally {
    process.off('SIGINT', stop);
  }
  if (showProgress) process.stderr.write('\r\x1b[K');
  const hadErrors = summary.files.some((file) => file.errors.length > 0);
  if (values.json) {
    io.out(
      JSON.stringify({
        case: resolve(casePath),
        files: summary.files.map((file) => ({
          path: file.path,
          sha256: file.sha256,
          bytes: file.bytes,
          status: file.status,
          format: file.format,
          records: file.records,
          inserted: file.inserted,
          duplicates: file.duplicates,
          errors: file.errors,
        })),
        inserted: summary.inserted,
        duplicates: summary.duplicates,
        ...(summary.cancelled ? { cancelled: true } : {}),
      }),
    );
  } else {
    printSummary(summary, io);
  }
  if (summary.cancelled) return EXIT.fatal;
  return hadErrors ? EXIT.partial : EXIT.ok;
}

function drawProgress(progress: IngestProgress): void {
  const width = 30;
  const fraction = progress.bytesTotal > 0 ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 0;
  const filled = Math.round(fraction * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const eta = progress.etaMs === null ? '' : ` ETA ${formatDuration(progress.etaMs)}`;
  process.stderr.write(
    `\r\x1b[K${bar} ${(fraction * 100).toFixed(0)}%  files ${progress.filesDone}/${progress.filesTotal}  ` +
      `${formatBytes(progress.bytesDone)}/${formatBytes(progress.bytesTotal)}  ${formatCount(progress.records)} records${eta}`,
  );
}

function printSummary(summary: IngestSummary, io: Output): void {
  const records = summary.files.reduce((sum, file) => sum + file.records, 0);
  const failed = summary.files.filter((file) => file.errors.length > 0);
  io.out(
    `${summary.cancelled ? 'Cancelled after' : 'Ingested'} ${formatCount(summary.files.length)} files, ` +
      `${formatCount(records)} records: ${formatCount(summary.inserted)} new, ` +
      `${formatCount(summary.duplicates)} already in the case.`,
  );
  for (const file of failed) {
    io.out(`  ${file.status === 'failed' ? 'FAILED' : 'errors'}  ${terminalSafe(file.path)}`);
    for (const error of file.errors.slice(0, 5)) {
      io.out(`      ${terminalSafe(error.location)}: ${terminalSafe(error.message)}`);
    }
    if (file.errors.length > 5) io.out(`      … ${file.errors.length - 5} more`);
  }
  if (failed.length > 0) io.out(`${failed.length} file(s) had errors; everything else was imported.`);
}
