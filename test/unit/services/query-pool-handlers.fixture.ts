// Operations injected into query workers by query-pool tests (QueryPoolOptions.handlersModule):
// generic shapes of trouble, no database, so the tests do not depend on the case schema.

/** An object nested `depth` levels deep: `{ child: { child: … } }`, like a hostile CloudTrail record. */
function nested(depth: number): unknown {
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 0; level < depth; level++) value = { child: value };
  return value;
}

export const operations: Record<string, (payload: unknown) => unknown> = {
  echo: (payload) => payload,
  nested: (payload) => nested((payload as { depth: number }).depth),
  /** Blocks the worker thread (as a runaway SQLite query would) for `ms`, then answers. */
  spin: (payload) => {
    const until = Date.now() + (payload as { ms: number }).ms;
    while (Date.now() < until) {
      // busy: the thread cannot look at its messages meanwhile
    }
    return 'done';
  },
  /** Not structured-cloneable (a function): postMessage throws in the worker itself. */
  uncloneable: () => ({ callback: () => 1 }),
  fail: () => {
    throw new Error('handler failed');
  },
  crash: () => process.exit(3),
};
