import { createHash } from 'node:crypto';
import type { ReadonlyDb, WritableDb } from './open-case.js';
import { statement } from './statement-cache.js';

/** Who did something recorded in the audit log: the CLI, the desktop app, or a named analyst. */
export type Actor = string;

export interface AuditEntry {
  id: number;
  /** Milliseconds since the epoch, UTC. */
  at: number;
  actor: Actor;
  action: string;
  /** JSON text. */
  detail: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, at: number, actor: string, action: string, detail: string): string {
  return createHash('sha256').update(`${prevHash}\n${at}\n${actor}\n${action}\n${detail}`).digest('hex');
}

/** Appends one entry, chained to the previous one's hash so that edits and deletions show. */
export function appendAudit(db: WritableDb, actor: Actor, action: string, detail: unknown): void {
  const previous = statement(db, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).get() as
    { hash: string } | undefined;
  const prevHash = previous?.hash ?? GENESIS;
  const at = Date.now();
  const detailJson = JSON.stringify(detail ?? null);
  statement(db, `INSERT INTO audit_log(at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)`).run(
    at,
    actor,
    action,
    detailJson,
    prevHash,
    entryHash(prevHash, at, actor, action, detailJson),
  );
}

/** Walks the chain; returns the problems found (empty when the log is intact). */
export function verifyAuditChain(db: ReadonlyDb): string[] {
  const problems: string[] = [];
  let prevHash = GENESIS;
  const rows = db
    .prepare(`SELECT id, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY id`)
    .iterate() as Iterable<{
    id: number;
    at: number;
    actor: string;
    action: string;
    detail: string;
    prev_hash: string;
    hash: string;
  }>;
  for (const row of rows) {
    if (row.prev_hash !== prevHash)
      problems.push(`audit entry ${row.id}: chain broken (previous entry changed or removed)`);
    if (entryHash(row.prev_hash, row.at, row.actor, row.action, row.detail) !== row.hash) {
      problems.push(`audit entry ${row.id}: content does not match its hash (edited)`);
    }
    prevHash = row.hash;
  }
  return problems;
}

/** The log, oldest first (with `newest`, the last `limit` entries, still oldest first). */
export function listAudit(db: ReadonlyDb, limit = 1000, options: { newest?: boolean } = {}): AuditEntry[] {
  const sql = options.newest
    ? `SELECT * FROM (SELECT id, at, actor, action, detail, hash FROM audit_log ORDER BY id DESC LIMIT ?) ORDER BY id`
    : `SELECT id, at, actor, action, detail, hash FROM audit_log ORDER BY id LIMIT ?`;
  return db.prepare(sql).all(limit) as AuditEntry[];
}

/** The hash of the newest audit entry: note it, and deleting entries after it becomes detectable. */
export function auditHead(db: ReadonlyDb): string | null {
  return (db.prepare(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).get() as { hash: string } | undefined)?.hash ?? null;
}
