import { existsSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import type { ReadonlyDb } from '../store/open-case.js';
import { verifyAuditChain } from '../store/audit.js';
import { listEvidence } from '../store/queries/evidence.js';
import { hashFile } from '../ingest/containers/hash.js';
import { findEvidenceFiles } from '../ingest/walk.js';

/** One original evidence file checked against what the case recorded. */
export interface VerifiedFile {
  path: string;
  /** ok: same bytes; mismatch: changed since import; missing: recorded but gone; unknown: never imported. */
  status: 'ok' | 'mismatch' | 'missing' | 'unknown';
  expected: string | null;
  actual: string | null;
  /** The path the case recorded for these bytes (may differ when evidence was moved). */
  recordedPath: string | null;
}

export interface VerifyReport {
  ok: boolean;
  integrity: string[];
  audit: string[];
  files: VerifiedFile[];
}

/**
 * Checks the case file (SQLite integrity, foreign keys, the audit chain and that every import is in
 * the audit log) and re-hashes the given evidence against the recorded SHA-256.
 */
export async function verifyCase(db: ReadonlyDb, paths: string[]): Promise<VerifyReport> {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .filter((message) => message !== 'ok');
  for (const row of db.pragma('foreign_key_check') as { table: string; rowid: number }[]) {
    integrity.push(`foreign key broken in ${row.table} row ${row.rowid}`);
  }
  const audit = verifyAuditChain(db);
  const unaudited = db
    .prepare(
      `SELECT id FROM imports WHERE id NOT IN (
         SELECT json_extract(detail, '$.importId') FROM audit_log WHERE action = 'ingest.start')`,
    )
    .all() as { id: number }[];
  for (const row of unaudited) audit.push(`import ${row.id} has no audit entry`);

  const recorded = listEvidence(db).filter((file) => file.parentId === null);
  const byPath = new Map(recorded.map((file) => [file.path, file]));
  const bySha = new Map(recorded.map((file) => [file.sha256, file]));
  const files: VerifiedFile[] = [];
  const seen = new Set<string>();
  for (const found of await findEvidenceFiles(paths)) {
    seen.add(found.path);
    const { sha256 } = await hashFile(found.path);
    const record = byPath.get(found.path);
    if (record) {
      files.push({
        path: found.path,
        status: record.sha256 === sha256 ? 'ok' : 'mismatch',
        expected: record.sha256,
        actual: sha256,
        recordedPath: record.path,
      });
      continue;
    }
    const moved = bySha.get(sha256);
    files.push({
      path: found.path,
      status: moved ? 'ok' : 'unknown',
      expected: moved?.sha256 ?? null,
      actual: sha256,
      recordedPath: moved?.path ?? null,
    });
  }
  // Recorded files that should be under the given folders but are gone.
  const folders = paths.filter((path) => existsSync(path) && statSync(path).isDirectory());
  for (const record of recorded) {
    if (seen.has(record.path)) continue;
    if (folders.some((folder) => record.path.startsWith(folder.endsWith(sep) ? folder : folder + sep))) {
      if (!existsSync(record.path)) {
        files.push({ path: record.path, status: 'missing', expected: record.sha256, actual: null, recordedPath: record.path });
      }
    }
  }
  const ok =
    integrity.length === 0 &&
    audit.length === 0 &&
    files.every((file) => file.status === 'ok' || file.status === 'unknown');
  return { ok, integrity, audit, files };
}
