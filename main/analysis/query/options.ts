import type { SourceFieldType } from '../../core/source-descriptor.js';

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
 * filtered rows (aliased `events`; `events.id` is the timeline id) for one value. Throw an Error with a message for the user to reject a value.
 */
export type VirtualField = (value: string, op: VirtualFieldOp) => SqlFragment;

/** A field the query language knows: its canonical name, how it compares, its other spellings. */
export interface QueryFieldInfo {
  readonly name: string;
  readonly type: SourceFieldType;
  readonly aliases: readonly string[];
}

/** The fields a query may name (every source's and the timeline's); see core/source-registry. */
export interface FieldCatalog {
  /** A field as typed (any case, or an alias), or null when unknown. */
  resolve(typed: string): QueryFieldInfo | null;
  catalog(): readonly QueryFieldInfo[];
}

/**
 * The rows a compiled condition runs over (always aliased `events` in SQL): one source's detail
 * table, where `source` is a constant, or the timeline spine (`source` is then null).
 */
export interface QueryTarget {
  readonly source: string | null;
  /** Column and type of a field on these rows, or null when they never have it (matches nothing). */
  column(
    name: string,
  ): {
    readonly column: string;
    readonly type: SourceFieldType;
    /** `ip` fields: the column of the address keys, and whether it is indexed (exact addresses then seek on it). */
    readonly ipKey?: string;
    readonly ipKeyIndexed?: boolean;
    readonly normalize?: (typed: string) => string;
  } | null;
}

/** Options shared by the parser (which only needs the names) and the compiler. */
export interface QueryOptions {
  /** The normalized fields (required to parse field terms; the registry of sources provides it). */
  readonly catalog?: FieldCatalog;
  /** Extra fields by name (matched case-insensitively); may not reuse a normalized field name or alias. */
  readonly virtualFields?: Readonly<Record<string, VirtualField>>;
  /**
   * Says whether a full-text query (FTS5 syntax, as compiled) matches a large share of the case.
   * Such a term is then tested row by row while the caller's ORDER BY index drives the scan, which
   * finds the first page of a common word at once; rare words keep driving the plan themselves.
   */
  readonly isCommonText?: (ftsQuery: string) => boolean;
}
