import type { EvidenceFileInfo, IngestStatus } from '../../../preload/contract/api';

/** One inventory line: a file and how deep it sits inside archives. */
export interface EvidenceRow {
  file: EvidenceFileInfo;
  depth: number;
}

/**
 * Orders the inventory as a tree: each archive followed by its members (by name), top-level files
 * by import time then name. Members whose archive is missing are shown at the top level.
 */
export function evidenceTree(files: readonly EvidenceFileInfo[]): EvidenceRow[] {
  const byId = new Map(files.map((file) => [file.id, file]));
  const children = new Map<number | null, EvidenceFileInfo[]>();
  for (const file of files) {
    const parent = file.parentId !== null && byId.has(file.parentId) ? file.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(file);
    children.set(parent, siblings);
  }
  const rows: EvidenceRow[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number): void => {
    const siblings = [...(children.get(parent) ?? [])].sort((a, b) =>
      parent === null ? a.importedAt - b.importedAt || a.path.localeCompare(b.path) : a.name.localeCompare(b.name),
    );
    for (const file of siblings) {
      if (seen.has(file.id)) continue; // a cycle would be a bug upstream; never loop on it
      seen.add(file.id);
      rows.push({ file, depth });
      visit(file.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

export interface IngestProgress {
  /** 0..1 by bytes when known, else by files; null when nothing is known yet. */
  fraction: number | null;
  finished: boolean;
}

export function ingestProgress(status: IngestStatus): IngestProgress {
  const finished = status.state !== 'running';
  let fraction: number | null = null;
  if (status.bytesTotal > 0) fraction = status.bytesDone / status.bytesTotal;
  else if (status.filesTotal > 0) fraction = status.filesDone / status.filesTotal;
  if (fraction !== null) fraction = Math.min(Math.max(fraction, 0), 1);
  if (status.state === 'done') fraction = 1;
  return { fraction, finished };
}

/** Splits the free-text path box into paths: one per line (paths may contain spaces). */
export function parsePathList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
