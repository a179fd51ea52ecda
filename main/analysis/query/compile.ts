import type { SourceFieldType } from '../../core/source-descriptor.js';
import { cidrKeyRange, ipKey } from '../../core/ip-key.js';
import type { Comparator, FieldMatch, FieldNode, QueryNode, Span } from './ast.js';
import { FTS_MATCH_IN_ORDER_SQL, FTS_MATCH_SQL, FTS_NOT_MATCH_SQL, ftsPhrase } from './fts-phrase.js';
import { LIKE_ESCAPE, escapeLike, likePattern } from './like-pattern.js';
import type { QueryOptions, QueryTarget, VirtualFieldOp } from './options.js';
import { QuerySyntaxError } from './syntax-error.js';
import { parseTimeInterval } from './time-value.js';
import type { TimeInterval } from './time-value.js';

/** A boolean SQL expression over the target's rows (aliased `events`) and its parameters; `'1'` matches everything, `'0'` nothing. */
export interface CompiledQuery {
  where: string;
  params: (string | number | Buffer)[];
}

/**
 * Compiles a parsed query to parameterised SQL: user text only ever travels in `params`, column
 * names only come from core/fields. `NOT x` is true wherever `x` is not (rows where the field is
 * NULL included). Throws QuerySyntaxError when a virtual field rejects its value.
 */
export function compileQuery(ast: QueryNode, target: QueryTarget, options: QueryOptions = {}): CompiledQuery {
  const { sql, params } = compileNode(ast, { ...options, target });
  return { where: sql, params: [...params] };
}

type CompileOptions = QueryOptions & { readonly target: QueryTarget };

/** SQL for one node. `nullable`: may be NULL rather than false; `ftsQuery`: it is one FTS MATCH. */
interface Fragment {
  readonly sql: string;
  readonly params: readonly (string | number | Buffer)[];
  readonly nullable: boolean;
  readonly ftsQuery?: string;
}

const MATCH_ALL: Fragment = { sql: '1', params: [], nullable: false };
const MATCH_NONE: Fragment = { sql: '0', params: [], nullable: false };

function compileNode(node: QueryNode, options: CompileOptions): Fragment {
  switch (node.type) {
    case 'all':
      return MATCH_ALL;
    case 'text':
      return ftsFragment(ftsPhrase(node.text, node.prefix), options);
    case 'and':
    case 'or':
      return compileJunction(node.type, node.children, options);
    case 'not':
      return negate(compileNode(node.child, options));
    case 'field':
      return node.field.virtual ? compileVirtual(node, node.field.name, options) : compileField(node, options.target);
  }
}

function ftsFragment(ftsQuery: string, options: CompileOptions): Fragment {
  const sql = options.isCommonText?.(ftsQuery) ? FTS_MATCH_IN_ORDER_SQL : FTS_MATCH_SQL;
  return { sql, params: [ftsQuery], nullable: false, ftsQuery };
}

/** AND/OR. Full-text children are merged into one MATCH, placed where the first one was. */
function compileJunction(type: 'and' | 'or', children: readonly QueryNode[], options: CompileOptions): Fragment {
  const parts: (Fragment | 'fts')[] = [];
  const ftsQueries: string[] = [];
  for (const child of children) {
    const part = compileNode(child, options);
    // Constants: 1 is neutral under AND and decides an OR; 0 the other way round.
    const decisive = type === 'and' ? MATCH_NONE : MATCH_ALL;
    if (part === decisive) return decisive;
    if (part === MATCH_ALL || part === MATCH_NONE) continue;
    if (part.ftsQuery !== undefined) {
      if (ftsQueries.length === 0) parts.push('fts');
      ftsQueries.push(part.ftsQuery);
    } else {
      parts.push(part);
    }
  }
  const mergedFts = ftsQueries.length ? ftsFragment(ftsQueries.map(ftsGroup).join(` ${type.toUpperCase()} `), options) : null;
  const fragments = parts.map((part) => (part === 'fts' ? (mergedFts ?? MATCH_ALL) : part));
  if (fragments.length === 0) return type === 'and' ? MATCH_ALL : MATCH_NONE;
  if (fragments.length === 1 && fragments[0]) return fragments[0];
  return {
    sql: `(${fragments.map((fragment) => fragment.sql).join(` ${type.toUpperCase()} `)})`,
    params: fragments.flatMap((fragment) => fragment.params),
    nullable: fragments.some((fragment) => fragment.nullable),
  };
}

