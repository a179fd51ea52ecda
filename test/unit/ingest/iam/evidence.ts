import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Public sample evidence (see /work/shared/evidence/MANIFEST.md). */
export const EVIDENCE_DIR = path.resolve(import.meta.dirname, '../../../../../shared/evidence');

/** A sample file's text. */
export function evidenceText(relativePath: string): string {
  return readFileSync(path.join(EVIDENCE_DIR, relativePath), 'utf8');
}

/** A sample file parsed as JSON. */
export function evidenceJson(relativePath: string): unknown {
  return JSON.parse(evidenceText(relativePath)) as unknown;
}
