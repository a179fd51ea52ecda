import type { VirtualField } from '../analysis/query/index.js';
import { buildLineage, type Lineage } from '../analysis/lineage/lineage.js';
import type { ReadonlyDb } from '../store/open-case.js';
import { countFromRollup } from '../store/queries/histogram.js';
import { caseTrailEvents } from './identity.js';

/** One lineage per case connection, rebuilt when the timeline grew (an import finished). */
const cache = new WeakMap<ReadonlyDb, { rows: number; lineage: Lineage }>();

function lineageOf(db: ReadonlyDb): Lineage {
  const rows = countFromRollup(db) ?? 0;
  const cached = cache.get(db);
  if (cached && cached.rows === rows) return cached.lineage;
  const lineage = buildLineage(caseTrailEvents(db));
  cache.set(db, { rows, lineage });
  return lineage;
}

/**
 * `rootCredential:AKIA…` — events made with any key whose chain of sessions starts at that
 * credential (the leaked key and every session it minted, hop by hop). A key *created* by a
 * compromised principal starts its own chain: it is found through the graph, not here.
 */
export function rootCredentialField(db: ReadonlyDb): VirtualField {
  return (value, op) => {
    if (op !== '=') throw new Error('rootCredential takes an access key id or console login (no wildcards or ranges)');
    const keys = lineageOf(db).keysWithRoot(value);
    if (keys.length === 0) return { sql: '0', params: [] };
    return {
      sql: `events.id IN (SELECT id FROM cloudtrail_events WHERE access_key_id IN (${keys.map(() => '?').join(', ')}))`,
      params: keys,
    };
  };
}