/** A merged FTS query in parentheses when it is more than one phrase, so it nests safely. */
function ftsGroup(ftsQuery: string): string {
  return /^"(?:[^"]|"")*"\*?$/.test(ftsQuery) ? ftsQuery : `(${ftsQuery})`;
}

/**
 * NOT. SQL's NOT keeps NULL as NULL, which would drop rows where the field is NULL from
 * `NOT field:x`; coalescing first makes "not matching" include them.
 */
function negate(inner: Fragment): Fragment {
  if (inner === MATCH_ALL) return MATCH_NONE;
  if (inner === MATCH_NONE) return MATCH_ALL;
  if (inner.ftsQuery !== undefined) {
    return { sql: FTS_NOT_MATCH_SQL, params: inner.params, nullable: false };
  }
  // Fragments with a top-level AND/OR come parenthesized, and NOT binds looser than comparisons.
  const sql = inner.nullable ? `NOT coalesce(${inner.sql}, 0)` : `NOT ${inner.sql}`;
  return { sql, params: inner.params, nullable: false };
}

/**
 * A field the target's rows never have matches nothing (so `NOT field:x` matches them all, like a
 * NULL). On a source's detail table `source` is that source's id, a constant.
 */
function compileField(node: FieldNode, target: QueryTarget): Fragment {
  const name = node.field.name;
  if (name === 'source' && target.source !== null) {
    if (!/^[a-z0-9-]+$/.test(target.source)) throw new Error(`source id "${target.source}" is not plain`);
    return compileText(`'${target.source}'`, node.match);
  }
  const spec = target.column(name);
  if (!spec) return MATCH_NONE;
  const match = spec.normalize ? normalizeMatch(node.match, spec.normalize) : node.match;
  const fragment =
    spec.type === 'ip' && spec.ipKey
      ? compileIp(`events.${spec.column}`, `events.${spec.ipKey}`, match, spec.ipKeyIndexed === true)
      : COMPILE_BY_KIND[spec.type](`events.${spec.column}`, match, node.valueSpan);
  if (fragment) return fragment;
  // The parser rejects these combinations; reaching here means the AST was built by hand.
  throw new QuerySyntaxError(`${name} cannot be matched that way`, node.span.start, node.span.end - node.span.start);
}

function compileBool(column: string, match: FieldMatch): Fragment | null {
  if (match.op === 'present') return leaf(`${column} IS NOT NULL`, [], false);
  if (match.op === 'equals') return leaf(`${column} = ?`, [match.value === 'true' ? 1 : 0]);
  return null;
}

/** Any element equal to (or LIKE) the value; NOCASE like the text columns. Never NULL. */
function compileJsonArray(column: string, match: FieldMatch): Fragment | null {
  const elements = `SELECT 1 FROM json_each(${column})`;
  switch (match.op) {
    case 'present':
      return leaf(`EXISTS (${elements})`, [], false);
    case 'equals':
      return leaf(`EXISTS (${elements} WHERE json_each.value = ? COLLATE NOCASE)`, [match.value], false);
    case 'wildcard':
      return leaf(
        `EXISTS (${elements} WHERE json_each.value LIKE ? ${LIKE_ESCAPE})`,
        [likePattern(match.pieces)],
        false,
      );
    default:
      return null;
  }
}

