import type { LineageResult } from '../../../preload/contract/analysis';

/** One line of the lineage tree: a link of the chain (root first) or a created key/user branch. */
export interface LineageRow {
  id: string;
  /** Indent: the chain descends one level a link; a branch sits one level under the link it grew from. */
  depth: number;
  node: string;
  kind: string;
  principal: string | null;
  /** How it was reached: the link kind, when, and the proving event. */
  via: { kind: string; time: number; eventId: string | null; eventRowId: number | null } | null;
  branch: boolean;
}

/**
 * The credential chain as a vertical tree: root first, each link under the one before, and each
 * created key, user or login profile as a branch under the chain link that created it (or under
 * the last link when its creator is not on the chain).
 */
export function lineageRows(lineage: LineageResult): LineageRow[] {
  const rows: LineageRow[] = [];
  const depthOf = new Map<string, number>();
  const branches = new Map<string, LineageResult['created']>();
  const onChain = new Set(lineage.chain.map((link) => link.node));
  const last = lineage.chain[lineage.chain.length - 1]?.node ?? null;
  for (const created of lineage.created) {
    const parent = onChain.has(created.from) ? created.from : last;
    if (parent === null) continue;
    const list = branches.get(parent) ?? [];
    list.push(created);
    branches.set(parent, list);
  }
  lineage.chain.forEach((link, index) => {
    depthOf.set(link.node, index);
    rows.push({
      id: `chain:${index}:${link.node}`,
      depth: index,
      node: link.node,
      kind: link.kind,
      principal: link.principal,
      via: link.via
        ? { kind: link.via.kind, time: link.via.time, eventId: link.via.eventId, eventRowId: link.via.eventRowId }
        : null,
      branch: false,
    });
    const grown = [...(branches.get(link.node) ?? [])].sort((a, b) => a.time - b.time);
    grown.forEach((created, offset) => {
      rows.push({
        id: `created:${index}:${offset}:${created.to}`,
        depth: index + 1,
        node: created.to,
        kind: created.kind,
        principal: null,
        via: { kind: created.kind, time: created.time, eventId: created.eventId, eventRowId: null },
        branch: true,
      });
    });
  });
  return rows;
}
