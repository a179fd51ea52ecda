import type { EvidenceFileInfo, EvidenceStatus, IngestStatus } from '../../../preload/contract/api';

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

/** How many files (and bytes) per status and per format: the custody summary. */
export interface EvidenceTotals {
  files: number;
  bytes: number;
  records: number;
  byStatus: { status: EvidenceStatus; files: number }[];
  byFormat: { format: string; files: number }[];
}

/** Statuses in the order the summary lists them: what was read, then what needs a look. */
const STATUS_ORDER: readonly EvidenceStatus[] = [
  'ingested',
  'partial',
  'failed',
  'unsupported',
  'duplicate',
  'recorded',
];

export function evidenceTotals(files: readonly EvidenceFileInfo[]): EvidenceTotals {
  const byStatus = new Map<EvidenceStatus, number>();
  const byFormat = new Map<string, number>();
  let bytes = 0;
  let records = 0;
  for (const file of files) {
    byStatus.set(file.status, (byStatus.get(file.status) ?? 0) + 1);
    const format = file.format ?? 'unknown';
    byFormat.set(format, (byFormat.get(format) ?? 0) + 1);
    bytes += file.bytes;
    records += file.records;
  }
  return {
    files: files.length,
    bytes,
    records,
    byStatus: STATUS_ORDER.filter((status) => byStatus.has(status)).map((status) => ({
      status,
      files: byStatus.get(status) ?? 0,
    })),
    byFormat: [...byFormat]
      .map(([format, count]) => ({ format, files: count }))
      .sort((a, b) => b.files - a.files || a.format.localeCompare(b.format)),
  };
}

/** Columns the inventory sorts by. */
export type EvidenceSortKey = 'tree' | 'path' | 'status' | 'format' | 'bytes' | 'records' | 'importedAt';

/**
 * The inventory rows to show: matching `search` (case-insensitive, in path, format, status, hash
 * or importer) and in the chosen order; `tree` keeps archive nesting, the rest sort flat.
 */
export function inventoryRows(
  files: readonly EvidenceFileInfo[],
  search: string,
  sort: EvidenceSortKey,
  descending = false,
): EvidenceRow[] {
  const needle = search.trim().toLowerCase();
  const matches = (file: EvidenceFileInfo) =>
    needle === '' ||
    [file.path, file.format ?? '', file.status, file.sha256, file.importedBy ?? ''].some((text) =>
      text.toLowerCase().includes(needle),
    );
  if (sort === 'tree') {
    const rows = evidenceTree(files);
    return needle === '' ? rows : rows.filter((row) => matches(row.file));
  }
  const key = (file: EvidenceFileInfo): string | number => {
    switch (sort) {
      case 'path':
        return file.path;
      case 'status':
        return file.status;
      case 'format':
        return file.format ?? '';
      case 'bytes':
        return file.bytes;
      case 'records':
        return file.records;
      case 'importedAt':
        return file.importedAt;
    }
  };
  const sign = descending ? -1 : 1;
  return files
    .filter(matches)
    .map((file) => ({ file, depth: 0 }))
    .sort((a, b) => {
      const x = key(a.file);
      const y = key(b.file);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sign * order || a.file.id - b.file.id;
    });
}
