import { resolve } from 'node:path';
import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { terminalSafe, type Output } from './output.js';
import { openCase } from '../store/open-case.js';
import { appendAudit } from '../store/audit.js';
import { verifyCaseReport } from '../services/verify-case.js';
import { verifyCloudTrailDigests } from '../services/cloudtrail-digests.js';

export const verifyUsage = [
  'cairn verify CASE [PATH...] [--cloudtrail-digests --public-keys FILE] [--json]',
  '  checks the case file, the audit chain (prints its head hash) and every file\'s records against the import log;',
  '  with PATH, finds each recorded file by SHA-256 in any layout: ok | modified | missing | extra',
  '  --cloudtrail-digests  validate the trail\'s CloudTrail-Digest files under PATH offline (signatures, chain, hashes)',
  '  --public-keys FILE    aws cloudtrail list-public-keys output',
  '  exit 0 verified, 4 anything differs',
  '  e.g. cairn verify case.cairn /mnt/evidence-copy --json',
].join('\n');

/**
 * `cairn verify`: checks the case file, the audit chain and every file's records against the import
 * log; with paths, finds each recorded file by its SHA-256 wherever it now lives; with
 * --cloudtrail-digests, validates the trail's digest files offline. Exit 4 on any mismatch.
 */
export async function verifyCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, {
    json: { type: 'boolean' },
    'cloudtrail-digests': { type: 'boolean' },
    'public-keys': { type: 'string' },
  });
  const [casePath, ...given] = positionals;
  if (!casePath) throw new UsageError(`usage: ${verifyUsage}`);
  const paths = given.map((path) => resolve(path));
  if (values['cloudtrail-digests']) {
    if (!values['public-keys']) throw new UsageError('--cloudtrail-digests needs --public-keys FILE (aws cloudtrail list-public-keys output)');
    if (paths.length === 0) throw new UsageError('--cloudtrail-digests needs the delivered tree (PATH...) holding CloudTrail-Digest/');
    return verifyDigests(casePath, paths, values['public-keys'], values.json === true, io);
  }
  const db = openCase(casePath, { readonly: true });
  let report;
  try {
    let lastPhase = '';
    report = await verifyCaseReport(db, casePath, paths, (progress) => {
      if (values.json || progress.phase === lastPhase) return;
      lastPhase = progress.phase;
      io.err(`verifying ${progress.phase}…`);
    });
  } finally {
    db.close();
  }
  if (values.json) {
    io.out(JSON.stringify(report));
  } else {
    io.out(`case file integrity: ${report.case.integrity === 'ok' ? 'ok' : `FAILED: ${terminalSafe(report.case.integrity)}`}`);
    io.out(`audit log: ${report.case.auditChain === 'ok' ? 'ok' : `FAILED: ${terminalSafe(report.case.auditChain)}`}`);
    io.out(`audit head: ${report.case.head ?? '(empty)'}  (note it: later deletions of audit entries show against it)`);
    io.out(`records: ${report.records.expected} imported, ${report.records.found} in the case`);
    for (const problem of report.records.problems ?? []) io.out(`  ${terminalSafe(problem)}`);
    const unverifiable = report.files.filter((file) => file.status === 'unverifiable').length;
    if (unverifiable > 0) io.out(`${unverifiable} evidence files recorded: give their folder(s) as PATH to re-hash them`);
    for (const file of report.files) {
      if (file.status !== 'unverifiable') io.out(`${file.status.toUpperCase().padEnd(9)} ${terminalSafe(file.path)}  ${file.sha256}`);
    }
    io.out(report.ok ? 'verified: everything matches the record' : 'verification FAILED');
  }
  return report.ok ? EXIT.ok : EXIT.mismatch;
}

async function verifyDigests(casePath: string, paths: string[], keysPath: string, json: boolean, io: Output): Promise<number> {
  const { ok, report } = await verifyCloudTrailDigests(paths, keysPath);
  const db = openCase(casePath);
  try {
    appendAudit(db, 'cli', 'verify.cloudtrail-digests', {
      ok,
      digests: report.digests.length,
      modified: report.logFiles.filter((log) => log.status === 'modified').map((log) => log.s3Object),
      missing: report.logFiles.filter((log) => log.status === 'missing').map((log) => log.s3Object),
      notCovered: report.notCovered.length,
      gaps: report.gaps.length,
    });
  } finally {
    db.close();
  }
  if (json) {
    io.out(JSON.stringify({ ok, ...report }));
  } else {
    for (const digest of report.digests) {
      io.out(`digest ${terminalSafe(digest.s3Object)}: signature ${digest.signature}, chain ${digest.chain}`);
    }
    for (const log of report.logFiles) if (log.status !== 'ok') io.out(`${log.status.toUpperCase().padEnd(9)} ${terminalSafe(log.s3Object)}`);
    for (const log of report.notCovered) io.out(`NOT COVERED ${terminalSafe(log.s3Object)}`);
    for (const gap of report.gaps) io.out(`GAP after ${terminalSafe(gap.afterS3Object)}`);
    io.out(ok ? `digests verified: ${report.logFiles.length} log files match` : 'digest verification FAILED');
  }
  return ok ? EXIT.ok : EXIT.mismatch;
}