/** JSON text: exact equality is useless, so a value or pattern matches anywhere in it ("contains"). */
function compileJson(column: string, match: FieldMatch): Fragment | null {
  switch (match.op) {
    case 'present':
      return leaf(`(${column} IS NOT NULL AND ${column} NOT IN ('', 'null', '{}', '[]'))`, [], false);
    case 'equals':
      return leaf(`${column} LIKE ? ${LIKE_ESCAPE}`, [`%${escapeLike(match.value)}%`]);
    case 'wildcard':
      return leaf(`${column} LIKE ? ${LIKE_ESCAPE}`, [`%${likePattern(match.pieces)}%`]);
    default:
      return null;
  }
}

// Text columns are NOCASE (so these use their indexes), except `source`; saying it keeps every
// text comparison case-insensitive. LIKE is case-insensitive for ASCII on its own.
function compileText(column: string, match: FieldMatch): Fragment {
  const compare = (operator: string, value: string) => leaf(`${column} ${operator} ? COLLATE NOCASE`, [value]);
  switch (match.op) {
    case 'present':
      return leaf(`(${column} IS NOT NULL AND ${column} <> '')`, [], false);
    case 'equals':
      return compare('=', match.value);
    case 'wildcard':
      return leaf(`${column} LIKE ? ${LIKE_ESCAPE}`, [likePattern(match.pieces)]);
    case 'compare':
      return compare(match.comparator, match.value);
    case 'range': {
      const conditions: Fragment[] = [];
      if (match.lower) conditions.push(compare(match.lower.inclusive ? '>=' : '>', match.lower.value));
      if (match.upper) conditions.push(compare(match.upper.inclusive ? '<=' : '<', match.upper.value));
      return conditions.length ? allOf(conditions) : compileText(column, { op: 'present' });
    }
  }
}

/**
 * Times name intervals (a date is its whole day): `>d` is after the interval, `>=d` from its
 * start, `<d` before it, `<=d` through its end; `[a TO b]` spans a's start to b's end.
 */
function compileTime(column: string, match: FieldMatch, span: Span): Fragment {
  const interval = (value: string): TimeInterval => {
    const parsed = parseTimeInterval(value);
    if (!parsed) throw new QuerySyntaxError(`Not a date or time: "${value}"`, span.start, span.end - span.start);
    return parsed;
  };
  const from = (ms: number) => leaf(`${column} >= ?`, [ms], false);
  const before = (ms: number) => leaf(`${column} < ?`, [ms], false);
  switch (match.op) {
    case 'present':
      return leaf(`${column} IS NOT NULL`, [], false);
    case 'equals': {
      const { start, end } = interval(match.value);
      return allOf([from(start), before(end)]);
    }
    case 'compare': {
      const { start, end } = interval(match.value);
      const byComparator: Record<Comparator, Fragment> = {
        '>': from(end),
        '>=': from(start),
        '<': before(start),
        '<=': before(end),
      };
      return byComparator[match.comparator];
    }
    case 'range': {
      const conditions: Fragment[] = [];
      if (match.lower) {
        const lower = interval(match.lower.value);
        conditions.push(from(match.lower.inclusive ? lower.start : lower.end));
      }
      if (match.upper) {
        const upper = interval(match.upper.value);
        conditions.push(before(match.upper.inclusive ? upper.end : upper.start));
      }
      return conditions.length ? allOf(conditions) : leaf(`${column} IS NOT NULL`, [], false);
    }
    case 'wildcard':
      throw new QuerySyntaxError('time takes a date, not a wildcard', span.start, span.end - span.start);
  }
}

/** A match with its typed values brought to the stored form (the last literal of a pattern too). */
function normalizeMatch(match: FieldMatch, normalize: (typed: string) => string): FieldMatch {
  switch (match.op) {
    case 'equals':
      return { op: 'equals', value: normalize(match.value) };
    case 'compare':
      return { ...match, value: normalize(match.value) };
    case 'wildcard': {
      const pieces = [...match.pieces];
      const last = pieces[pieces.length - 1];
      if (last && 'literal' in last) pieces[pieces.length - 1] = { literal: normalize(last.literal) };
      return { op: 'wildcard', pieces };
    }
    default:
      return match;
  }
}

