import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../renderer/api';
import { EventGrid, HEADER_HEIGHT, ROW_HEIGHT, type GridHandle } from '../../../renderer/features/timeline/EventGrid';
import { EventLoader } from '../../../renderer/features/timeline/event-loader';
import { MAX_SCROLL_HEIGHT } from '../../../renderer/features/timeline/scroll-map';
import { catalogColumns } from '../../../renderer/lib/fields';
import { FAKE_CATALOG } from '../fake-api.js';
import { useLayoutStub } from '../render';
import { SYNTHETIC_BASE, syntheticApi } from '../synthetic-api.js';

// Ten million rows: more than Chromium's 33,554,432 px limit could ever hold at 22 px a row.
const TOTAL = 10_000_000;
const columns = catalogColumns(FAKE_CATALOG).filter((column) => ['time', 'eventId'].includes(column.name));

useLayoutStub();
afterEach(cleanup);

async function setup() {
  const synthetic = syntheticApi(TOTAL);
  const client = createClient(synthetic.api);
  const loader = new EventLoader(client, { query: '', order: 'asc' }, { requestIdPrefix: 'scale' });
  loader.setTotal((await client.countEvents({})).count);
  loader.setHistogram(await client.histogram({ buckets: 160 }));
  const handle: { current: GridHandle | null } = { current: null };
  const selected: number[] = [];
  // The selection is the caller's state, as in Timeline.
  function Harness() {
    const [selectedIndex, setSelectedIndex] = useState<number | null>(null);
    return (
      <EventGrid
        loader={loader}
        total={TOTAL}
        columns={columns}
        zone="utc"
        order="asc"
        onToggleOrder={() => undefined}
        onPivot={() => undefined}
        marks={{ onStar: () => undefined, onTagFilter: () => undefined }}
        selectedIndex={selectedIndex}
        onSelect={(index) => {
          selected.push(index);
          setSelectedIndex(index);
        }}
        onOpen={() => undefined}
        onResize={() => undefined}
        stale={false}
        handleRef={handle}
      />
    );
  }
  const view = render(<Harness />);
  const grid = view.getByRole('grid');
  return { synthetic, loader, grid, handle, selected };
}

/** The viewport's height in the harness: a 600 px grid less its header. */
const VIEWPORT = 600 - HEADER_HEIGHT;

/**
 * The rows on screen, with where each is drawn (pixels from the viewport's top: the strip's
 * translation plus the row's place in it). Rows drawn just outside the viewport (the rest of their
 * chunk) are left out.
 */
function renderedRows(): { index: number; offset: number; text: string }[] {
  const strip = document.querySelector<HTMLElement>('.grid-viewport .grid-strip');
  const shift = Number(/translateY\((-?[\d.e+-]+)px\)/.exec(strip?.style.transform ?? '')?.[1]);
  return [...document.querySelectorAll<HTMLElement>('.grid-viewport [role="row"]')]
    .map((row) => ({
      index: Number(row.getAttribute('aria-rowindex')) - 1,
      offset: shift + Number.parseFloat(row.style.top),
      text: row.textContent ?? '',
    }))
    .filter((row) => row.offset + ROW_HEIGHT > 0 && row.offset < VIEWPORT);
}

function expectNoOverlap(rows: { index: number; offset: number }[]) {
  for (let k = 1; k < rows.length; k++) {
    const previous = rows[k - 1] as { index: number; offset: number };
    const row = rows[k] as { index: number; offset: number };
    expect(row.index).toBe(previous.index + 1);
    expect(row.offset - previous.offset).toBeCloseTo(ROW_HEIGHT, 6);
  }
}

