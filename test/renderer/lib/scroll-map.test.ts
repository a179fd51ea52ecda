import { describe, expect, it } from 'vitest';
import {
  MAX_SCROLL_HEIGHT,
  pageRows,
  revealRow,
  rowOffset,
  scrollFromTopRow,
  scrollGeometry,
  topRowFromScroll,
  visibleRows,
  wheelRows,
} from '../../../renderer/features/timeline/scroll-map';

const ROW = 22;
const VIEW = 574; // 600 px grid minus the 26 px header: 26.09 rows

describe('scroll map', () => {
  it('has nothing to scroll for 0 rows', () => {
    const geometry = scrollGeometry(0, ROW, VIEW);
    expect(geometry).toMatchObject({ height: 0, maxScroll: 0, maxTop: 0, scaled: false });
    expect(visibleRows(geometry, 0)).toEqual({ first: 0, end: 0 });
    expect(topRowFromScroll(geometry, 500)).toBe(0);
  });

  it('shows a single row at the top and never scrolls', () => {
    const geometry = scrollGeometry(1, ROW, VIEW);
    expect(geometry).toMatchObject({ height: 22, maxScroll: 0, maxTop: 0, scaled: false });
    expect(visibleRows(geometry, 0)).toEqual({ first: 0, end: 1 });
    expect(rowOffset(geometry, 0, 0)).toBe(0);
  });

  it('is the natural 1:1 mapping while the rows fit under the cap', () => {
    const rows = Math.floor(MAX_SCROLL_HEIGHT / ROW); // 45,454 rows = 999,988 px
    const geometry = scrollGeometry(rows, ROW, VIEW);
    expect(geometry.scaled).toBe(false);
    expect(geometry.height).toBe(rows * ROW);
    expect(topRowFromScroll(geometry, 220)).toBeCloseTo(10, 9);
    expect(scrollFromTopRow(geometry, 10)).toBeCloseTo(220, 9);
    expect(rowOffset(geometry, 10, 12)).toBeCloseTo(44, 9);
  });

  it('caps the height at exactly the cap and maps the ends to the first and the last row', () => {
    const geometry = scrollGeometry(MAX_SCROLL_HEIGHT, ROW, VIEW); // one million rows: 22 M px natural
    expect(geometry.scaled).toBe(true);
    expect(geometry.height).toBe(MAX_SCROLL_HEIGHT);
    expect(geometry.maxScroll).toBe(MAX_SCROLL_HEIGHT - VIEW);
    expect(visibleRows(geometry, topRowFromScroll(geometry, 0)).first).toBe(0);
    const bottom = topRowFromScroll(geometry, geometry.maxScroll);
    const { end } = visibleRows(geometry, bottom);
    expect(end).toBe(MAX_SCROLL_HEIGHT);
    // The last row's bottom edge is the viewport's bottom edge.
    expect(rowOffset(geometry, bottom, MAX_SCROLL_HEIGHT - 1) + ROW).toBeCloseTo(VIEW, 6);
  });

  for (const total of [10_000_000, 2 ** 31]) {
    it(`reaches every part of ${total.toLocaleString('en-US')} rows, in order, without overlap`, () => {
      const geometry = scrollGeometry(total, ROW, VIEW);
      expect(geometry.height).toBe(MAX_SCROLL_HEIGHT);
      // Half way down the scrollbar, the row in the middle of the viewport is the middle row.
      const middle = topRowFromScroll(geometry, geometry.maxScroll / 2);
      expect(middle + VIEW / ROW / 2).toBeCloseTo(total / 2, 3);
      // The end is the last row, and its scroll offset maps back to it.
      const last = revealRow(geometry, 0, total - 1);
      expect(visibleRows(geometry, last).end).toBe(total);
      expect(topRowFromScroll(geometry, scrollFromTopRow(geometry, last))).toBeCloseTo(last, 3);
      // Rows on screen sit one row height apart, the first at or above the top edge.
      const { first, end } = visibleRows(geometry, middle);
      const offsets = Array.from({ length: end - first }, (_, k) => rowOffset(geometry, middle, first + k));
      expect(offsets[0]).toBeLessThanOrEqual(0);
      expect(offsets[0]).toBeGreaterThan(-ROW);
      for (let k = 1; k < offsets.length; k++)
        expect((offsets[k] as number) - (offsets[k - 1] as number)).toBeCloseTo(ROW, 6);
      expect(end - first).toBeLessThanOrEqual(Math.ceil(VIEW / ROW) + 1);
    });
  }

  it('reveals a row with the least movement, or centred', () => {
    const geometry = scrollGeometry(10_000_000, ROW, VIEW);
    expect(revealRow(geometry, 100, 105)).toBe(100); // already in view
    expect(revealRow(geometry, 100, 50)).toBe(50); // above: to the top
    expect(revealRow(geometry, 100, 200)).toBeCloseTo(201 - VIEW / ROW, 9); // below: to the bottom
    expect(revealRow(geometry, 0, 5_000_000, 'center')).toBeCloseTo(5_000_000.5 - VIEW / ROW / 2, 6);
    expect(revealRow(geometry, 0, 0, 'center')).toBe(0); // clamped at the ends
  });

  it('pages by whole rows and turns wheel deltas into rows', () => {
    const geometry = scrollGeometry(10_000_000, ROW, VIEW);
    expect(pageRows(geometry)).toBe(25); // floor(574 / 22) - 1
    expect(wheelRows(110, 0, geometry)).toBe(5);
    expect(wheelRows(3, 1, geometry)).toBe(3);
    expect(wheelRows(-1, 2, geometry)).toBe(-25);
  });
});
