import { describe, expect, it } from 'vitest';
import { SNAPSHOT_FORMATS } from '../../main/ingest/formats.js';
import { IAM_SNAPSHOT_FORMATS } from '../../main/ingest/sources/iam/snapshot-formats.js';
import { NETWORK_SNAPSHOT_FORMATS } from '../../main/ingest/sources/network/snapshot-formats.js';
import { MAX_HEAP_GROWTH, cases, loadSeeds, runsOr, type Violation } from './harness.js';

// Snapshot parsers read a whole document: a malformed one must be refused with a message (the
// pipeline files it under "document"), never by a programming error, and what they return must be
// resource states the store can take.

const SEEDS = loadSeeds();
const SNAPSHOT_SEEDS = SNAPSHOT_FORMATS.flatMap((format) => SEEDS.get(format.id) ?? []);
const RUNS = runsOr(12);

/** Errors that mean a bug, not a bad document. */
const PROGRAMMING_ERRORS = [TypeError, ReferenceError];

describe.each([...IAM_SNAPSHOT_FORMATS, ...NETWORK_SNAPSHOT_FORMATS].map((format) => [format.id, format] as const))(
  'read: %s',
  (id, format) => {
    it(`refuses or reads ${RUNS} mutated documents cleanly`, { timeout: 120_000 }, () => {
      const own = SEEDS.get(id) ?? [];
      const violations: Violation[] = [];
      let read = 0;
      for (const { seed, data, mutations } of cases(id, own.length > 0 ? own : SNAPSHOT_SEEDS, SNAPSHOT_SEEDS, RUNS)) {
        const baseline = process.memoryUsage().heapUsed;
        let problem: string | null = null;
        try {
          const resources = format.read(data.toString('utf8').replace(/^\ufeff/, ''), { capturedAt: 1715328000000, fileKey: 'f'.repeat(64) });
          read += 1;
          for (const resource of resources) {
            if (typeof resource.kind !== 'string' || resource.kind === '') problem ??= 'resource without a kind';
            if (typeof resource.resourceId !== 'string' || resource.resourceId === '') problem ??= 'resource without an id';
            if (!Number.isFinite(resource.capturedAt)) problem ??= 'capture time not finite';
            if (typeof resource.locator !== 'string' || resource.locator === '') problem ??= 'resource without a locator';
            JSON.stringify(resource.document);
          }
        } catch (error) {
          if (!(error instanceof Error) || error.message.trim() === '') problem = 'refused without a message';
          else if (PROGRAMMING_ERRORS.some((kind) => error instanceof kind)) problem = `crash: ${error.name}: ${error.message}`;
        }
        if (process.memoryUsage().heapUsed - baseline > MAX_HEAP_GROWTH) problem ??= 'heap grew by more than 64 MiB';
        if (problem !== null) violations.push({ target: id, seed, mutations, problem });
      }
      expect(violations).toEqual([]);
      expect(read).toBeGreaterThanOrEqual(0);
    });
  },
);
