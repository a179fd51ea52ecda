import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as HashModule from '../../../main/ingest/containers/hash.js';

// The first read (hashFile) sees other bytes than the parse read: as when the file changes in between.
vi.mock('../../../main/ingest/containers/hash.js', async (importOriginal) => {
  const real = await importOriginal<typeof HashModule>();
  return { ...real, hashFile: async () => ({ sha256: 'f'.repeat(64), bytes: 0 }) };
});

const { ingestPaths } = await import('../../../main/ingest/pipeline.js');
const { openCase } = await import('../../../main/store/open-case.js');
const { countMatches } = await import('../../helpers/timeline-queries.js');

const dir = mkdtempSync(join(tmpdir(), 'cairn-changed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a large file that changes while it is imported', () => {
  it('is failed with both hashes named, and nothing from it is kept', async () => {
    // Over the 4 MiB read-whole limit, so it is hashed first and parsed by streaming.
    const records = Array.from({ length: 3_000 }, (_, i) => ({
      eventVersion: '1.08',
      eventTime: '2024-03-01T10:00:00Z',
      eventSource: 's3.amazonaws.com',
      eventName: 'GetObject',
      eventID: `big-${i}`,
      requestParameters: { padding: 'x'.repeat(1500) },
    }));
    const path = join(dir, 'big.json');
    writeFileSync(path, JSON.stringify({ Records: records }));
    const db = openCase(join(dir, 'case.cairn'), { create: true });
    try {
      const summary = await ingestPaths(db, [path]);
      expect(summary.files[0]).toMatchObject({
        status: 'failed',
        errors: [{ location: 'file', message: expect.stringMatching(/changed while it was being imported \(SHA-256 f{64} when received, [0-9a-f]{64} when read\)/) }],
      });
      expect(countMatches(db, '')).toBe(0);
    } finally {
      db.close();
    }
  });
});
