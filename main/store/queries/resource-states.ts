import { createHash } from 'node:crypto';
import type { ReadonlyDb, WritableDb } from '../open-case.js';
import { statement } from '../statement-cache.js';

/** One captured state of a resource (a security group, an IAM authorization snapshot, …). Times ms UTC. */
export interface ResourceState {
  kind: string;
  resourceId: string;
  accountId: string | null;
  region: string | null;
  capturedAt: number;
  fileId: number;
  locator: string;
  /** JSON text. */
  document: string;
}

/** Stores a state unless the same state of the resource at the same capture time is already there; true when new. */
export function recordResourceState(db: WritableDb, state: ResourceState): boolean {
  const digest = createHash('sha256').update(state.document).digest('hex');
  const result = statement(
    db,
    `INSERT OR IGNORE INTO resource_states(kind, resource_id, account_id, region, captured_at, file_id, locator, document, digest)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(state.kind, state.resourceId, state.accountId, state.region, state.capturedAt, state.fileId, state.locator, state.document, digest);
  return result.changes > 0;
}

/** The newest state of every resource of the given kinds (all kinds when none are given), captured at or before `asOf`. */
export function latestResourceStates(db: ReadonlyDb, kinds: readonly string[] = [], asOf = Number.MAX_SAFE_INTEGER): ResourceState[] {
  const kindFilter = kinds.length > 0 ? `AND kind IN (${kinds.map(() => '?').join(', ')})` : '';
  return db
    .prepare(
      `SELECT kind, resource_id AS resourceId, account_id AS accountId, region, captured_at AS capturedAt, file_id AS fileId,
              locator, document
       FROM resource_states AS s
       WHERE captured_at <= ? ${kindFilter}
         AND id = (SELECT id FROM resource_states AS newer WHERE newer.kind = s.kind AND newer.resource_id = s.resource_id
                   AND newer.captured_at <= ? ORDER BY captured_at DESC, id DESC LIMIT 1)
       ORDER BY kind, resource_id`,
    )
    .all(asOf, ...kinds, asOf) as ResourceState[];
}
