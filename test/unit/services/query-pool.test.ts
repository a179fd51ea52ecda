import { afterEach, describe, expect, it } from 'vitest';
import { QueryPool } from '../../../main/services/query-pool.js';
import type { ReadOperation } from '../../../main/services/read-queries.js';

// The workers run the generic operations of query-pool-handlers.fixture.ts instead of the case's
// read queries, so these tests hold whatever the store schema becomes.
const handlersModule = new URL('./query-pool-handlers.fixture.ts', import.meta.url);
const pools: QueryPool[] = [];

function pool(options: { size?: number; timeoutMs?: number } = {}): { pool: QueryPool; logs: string[] } {
  const logs: string[] = [];
  const created = new QueryPool('/nonexistent/case.cairn', { handlersModule, log: (line) => logs.push(line), ...options });
  pools.push(created);
  return { pool: created, logs };
}

const run = (p: QueryPool, operation: string, payload: unknown = {}, requestId?: string) =>
  p.run(operation as ReadOperation, payload, requestId);

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('QueryPool', () => {
  it('answers a query and reports a handler error as an error', async () => {
    const { pool: p } = pool();
    await expect(run(p, 'echo', { a: 1 })).resolves.toEqual({ a: 1 });
    await expect(run(p, 'fail')).rejects.toMatchObject({ code: 'internal', message: 'handler failed' });
    await expect(run(p, 'no-such-operation')).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('answers with an error when the result is too deeply nested to copy back, and keeps answering', async () => {
    const { pool: p } = pool({ size: 1 });
    // Twice: the reported failure mode was that two such results jammed every later read.
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(run(p, 'nested', { depth: 5000 })).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringMatching(/could not be (sent back|received)/),
      });
    }
    await expect(run(p, 'echo', 'still here')).resolves.toBe('still here');
    // Node serializes this depth in the worker but cannot deserialize it here ('messageerror');
    // a value the worker cannot serialize at all is caught there and answered as an error too.
    await expect(run(p, 'uncloneable')).rejects.toMatchObject({
      message: expect.stringMatching(/could not be sent back \(DataCloneError/),
    });
    // A modest depth is copied fine: the limit is about the clone stack, not nesting as such.
    await expect(run(p, 'nested', { depth: 50 })).resolves.toHaveProperty('child.child.child');
  });

  it('ends a query over the time limit with a timeout error and answers the next one', async () => {
    const { pool: p, logs } = pool({ size: 1, timeoutMs: 300 });
    const started = Date.now();
    await expect(run(p, 'spin', { ms: 60_000 })).rejects.toMatchObject({
      code: 'internal',
      message: 'query timed out after 300 ms (spin)',
    });
    expect(Date.now() - started).toBeLessThan(30_000); // far below the 60 s spin, whatever the load
    await expect(run(p, 'echo', 1)).resolves.toBe(1);
    expect(logs.some((line) => line.includes('timed out'))).toBe(true);
  });

  it('does not let two slow queries block the other reads for longer than the limit', async () => {
    const { pool: p } = pool({ size: 2, timeoutMs: 400 });
    // Settled at once so their (expected) rejections are observed whenever they come.
    const slow = [run(p, 'spin', { ms: 60_000 }), run(p, 'spin', { ms: 60_000 })].map((query) =>
      query.then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    const started = Date.now();
    await expect(run(p, 'echo', 'after')).resolves.toBe('after');
    expect(Date.now() - started).toBeLessThan(30_000); // far below the 60 s spin, whatever the load
    expect(await Promise.all(slow)).toEqual(['query timed out after 400 ms (spin)', 'query timed out after 400 ms (spin)']);
  });

  it('cancels a running query by request id and replaces its worker', async () => {
    const { pool: p } = pool({ size: 1 });
    const running = run(p, 'spin', { ms: 10_000 }, 'r-1');
    const queued = run(p, 'echo', 'queued', 'r-2');
    // Let the first query reach the worker before cancelling it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(p.cancel('r-1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    await expect(queued).resolves.toBe('queued');
    expect(p.cancel('r-1')).toBe(false);
  });

  it('answers with an error when the worker dies mid-query, then recovers', async () => {
    const { pool: p } = pool({ size: 1 });
    await expect(run(p, 'crash')).rejects.toMatchObject({ message: 'query worker exited with code 3' });
    await expect(run(p, 'echo', 2)).resolves.toBe(2);
  });
});

describe('QueryPool over a real case path', () => {
  it('answers every query with an error when the case cannot be opened (instead of hanging)', async () => {
    const p = new QueryPool('/nonexistent/dir/case.cairn', { size: 1, log: () => {} });
    pools.push(p);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(run(p, 'countEvents', {})).rejects.toMatchObject({ code: 'internal' });
    }
  });
});
