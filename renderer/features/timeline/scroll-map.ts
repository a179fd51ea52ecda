/**
 * Scroll position ↔ row number for a list of any length. Browsers cap an element's height
 * (Chromium at 33,554,432 px, and positions lose precision well before that), so the scroll area
 * is at most `cap` pixels tall and, when the rows would not fit, a scroll offset maps linearly onto
 * the rows: offset 0 shows row 0 at the top, the largest offset shows the last row at the bottom.
 * Rows are then drawn relative to the viewport, never at their "natural" offset, so none overlap.
 *
 * The top of the viewport is a fractional row number (`topRow`): the grid keeps it as the truth
 * and derives the scroll offset from it, so wheel and keys move by rows even when one pixel of
 * scrollbar stands for many rows.
 */

/** Tallest scroll area we ever make, in pixels: far below every browser's limit. */
export const MAX_SCROLL_HEIGHT = 1_000_000;

export interface ScrollGeometry {
  total: number;
  rowHeight: number;
  /** Height of the area the rows are drawn in, pixels. */
  viewport: number;
  /** Height of the scroll area (the spacer), pixels: all rows, capped. */
  height: number;
  /** Largest scroll offset, pixels. */
  maxScroll: number;
  /** Largest top row (fractional): the last row then sits at the bottom of the viewport. */
  maxTop: number;
  /** Whether one pixel of scrolling stands for more than one pixel of rows. */
  scaled: boolean;
}

/** The geometry for `total` rows of `rowHeight` px in a viewport `viewport` px tall. */
export function scrollGeometry(
  total: number,
  rowHeight: number,
  viewport: number,
  cap = MAX_SCROLL_HEIGHT,
): ScrollGeometry {
  const rows = Math.max(0, Math.floor(total));
  const view = Math.max(0, viewport);
  const natural = rows * rowHeight;
  const height = Math.max(Math.min(natural, cap), Math.min(view, natural));
  const maxScroll = Math.max(0, height - view);
  const maxTop = Math.max(0, rows - view / rowHeight);
  return { total: rows, rowHeight, viewport: view, height, maxScroll, maxTop, scaled: natural > cap };
}

/** The (fractional) row at the top of the viewport for a scroll offset. */
export function topRowFromScroll(geometry: ScrollGeometry, scrollTop: number): number {
  if (geometry.maxScroll <= 0) return 0;
  const offset = Math.min(Math.max(scrollTop, 0), geometry.maxScroll);
  return (offset / geometry.maxScroll) * geometry.maxTop;
}

/** The scroll offset that shows `topRow` at the top of the viewport. */
export function scrollFromTopRow(geometry: ScrollGeometry, topRow: number): number {
  if (geometry.maxTop <= 0) return 0;
  return (clampTop(geometry, topRow) / geometry.maxTop) * geometry.maxScroll;
}

/** A top row kept within [0, maxTop]. */
export function clampTop(geometry: ScrollGeometry, topRow: number): number {
  if (!Number.isFinite(topRow)) return topRow > 0 ? geometry.maxTop : 0;
  return Math.min(Math.max(topRow, 0), geometry.maxTop);
}

/** The rows [first, end) at least partly in the viewport when `topRow` is at the top. */
export function visibleRows(geometry: ScrollGeometry, topRow: number): { first: number; end: number } {
  if (geometry.total === 0) return { first: 0, end: 0 };
  const top = clampTop(geometry, topRow);
  const first = Math.min(Math.floor(top), geometry.total - 1);
  const end = Math.min(geometry.total, Math.ceil(top + geometry.viewport / geometry.rowHeight));
  return { first, end: Math.max(end, first + 1) };
}

/** Where row `index` is drawn, pixels from the top of the viewport. */
export function rowOffset(geometry: ScrollGeometry, topRow: number, index: number): number {
  return (index - clampTop(geometry, topRow)) * geometry.rowHeight;
}

/** Rows that fit wholly in the viewport (at least 1): a PageUp/PageDown step. */
export function pageRows(geometry: ScrollGeometry): number {
  return Math.max(1, Math.floor(geometry.viewport / geometry.rowHeight) - 1);
}

/**
 * The top row that brings `index` wholly into view with the least movement ("nearest"), or with
 * the row centred ("center", for jumps such as go-to-time and context searches).
 */
export function revealRow(
  geometry: ScrollGeometry,
  topRow: number,
  index: number,
  align: 'nearest' | 'center' = 'nearest',
): number {
  const rowsInView = geometry.viewport / geometry.rowHeight;
  if (align === 'center') return clampTop(geometry, index + 0.5 - rowsInView / 2);
  const top = clampTop(geometry, topRow);
  if (index < top) return clampTop(geometry, index);
  if (index + 1 > top + rowsInView) return clampTop(geometry, index + 1 - rowsInView);
  return top;
}

/** A wheel event's vertical movement in rows (pixel, line or page deltas). */
export function wheelRows(deltaY: number, deltaMode: number, geometry: ScrollGeometry): number {
  if (deltaMode === 1) return deltaY; // lines: one row each
  if (deltaMode === 2) return deltaY * pageRows(geometry); // pages
  return deltaY / geometry.rowHeight;
}
