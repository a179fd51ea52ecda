import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import yazl from 'yazl';
import { ingestPaths } from '../../main/ingest/pipeline.js';
import { openCase, type WritableDb } from '../../main/store/open-case.js';
import { listEvidence } from '../../main/store/queries/evidence.js';
import { seededRandom } from '../unit/ingest/test-helpers.js';
import { FUZZ_SEED, LOCATOR, loadSeeds, runsOr } from './harness.js';
import { mutate, pick } from './mutate.js';

// Mutated evidence end to end: the import must finish, every file (and archive member) must have
// its custody row with a located outcome, and the case file must stay sound.

const FILES = runsOr(24);

function zipOf(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const archive = new yazl.ZipFile();
    for (const entry of entries) archive.addBuffer(entry.data, entry.name);
    const chunks: Buffer[] = [];
    archive.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    archive.end();
  });
}

let dir: string;
let db: WritableDb;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-fuzz-e2e-'));
  db = openCase(join(dir, 'case.cairn'), { create: true });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mutated files through ingestPaths', () => {
  it(`imports ${FILES} damaged files (plain, gzip, zip) to the end, with custody for each`, { timeout: 120_000 }, async () => {
    const random = seededRandom(FUZZ_SEED ^ 0xe2e);
    const seeds = [...loadSeeds().values()].flat();
    const evidence = join(dir, 'evidence');
    mkdirSync(evidence);
    const written: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const { data } = mutate(pick(random, seeds), random, seeds);
      const roll = random();
      let name = `f${i}.json`;
      let bytes: Buffer = data;
      if (roll < 0.3) {
        name += '.gz';
        const gz = gzipSync(data);
        // Some gzips damaged after compression too (cut, flipped, junk appended).
        bytes = random() < 0.5 ? gz : mutate(gz, random, []).data;
      } else if (roll < 0.45) {
        name = `f${i}.zip`;
        const zip = await zipOf([{ name: 'a.json', data }, { name: 'b.json', data: mutate(pick(random, seeds), random, seeds).data }]);
        bytes = random() < 0.5 ? zip : mutate(zip, random, []).data;
      }
      writeFileSync(join(evidence, name), bytes);
      written.push(join(evidence, name));
    }
    const summary = await ingestPaths(db, [evidence], { maxRecordBytes: 1024 * 1024 });
    expect(summary.cancelled).toBe(false);
    expect(db.prepare('SELECT status FROM imports WHERE id = ?').get(summary.importId)).toEqual({ status: 'done' });
    const custody = listEvidence(db);
    for (const path of written) expect(custody.some((file) => file.path === path)).toBe(true);
    for (const file of summary.files) {
      for (const error of file.errors) expect(error.location).toMatch(LOCATOR);
      if (file.status === 'failed') expect(file.errors.length).toBeGreaterThan(0);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
