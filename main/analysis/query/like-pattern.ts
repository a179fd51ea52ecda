import type { WildcardPiece } from './ast.js';

/** The ESCAPE clause that goes with every pattern built here. */
export const LIKE_ESCAPE = `ESCAPE '\\'`;

/** Makes literal text safe inside a LIKE pattern: `%`, `_` and `\` match only themselves. */
export function escapeLike(literal: string): string {
  return literal.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A wildcard value as a LIKE pattern (for use with LIKE_ESCAPE): `*` → `%`, `?` → `_`. */
export function likePattern(pieces: readonly WildcardPiece[]): string {
  return pieces
    .map((piece) => ('literal' in piece ? escapeLike(piece.literal) : piece.wildcard === '*' ? '%' : '_'))
    .join('');
}
