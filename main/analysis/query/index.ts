import type { QueryNode } from './ast.js';
import { compileQuery } from './compile.js';
import type { CompiledQuery } from './compile.js';
import type { QueryOptions, QueryTarget } from './options.js';
import { parseQuery } from './parse.js';

export type {
  Comparator,
  FieldMatch,
  FieldNode,
  FieldRef,
  QueryNode,
  RangeBound,
  Span,
  TextNode,
  WildcardPiece,
} from './ast.js';
export type { CompiledQuery } from './compile.js';
export type {
  FieldCatalog,
  QueryFieldInfo,
  QueryOptions,
  QueryTarget,
  SqlFragment,
  VirtualField,
  VirtualFieldOp,
} from './options.js';
export { compileQuery } from './compile.js';
export { describeQuery } from './describe.js';
export { parseQuery, QuerySyntaxError } from './parse.js';
export { timeRangeWhere } from './time-range.js';

/** Parses and compiles a query typed by the user for one target. Throws QuerySyntaxError with a position. */
export function toSqlWhere(text: string, target: QueryTarget, options: QueryOptions = {}): CompiledQuery {
  const ast: QueryNode = parseQuery(text, options);
  return compileQuery(ast, target, options);
}