/**
 * Addresses: a CIDR block is a range of the address keys; where the keys are indexed, an exact
 * address is one key too (so `2001:db8::1` also finds `2001:DB8:0::1`); anything else compares the text.
 */
function compileIp(column: string, keyColumn: string, match: FieldMatch, keyIndexed: boolean): Fragment {
  if (match.op === 'equals') {
    const block = cidrKeyRange(match.value);
    if (block) return leaf(`${keyColumn} BETWEEN ? AND ?`, [block.first, block.last]);
    const key = keyIndexed ? ipKey(match.value) : null;
    if (key) return leaf(`${keyColumn} = ?`, [key]);
  }
  return compileText(column, match);
}

/** Whole numbers: equality and comparisons (the parser checked the values are integers). */
function compileInt(column: string, match: FieldMatch): Fragment | null {
  switch (match.op) {
    case 'present':
      return leaf(`${column} IS NOT NULL`, [], false);
    case 'equals':
      return leaf(`${column} = ?`, [Number(match.value)]);
    case 'compare':
      return leaf(`${column} ${match.comparator} ?`, [Number(match.value)]);
    case 'range': {
      const conditions: Fragment[] = [];
      if (match.lower) conditions.push(leaf(`${column} ${match.lower.inclusive ? '>=' : '>'} ?`, [Number(match.lower.value)]));
      if (match.upper) conditions.push(leaf(`${column} ${match.upper.inclusive ? '<=' : '<'} ?`, [Number(match.upper.value)]));
      return conditions.length ? allOf(conditions) : leaf(`${column} IS NOT NULL`, [], false);
    }
    default:
      return null;
  }
}

/** Hands the value to the caller's field; a thrown Error becomes a syntax error on the value. */
function compileVirtual(node: FieldNode, name: string, options: QueryOptions): Fragment {
  const field = options.virtualFields?.[name];
  if (!field) throw new QuerySyntaxError(`Unknown field "${name}"`, node.span.start, node.span.end - node.span.start);
  const call = (value: string, op: VirtualFieldOp): Fragment => {
    let result;
    try {
      result = field(value, op);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const { start, end } = node.valueSpan;
      throw new QuerySyntaxError(`${name}: ${message}`, start, end - start);
    }
    return leaf(`(${result.sql})`, result.params);
  };
  const { match } = node;
  switch (match.op) {
    case 'present':
      return call('', 'present');
    case 'equals':
      return call(match.value, '=');
    case 'wildcard':
      return call(likePattern(match.pieces), 'like');
    case 'compare':
      return call(match.value, match.comparator);
    case 'range': {
      const conditions: Fragment[] = [];
      if (match.lower) conditions.push(call(match.lower.value, match.lower.inclusive ? '>=' : '>'));
      if (match.upper) conditions.push(call(match.upper.value, match.upper.inclusive ? '<=' : '<'));
      return conditions.length ? allOf(conditions) : call('', 'present');
    }
  }
}

/** SQL for a match on one column of a kind, or null when the kind does not take that match. */
const COMPILE_BY_KIND: Record<SourceFieldType, (column: string, match: FieldMatch, span: Span) => Fragment | null> = {
  text: compileText,
  ip: compileText,
  int: compileInt,
  time: compileTime,
  bool: compileBool,
  json: compileJson,
  list: compileJsonArray,
};

function leaf(sql: string, params: readonly (string | number | Buffer)[], nullable = true): Fragment {
  return { sql, params, nullable };
}

function allOf(conditions: readonly Fragment[]): Fragment {
  if (conditions.length === 1 && conditions[0]) return conditions[0];
  return {
    sql: `(${conditions.map((condition) => condition.sql).join(' AND ')})`,
    params: conditions.flatMap((condition) => condition.params),
    nullable: conditions.some((condition) => condition.nullable),
  };
}
