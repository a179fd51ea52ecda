/** A piece of SQL with its `?` parameters, in order. User text only ever travels in `params`. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/**
 * How a virtual field is being asked: `=` exact, `like` (value is a LIKE pattern for `ESCAPE '\'`),
 * `present` (`field:*`, value ''), or a comparison (ranges arrive as two comparisons).
 */
export type VirtualFieldOp = '=' | 'like' | 'present' | '<' | '<=' | '>' | '>=';

/**
 * A caller-supplied field (e.g. `starred:true`, `tag:NAME`): a boolean SQL expression over the
 * `events` table for one value. Throw an Error with a message for the user to reject a value.
 */
export type VirtualField = (value: string, op: VirtualFieldOp) => SqlFragment;

/** Options shared by the parser (which only needs the names) and the compiler. */
export interface QueryOptions {
  /** Extra fields by name (matched case-insensitively); may not reuse a normalized field name or alias. */
  readonly virtualFields?: Readonly<Record<string, VirtualField>>;
  /**
   * Says whether a full-text query (FTS5 syntax, as compiled) matches a large share of the case.
   * Such a term is then tested row by row while the caller's ORDER BY index drives the scan, which
   * finds the first page of a common word at once; rare words keep driving the plan themselves.
   */
  readonly isCommonText?: (ftsQuery: string) => boolean;
}
