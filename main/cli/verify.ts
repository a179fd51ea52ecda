import { resolve } from 'node:path';
import { parseVerbArgs } from './args.js';
import { EXIT, UsageError } from './usage-error.js';
import { terminalSafe, type Output } from './output.js';
import { openCase } from '../store/open-case.js';
import { verifyCase } from '../services/verify-case.js';

export const verifyUsage = 'cairn verify CASE [PATH...] [--json]';

/** `cairn verify`: checks the case file and re-hashes original evidence against the recorded SHA-256. */
export async function verifyCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, { json: { type: 'boolean' } });
  const [casePath, ...paths] = positionals;
  if (!casePath) throw new UsageError(`usage: ${verifyUsage}`);
  const db = openCase(casePath, { readonly: true });
  let report;
  try {
    report = await verifyCase(db, paths.map((path) => resolve(path)));
  } finally {
    db.close();
  }
  if (values.json) {
    io.out(JSON.stringify(report));
  } else {
    io.out(`case file integrity: ${report.integrity.length === 0 ? 'ok' : 'FAILED'}`);
    for (const problem of report.integrity) io.out(`  ${terminalSafe(problem)}`);
    io.out(`audit log: ${report.audit.length === 0 ? 'ok' : 'FAILED'}`);
    for (const problem of report.audit) io.out(`  ${terminalSafe(problem)}`);
    for (const file of report.files) {
      const note = file.status === 'ok' && file.recordedPath !== file.path ? ` (recorded as ${file.recordedPath})` : '';
      const detail = file.status === 'mismatch' ? ` expected ${file.expected} got ${file.actual}` : '';
      io.out(`${file.status.toUpperCase().padEnd(9)} ${terminalSafe(file.path)}${detail}${terminalSafe(note)}`);
    }
    io.out(report.ok ? 'verified: everything matches the record' : 'verification FAILED');
  }
  return report.ok ? EXIT.ok : EXIT.mismatch;
}
