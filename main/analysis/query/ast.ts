import type { SourceFieldType } from '../../core/source-descriptor.js';

/** A half-open range of the query text, in string indices (UTF-16 code units). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One run of a wildcard value: literal text, or a `*` (any run of characters) / `?` (one character). */
export type WildcardPiece = { readonly literal: string } | { readonly wildcard: '*' | '?' };

/** `<`, `<=`, `>`, `>=` as typed after `field:`. */
export type Comparator = '<' | '<=' | '>' | '>=';

/** One end of a range; `null` in a range means open (`*`). */
export interface RangeBound {
  readonly value: string;
  readonly inclusive: boolean;
}

/** What a `field:…` term asks of its field. Values are the text as typed, escapes resolved. */
export type FieldMatch =
  | { readonly op: 'present' }
  | { readonly op: 'equals'; readonly value: string }
  | { readonly op: 'wildcard'; readonly pieces: readonly WildcardPiece[] }
  | { readonly op: 'compare'; readonly comparator: Comparator; readonly value: string }
  | { readonly op: 'range'; readonly lower: RangeBound | null; readonly upper: RangeBound | null };

/** Which field a term names: one of the normalized event fields, or a caller-supplied virtual field. */
export type FieldRef =
  | { readonly virtual: false; readonly name: string; readonly type: SourceFieldType }
  | { readonly virtual: true; readonly name: string };

/** A parsed query. `all` is the empty query (and a bare `*`): it matches every event. */
export type QueryNode =
  | { readonly type: 'all'; readonly span: Span }
  | { readonly type: 'and'; readonly children: readonly QueryNode[]; readonly span: Span }
  | { readonly type: 'or'; readonly children: readonly QueryNode[]; readonly span: Span }
  | { readonly type: 'not'; readonly child: QueryNode; readonly span: Span }
  | TextNode
  | FieldNode;

/** A bare word or quoted phrase, searched in the full-text index; `prefix` for a trailing `*`. */
export interface TextNode {
  readonly type: 'text';
  readonly text: string;
  readonly prefix: boolean;
  readonly span: Span;
}

/** A `field:value` term. `valueSpan` covers what follows the colon (for pointing at bad values). */
export interface FieldNode {
  readonly type: 'field';
  readonly field: FieldRef;
  readonly match: FieldMatch;
  readonly span: Span;
  readonly valueSpan: Span;
}