describe('the grid at 10 million rows', { timeout: 30_000 }, () => {
  it('keeps the scroll area under the cap and far below the browser limit', async () => {
    const { grid } = await setup();
    const spacer = grid.querySelector<HTMLElement>('.grid-spacer');
    const viewport = grid.querySelector<HTMLElement>('.grid-viewport');
    const height =
      Number.parseFloat(spacer?.style.height ?? 'NaN') + Number.parseFloat(viewport?.style.height ?? 'NaN');
    expect(height).toBe(MAX_SCROLL_HEIGHT);
    expect(height + HEADER_HEIGHT).toBeLessThan(33_554_432);
    expect(grid.getAttribute('aria-rowcount')).toBe(String(TOTAL));
  });

  it('End shows the last event, loaded (a reversed page from the end)', async () => {
    const { grid, synthetic } = await setup();
    fireEvent.keyDown(grid, { key: 'End' });
    await waitFor(() => {
      const last = renderedRows().at(-1);
      expect(last?.index).toBe(TOTAL - 1);
      expect(last?.text).toContain(`row-${TOTAL - 1}`);
    });
    expectNoOverlap(renderedRows());
    // The last row ends at the viewport's bottom edge (600 px grid − 26 px header).
    const last = renderedRows().at(-1) as { offset: number };
    expect(last.offset + ROW_HEIGHT).toBeCloseTo(600 - HEADER_HEIGHT, 6);
    expect(synthetic.calls.get('queryEvents') ?? 0).toBeLessThan(10);
  });

  it('a drag of the scrollbar to 50 % shows the rows at the median time', async () => {
    const { grid } = await setup();
    const maxScroll = MAX_SCROLL_HEIGHT - (600 - HEADER_HEIGHT);
    await act(async () => {
      grid.scrollTop = maxScroll / 2;
      fireEvent.scroll(grid);
    });
    // Row 5,000,000 (0-based 4,999,999…) is at the median time: BASE + index seconds.
    await waitFor(() => {
      const rows = renderedRows();
      const middle = rows[Math.floor(rows.length / 2)] as { index: number; text: string };
      expect(Math.abs(middle.index - TOTAL / 2)).toBeLessThanOrEqual(1);
      expect(middle.text).toContain(`row-${middle.index}`);
    });
    const rows = renderedRows();
    expectNoOverlap(rows);
    const middle = rows[Math.floor(rows.length / 2)] as { index: number; text: string };
    const expected = new Date(SYNTHETIC_BASE + middle.index * 1000).toISOString().replace('T', ' ').replace('Z', '');
    expect(middle.text).toContain(expected);
  });

  it('Home, PageDown and moveTo reach rows anywhere, each loaded where it lands', async () => {
    const { grid, handle, selected } = await setup();
    await act(async () => handle.current?.moveTo(7_654_321, 'center'));
    await waitFor(() =>
      expect(renderedRows().some((row) => row.index === 7_654_321 && row.text.includes('row-7654321'))).toBe(true),
    );
    expect(selected.at(-1)).toBe(7_654_321);
    fireEvent.keyDown(grid, { key: 'Home' });
    await waitFor(() => expect(renderedRows()[0]?.text).toContain('row-0'));
    expect(renderedRows()[0]?.offset).toBe(0);
    fireEvent.keyDown(grid, { key: 'PageDown' });
    expect(selected.at(-2)).toBe(0);
    expect(selected.at(-1)).toBe(25); // one page: floor(574 / 22) − 1 rows
    expectNoOverlap(renderedRows());
  });

  it('a scroll of a few rows moves the strip and leaves the rows on screen as they were', async () => {
    const { grid } = await setup();
    await waitFor(() => expect(renderedRows()[0]?.text).toContain('row-0'));
    const before = new Map(
      [...document.querySelectorAll<HTMLElement>('.grid-viewport [role="row"]')].map((row) => [
        row.getAttribute('aria-rowindex'),
        row,
      ]),
    );
    const styleOf10 = before.get('11')?.getAttribute('style');
    await act(async () => {
      grid.dispatchEvent(new WheelEvent('wheel', { deltaY: 3, deltaMode: 1, cancelable: true, bubbles: true }));
    });
    await waitFor(() => expect(renderedRows()[0]?.index).toBe(3));
    // Row 10 is still on screen: the same element, its style untouched (only the strip moved).
    const after = document.querySelector<HTMLElement>('.grid-viewport [aria-rowindex="11"]');
    expect(after).toBe(before.get('11'));
    expect(after?.getAttribute('style')).toBe(styleOf10);
    expectNoOverlap(renderedRows());
    expect(renderedRows()[0]?.offset).toBeCloseTo(0, 6);
  });

  it('the wheel moves by rows when one pixel stands for many', async () => {
    const { grid } = await setup();
    await waitFor(() => expect(renderedRows()[0]?.text).toContain('row-0'));
    await act(async () => {
      grid.dispatchEvent(new WheelEvent('wheel', { deltaY: 110, deltaMode: 0, cancelable: true, bubbles: true }));
    });
    // 110 px of wheel = 5 rows, not 110 × 10,000,000 / 1,000,000 rows.
    await waitFor(() => expect(renderedRows()[0]?.index).toBe(5));
  });
});
