import type { EvidenceFileInfo } from '../../../preload/contract/api.js';
import type { ReadonlyDb, WritableDb } from '../open-case.js';
import { statement } from '../statement-cache.js';

/** How a received file ended up: see the evidence_files table. */
export type EvidenceStatus = EvidenceFileInfo['status'];

/** A problem in a file: "line 12", "record 5", or "file" for the file as a whole. */
export type RecordError = EvidenceFileInfo['errors'][number];

/** One row of the chain-of-custody inventory (the contract's shape, plus the import it came in). */
export interface EvidenceFile extends EvidenceFileInfo {
  importId: number | null;
}

interface EvidenceRow {
  id: number;
  parent_id: number | null;
  path: string;
  name: string;
  bytes: number;
  sha256: string;
  format: string | null;
  imported_at: number;
  import_id: number | null;
  status: EvidenceStatus;
  records: number;
  inserted: number;
  duplicates: number;
  errors: string;
  imported_by: string | null;
}

function fromRow(row: EvidenceRow): EvidenceFile {
  return {
    id: row.id,
    parentId: row.parent_id,
    path: row.path,
    name: row.name,
    bytes: row.bytes,
    sha256: row.sha256,
    format: row.format,
    importedAt: row.imported_at,
    importId: row.import_id,
    importedBy: row.imported_by ?? null,
    status: row.status,
    records: row.records,
    inserted: row.inserted,
    duplicates: row.duplicates,
    errors: JSON.parse(row.errors) as RecordError[],
  };
}

export interface EvidenceReceipt {
  parentId: number | null;
  path: string;
  name: string;
  bytes: number;
  sha256: string;
  importId: number;
}

/**
 * Records a file as received (or received again): one row per (path, sha256). Returns its id.
 * The row starts as 'failed' with no counts until `finishEvidence` says otherwise.
 */
export function receiveEvidence(db: WritableDb, receipt: EvidenceReceipt): number {
  const existing = statement(db, `SELECT id FROM evidence_files WHERE path = ? AND sha256 = ?`).get(
    receipt.path,
    receipt.sha256,
  ) as { id: number } | undefined;
  const now = Date.now();
  if (existing) {
    statement(db, `UPDATE evidence_files SET imported_at = ?, import_id = ?, parent_id = ? WHERE id = ?`).run(
      now,
      receipt.importId,
      receipt.parentId,
      existing.id,
    );
    return existing.id;
  }
  const result = statement(
    db,
    `INSERT INTO evidence_files(parent_id, path, name, bytes, sha256, imported_at, import_id, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'failed')`,
  ).run(receipt.parentId, receipt.path, receipt.name, receipt.bytes, receipt.sha256, now, receipt.importId);
  return Number(result.lastInsertRowid);
}

export interface EvidenceOutcome {
  format: string | null;
  status: EvidenceStatus;
  records: number;
  inserted: number;
  duplicates: number;
  errors: RecordError[];
}

/** Stores how the file's import ended. */
export function finishEvidence(db: WritableDb, id: number, outcome: EvidenceOutcome): void {
  statement(
    db,
    `UPDATE evidence_files SET format = ?, status = ?, records = ?, inserted = ?, duplicates = ?, errors = ?
     WHERE id = ?`,
  ).run(
    outcome.format,
    outcome.status,
    outcome.records,
    outcome.inserted,
    outcome.duplicates,
    JSON.stringify(outcome.errors),
    id,
  );
}

/**
 * A completed import of the same bytes (same SHA-256, any path): re-reading it cannot add events.
 */
export function findCompletedBySha256(db: ReadonlyDb, sha256: string): EvidenceFile | null {
  const row = statement(
    db,
    `SELECT *, NULL AS imported_by FROM evidence_files WHERE sha256 = ? AND status IN ('ingested', 'partial', 'recorded')
       ORDER BY id LIMIT 1`,
  ).get(sha256) as EvidenceRow | undefined;
  return row ? fromRow(row) : null;
}

const WITH_IMPORTER = `SELECT evidence_files.*, imports.actor AS imported_by FROM evidence_files
  LEFT JOIN imports ON imports.id = evidence_files.import_id`;

/** The whole inventory in the order received. */
export function listEvidence(db: ReadonlyDb): EvidenceFile[] {
  return (statement(db, `${WITH_IMPORTER} ORDER BY evidence_files.id`).all() as EvidenceRow[]).map(fromRow);
}

/** One evidence file by id, or null. */
export function getEvidenceFile(db: ReadonlyDb, id: number): EvidenceFile | null {
  const row = statement(db, `${WITH_IMPORTER} WHERE evidence_files.id = ?`).get(id) as EvidenceRow | undefined;
  return row ? fromRow(row) : null;
}
