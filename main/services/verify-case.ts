import { basename, relative, sep } from 'node:path';
import type { VerifyReport } from '../../preload/contract/api.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { auditHead, verifyAuditChain } from '../store/audit.js';
import { listEvidence } from '../store/queries/evidence.js';
import { deriveRecordDigests, recordedDigests } from '../store/record-digest.js';
import { countTimeline } from '../store/queries/timeline.js';
import { WHOLE_TIMELINE } from '../store/queries/timeline-filter.js';
import { caseFileChecks } from '../store/queries/case-checks.js';
import { hashFile } from '../ingest/containers/hash.js';
import { findEvidenceFiles } from '../ingest/walk.js';

export interface VerifyProgress {
  phase: 'case' | 'records' | 'files';
  done: number;
  total: number;
}

/**
 * Checks that the case still says what was imported and, given folders or files, that the
 * original evidence is still what was received:
 * - the case file (SQLite quick check and foreign keys), the audit chain, and its head hash;
 * - every evidence file's row count and digest, re-derived and compared with what the importer
 *   recorded in the audit log (deleted or edited rows show);
 * - each recorded top-level file found by its SHA-256 wherever it now lives (any layout):
 *   `modified` when a file by the same name has other bytes, `missing` when none is found, and
 *   `extra` files under the given paths that the case never received.
 * Without paths the evidence files are `unverifiable` (the case holds their hashes, not their bytes).
 */
export async function verifyCaseReport(
  db: ReadonlyDb,
  _casePath: string,
  paths: readonly string[],
  onProgress?: (progress: VerifyProgress) => void,
): Promise<VerifyReport> {
  const problems = caseFileChecks(db);
  const chain = verifyAuditChain(db);
  const total = countTimeline(db, WHOLE_TIMELINE);
  onProgress?.({ phase: 'case', done: 1, total: 1 });

  const recorded = recordedDigests(db);
  const derived = deriveRecordDigests(db, (done) => onProgress?.({ phase: 'records', done, total }));
  let expected = 0;
  const recordProblems: string[] = [];
  for (const [fileId, entry] of recorded) {
    expected += entry.count;
    const found = derived.get(fileId) ?? { count: 0, digest: '' };
    if (found.count !== entry.count) {
      recordProblems.push(`evidence file ${fileId}: ${entry.count} records imported, ${found.count} in the case`);
    } else if (entry.count > 0 && found.digest !== entry.digest) {
      recordProblems.push(`evidence file ${fileId}: records edited since import (digest differs)`);
    }
  }
  for (const [fileId, found] of derived) {
    if (!recorded.has(fileId)) recordProblems.push(`evidence file ${fileId}: ${found.count} records the import log does not account for`);
  }

  const files = await checkFiles(db, paths, onProgress);
  const integrity = problems.length === 0 ? 'ok' : problems.join('; ');
  const auditChain = chain.length === 0 ? 'ok' : chain.join('; ');
  const ok =
    problems.length === 0 &&
    chain.length === 0 &&
    recordProblems.length === 0 &&
    files.every((file) => file.status === 'ok' || file.status === 'unverifiable');
  return {
    ok,
    case: { integrity, auditChain, head: auditHead(db) },
    files,
    records: { expected, found: total, ...(recordProblems.length ? { problems: recordProblems } : {}) },
  };
}

async function checkFiles(
  db: ReadonlyDb,
  paths: readonly string[],
  onProgress?: (progress: VerifyProgress) => void,
): Promise<VerifyReport['files']> {
  const recorded = listEvidence(db).filter((file) => file.parentId === null);
  if (paths.length === 0) return recorded.map((file) => ({ path: file.path, sha256: file.sha256, status: 'unverifiable' }));
  const found = await findEvidenceFiles([...paths]);
  const foundByHash = new Map<string, string>();
  const foundByName = new Map<string, string[]>();
  let done = 0;
  for (const file of found) {
    const { sha256 } = await hashFile(file.path);
    if (!foundByHash.has(sha256)) foundByHash.set(sha256, file.path);
    for (const key of nameKeys(file.path, paths)) foundByName.set(key, [...(foundByName.get(key) ?? []), file.path]);
    onProgress?.({ phase: 'files', done: ++done, total: found.length });
  }
  const results: VerifyReport['files'] = [];
  const accounted = new Set<string>();
  const recordedHashes = new Set(recorded.map((file) => file.sha256));
  for (const file of recorded) {
    const match = foundByHash.get(file.sha256);
    if (match) {
      accounted.add(match);
      results.push({ path: match, sha256: file.sha256, status: 'ok' });
      continue;
    }
    const sameName = nameKeys(file.path, []).flatMap((key) => foundByName.get(key) ?? []);
    const modified = sameName.find((path) => !accounted.has(path));
    if (modified) {
      accounted.add(modified);
      results.push({ path: modified, sha256: file.sha256, status: 'modified' });
    } else {
      results.push({ path: file.path, sha256: file.sha256, status: 'missing' });
    }
  }
  for (const [sha256, path] of foundByHash) {
    if (!accounted.has(path) && !recordedHashes.has(sha256)) results.push({ path, sha256, status: 'extra' });
  }
  return results;
}

/**
 * Names under which a file can be recognised after a copy or move: its path below the given
 * folder, and its last two and last one path segments.
 */
function nameKeys(path: string, roots: readonly string[]): string[] {
  const parts = path.split(sep);
  const keys = [parts.slice(-2).join('/'), basename(path)];
  for (const root of roots) {
    const below = relative(root, path);
    if (below && !below.startsWith('..')) keys.unshift(below.split(sep).join('/'));
  }
  return keys;
}
