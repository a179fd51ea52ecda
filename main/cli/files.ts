import { parseVerbArgs } from './args.js';
import { UsageError, EXIT } from './usage-error.js';
import { formatBytes, renderTable, type Output } from './output.js';
import { openCase } from '../store/open-case.js';
import { listEvidence } from '../store/queries/evidence.js';

export const filesUsage = [
  'cairn files CASE [--json]',
  '  the evidence inventory (chain of custody): id, SHA-256, size, format, status, records, errors, path',
  '  status: ingested | partial | failed | unsupported (recognised, not read yet) | recorded | duplicate',
  '  e.g. cairn files case.cairn --json | jq -r \'.[] | select(.status=="failed") | .path\'',
].join('\n');

/** `cairn files`: the evidence inventory with hashes (chain of custody). */
export function filesCommand(argv: string[], io: Output): number {
  const { values, positionals } = parseVerbArgs(argv, { json: { type: 'boolean' } });
  const [casePath] = positionals;
  if (!casePath || positionals.length > 1) throw new UsageError(`usage: ${filesUsage}`);
  const db = openCase(casePath, { readonly: true });
  try {
    const files = listEvidence(db);
    if (values.json) {
      io.out(
        JSON.stringify({
          case: casePath,
          files: files.map((file) => ({
            id: file.id,
            parentId: file.parentId,
            path: file.path,
            name: file.name,
            sha256: file.sha256,
            bytes: file.bytes,
            format: file.format,
            status: file.status,
            records: file.records,
            inserted: file.inserted,
            duplicates: file.duplicates,
            importedAt: new Date(file.importedAt).toISOString(),
            errors: file.errors,
          })),
        }),
      );
      return EXIT.ok;
    }
    const rows = files.map((file) => [
      String(file.id),
      file.sha256,
      formatBytes(file.bytes),
      file.format ?? '-',
      file.status,
      String(file.records),
      String(file.errors.length),
      file.path,
    ]);
    for (const line of renderTable(['id', 'sha256', 'size', 'format', 'status', 'records', 'errors', 'path'], rows, 200)) {
      io.out(line);
    }
    return EXIT.ok;
  } finally {
    db.close();
  }
}
