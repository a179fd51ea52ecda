import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/App';
import { FakeCairn, makeEvent } from '../fake-api.js';
import { renderWithApi, useLayoutStub } from '../render';

const XSS = '<img src=x onerror="window.__pwned=1">';

function events() {
  return Array.from({ length: 500 }, (_, index) => {
    const id = index + 1;
    return makeEvent(id, {
      fields: {
        eventName: id % 10 === 0 ? 'ConsoleLogin' : 'GetObject',
        sourceIp: id % 2 === 0 ? '198.51.100.7' : '203.0.113.9',
        userAgent: id === 3 ? XSS : 'aws-cli/2.15.0 Python/3.11',
        userName: id === 3 ? XSS : 'alice',
        principalArn: id === 4 ? 'arn:aws:iam::111122223333:role/Admin Role' : 'arn:aws:iam::111122223333:user/alice',
      },
      raw: JSON.stringify({
        eventID: `evt-${id}`,
        userAgent: id === 3 ? XSS : 'aws-cli',
        sourceIPAddress: '198.51.100.7',
      }),
    });
  });
}

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

let fake: FakeCairn;

useLayoutStub();
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  // The place lives in the URL fragment: every test starts from a clean address.
  window.history.replaceState(null, '', '/');
  fake = new FakeCairn({ events: events() });
});
afterEach(cleanup);

async function openTimeline() {
  renderWithApi(<App />, fake);
  const grid = await screen.findByRole('grid');
  await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('500'));
  await waitFor(() => expect(rowAt(1)).not.toBeNull());
  await waitFor(() => expect(within(rowAt(1) as HTMLElement).queryByText('…')).toBeNull());
  return grid;
}

function rowAt(rowIndex: number): HTMLElement | null {
  return document.querySelector(`[role="row"][aria-rowindex="${rowIndex}"]`);
}

function searchBox(): HTMLInputElement {
  return screen.getByRole('searchbox', { name: 'Search events' });
}

function type(text: string) {
  fireEvent.change(searchBox(), { target: { value: text } });
}

describe('timeline grid', { timeout: 20_000 }, () => {
  it('is an ARIA grid whose row count is the number of matching events', async () => {
    const grid = await openTimeline();
    expect(grid.getAttribute('aria-rowcount')).toBe('500');
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toContain('eventName');
    const first = rowAt(1) as HTMLElement;
    expect(within(first).getAllByRole('gridcell').length).toBeGreaterThan(3);
    // Only a window of rows exists in the DOM.
    expect(screen.getAllByRole('row').length).toBeLessThan(100);
    expect(fake.callsOf('queryEvents')[0]).toMatchObject({ order: 'asc', query: '' });
  });

  it('re-queries when the user types (debounced) and updates aria-rowcount', async () => {
    const grid = await openTimeline();
    type('eventName:ConsoleLogin');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('50'));
    const counts = fake.callsOf('countEvents').map((request) => request.query);
    expect(counts).toContain('eventName:ConsoleLogin');
    for (const request of fake.callsOf('countEvents')) expect(request.requestId).toBeTruthy();
    await waitFor(() => expect(within(rowAt(1) as HTMLElement).getByText('ConsoleLogin')).toBeTruthy());
  });

  it('cancels a query the user typed past and ignores its answer', async () => {
    const grid = await openTimeline();
    fake.hold('countEvents', 'histogram');
    type('eventName:GetObject');
    await waitFor(() => expect(fake.callsOf('countEvents').some((r) => r.query === 'eventName:GetObject')).toBe(true));
    const superseded = fake.callsOf('countEvents').find((r) => r.query === 'eventName:GetObject')?.requestId;
    type('eventName:ConsoleLogin');
    await waitFor(() => expect(fake.cancelled).toContain(superseded));
    await act(async () => fake.releaseAll());
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('50'));
  });

  it('shows a query-syntax error inline under the box and clears the rows, saying so', async () => {
    await openTimeline();
    type('eventName:X AND userAgent:"unterminated');
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('Unterminated quote');
    const mark = alert.querySelector('mark');
    expect(mark?.textContent).toBe('"unterminated');
    expect(searchBox().getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(screen.queryByRole('grid')).toBeNull());
    expect(screen.getByRole('status').textContent).toMatch(/syntax error/);
    type('eventName:ConsoleLogin');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('50'));
  });

  it('opens a row on click without touching the search; filters only through ＋/− and Alt-click', async () => {
    await openTimeline();
    fireEvent.click(within(rowAt(1) as HTMLElement).getByText('GetObject'));
    expect(searchBox().value).toBe('');
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    await waitFor(() => expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('GetObject evt-1'));

    fireEvent.click(within(rowAt(1) as HTMLElement).getByRole('button', { name: 'Include eventName = GetObject' }));
    expect(searchBox().value).toBe('eventName:GetObject');
    await waitFor(() => expect(fake.callsOf('countEvents').some((r) => r.query === 'eventName:GetObject')).toBe(true));
    await waitFor(() => expect(within(rowAt(1) as HTMLElement).queryByText('…')).toBeNull());
    fireEvent.click(within(rowAt(1) as HTMLElement).getByRole('button', { name: 'Exclude sourceIp = 203.0.113.9' }));
    expect(searchBox().value).toBe('eventName:GetObject AND NOT sourceIp:203.0.113.9');
    await waitFor(() => expect(within(rowAt(1) as HTMLElement).queryByText('…')).toBeNull());
    fireEvent.click(within(rowAt(1) as HTMLElement).getByText('alice'), { altKey: true });
    expect(searchBox().value).toBe('eventName:GetObject AND NOT sourceIp:203.0.113.9 AND userName:alice');
    fireEvent.click(within(rowAt(1) as HTMLElement).getByText('us-east-1'), { altKey: true, shiftKey: true });
    expect(searchBox().value).toBe(
      'eventName:GetObject AND NOT sourceIp:203.0.113.9 AND userName:alice AND NOT region:us-east-1',
    );
  });

  it('sorts by time: the header toggles newest first', async () => {
    const grid = await openTimeline();
    const header = screen.getAllByRole('columnheader')[1] as HTMLElement;
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(header).getByRole('button'));
    await waitFor(() => expect(fake.callsOf('queryEvents').some((r) => r.order === 'desc')).toBe(true));
    await waitFor(() => expect(screen.getAllByRole('columnheader')[1]?.getAttribute('aria-sort')).toBe('descending'));
    await waitFor(() => expect(within(rowAt(1) as HTMLElement).queryByText('evt-500')).toBeNull());
    expect(grid.getAttribute('aria-rowcount')).toBe('500');
  });

  it('chooses columns and remembers the choice', async () => {
    await openTimeline();
    const headers = () => screen.getAllByRole('columnheader').map((header) => header.textContent);
    // The defaults come from the catalogue: time and the cloudtrail source's default columns.
    expect(headers().slice(2)).toEqual([
      'eventName',
      'eventSource',
      'userName',
      'principalArn',
      'sourceIp',
      'region',
      'errorCode',
    ]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'region' }));
    expect(headers()).not.toContain('region');
    fireEvent.click(screen.getByRole('checkbox', { name: 'accessKeyId' }));
    expect(headers().at(-1)).toBe('accessKeyId');
    fireEvent.click(screen.getByRole('button', { name: 'Move accessKeyId left' }));
    expect(headers().slice(-2)).toEqual(['accessKeyId', 'errorCode']);
    const saved = JSON.parse(localStorage.getItem('cairn.timeline.columns') ?? '[]') as string[];
    expect(saved.slice(-2)).toEqual(['accessKeyId', 'errorCode']);
    expect(saved).not.toContain('region');
    // …and in the URL fragment, so a reload keeps them.
    expect(new URLSearchParams(window.location.hash.slice(1)).get('cols')).toBe(saved.join(','));
  });

  it('switches displayed times between UTC and local', async () => {
    await openTimeline();
    expect(screen.getAllByRole('columnheader')[1]?.textContent).toContain('(UTC)');
    expect(within(rowAt(1) as HTMLElement).getByText('2024-01-01 00:01:00.000')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Time zone' }), { target: { value: 'local' } });
    expect(screen.getAllByRole('columnheader')[1]?.textContent).toMatch(/\(UTC[+-]\d\d:\d\d\)/);
    expect(localStorage.getItem('cairn.timeline.zone')).toBe('local');
  });

  it('moves the selection with the arrow keys and opens the detail with Enter', async () => {
    const grid = await openTimeline();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(rowAt(1)?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(rowAt(1)?.getAttribute('aria-selected')).toBe('false');
    expect(rowAt(2)?.getAttribute('aria-selected')).toBe('true');
    expect(grid.getAttribute('aria-activedescendant')).toBe('event-row-1');
    expect(screen.queryByRole('region', { name: 'Event detail' })).toBeNull();
    fireEvent.keyDown(grid, { key: 'Enter' });
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    await waitFor(() => expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('GetObject evt-2'));
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    await waitFor(() => expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('GetObject evt-1'));
  });
});

describe('event detail', { timeout: 20_000 }, () => {
  it('renders evidence as text: the raw record in a <pre>, never as HTML', async () => {
    await openTimeline();
    fireEvent.click(rowAt(3) as HTMLElement);
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    const raw = await within(detail).findByLabelText('Raw record');
    expect(raw.tagName).toBe('PRE');
    // Pretty-printed JSON, the string still JSON-escaped, as text.
    expect(raw.textContent).toContain(`\n  "userAgent": ${JSON.stringify(XSS)}`);
    expect(within(detail).getAllByText(XSS).length).toBeGreaterThan(0);
    expect(within(rowAt(3) as HTMLElement).getByText(XSS)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(window.__pwned).toBeUndefined();
  });

  it('shows a raw record that is not JSON exactly as read', async () => {
    fake.events[0] = makeEvent(1, { raw: 'not json <b>bold</b>' });
    await openTimeline();
    fireEvent.click(rowAt(1) as HTMLElement);
    const raw = await screen.findByLabelText('Raw record');
    await waitFor(() => expect(raw.textContent).toBe('not json <b>bold</b>'));
    expect(document.querySelector('b')).toBeNull();
  });

  it('copies the raw record', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    await openTimeline();
    fireEvent.click(rowAt(2) as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy raw record' }));
    await waitFor(() => expect(written).toEqual([fake.events[1]?.raw]));
  });

  it('pivots from detail values, quoting values with spaces', async () => {
    await openTimeline();
    fireEvent.click(rowAt(4) as HTMLElement);
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    // The ARN shows as the common `actor` and as the source's principalArn; the latter is last.
    const values = await within(detail).findAllByText('arn:aws:iam::111122223333:role/Admin Role');
    fireEvent.click(values.at(-1) as HTMLElement);
    expect(searchBox().value).toBe('principalArn:"arn:aws:iam::111122223333:role/Admin Role"');
    // The pane stays open on the event after a pivot.
    expect(screen.getByRole('region', { name: 'Event detail' })).toBeTruthy();
  });

  it('runs the context searches as a new history step, the anchor highlighted', async () => {
    await openTimeline();
    fireEvent.click(rowAt(2) as HTMLElement);
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    fireEvent.click(await within(detail).findByRole('button', { name: '±5 minutes, same IP' }));
    expect(searchBox().value).toBe('sourceIp:198.51.100.7');
    const time = fake.events[1]?.time ?? 0;
    await waitFor(() =>
      expect(fake.callsOf('countEvents')).toContainEqual(
        expect.objectContaining({ query: 'sourceIp:198.51.100.7', from: time - 300_000, to: time + 300_001 }),
      ),
    );
    expect((screen.getByRole('textbox', { name: /^From/ }) as HTMLInputElement).value).toBe('2023-12-31T23:57:00.000Z');
    // Events at 23:57..00:07 on that IP are the even ids 2, 4, 6: the anchor (event 2) is row 1.
    await waitFor(() => expect(document.querySelector('.grid-row.anchor')?.getAttribute('aria-rowindex')).toBe('1'));
    await waitFor(() => expect(rowAt(1)?.getAttribute('aria-selected')).toBe('true'));
    fireEvent.click(within(detail).getByRole('button', { name: '±5 minutes, same principal' }));
    expect(searchBox().value).toBe('principalArn:"arn:aws:iam::111122223333:user/alice"');
    // Back returns to the IP search.
    await act(async () => {
      const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
      window.history.back();
      await popped;
    });
    await waitFor(() => expect(searchBox().value).toBe('sourceIp:198.51.100.7'));
  });

  it('stars, tags and notes the selected event through annotate', async () => {
    await openTimeline();
    fireEvent.click(rowAt(5) as HTMLElement);
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    fireEvent.click(await within(detail).findByRole('button', { name: '☆ Star' }));
    await waitFor(() =>
      expect(within(detail).getByRole('button', { name: '★ Starred' }).getAttribute('aria-pressed')).toBe('true'),
    );
    expect(fake.callsOf('annotate')).toEqual([{ id: 5, starred: true }]);

    fireEvent.change(within(detail).getByRole('textbox', { name: 'New tag' }), { target: { value: 'exfil' } });
    fireEvent.click(within(detail).getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect(within(detail).getByRole('button', { name: 'Remove tag exfil' })).toBeTruthy());
    expect(fake.callsOf('annotate')[1]).toEqual({ id: 5, addTags: ['exfil'] });

    fireEvent.change(within(detail).getByRole('textbox', { name: 'Note' }), {
      target: { value: 'first access from the VPN' },
    });
    fireEvent.click(within(detail).getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(fake.callsOf('annotate')[2]).toEqual({ id: 5, addNote: 'first access from the VPN' }));
    const notes = await within(detail).findByRole('list', { name: 'Notes' });
    expect(within(notes).getByText('first access from the VPN')).toBeTruthy();
    expect(within(notes).getByText(/^analyst, 2024-06-01T/)).toBeTruthy();

    // The grid shows the marks on the row: star, tag chip, note count.
    const row = rowAt(5) as HTMLElement;
    await waitFor(() => expect(within(row).getByRole('button', { name: 'Starred (unstar)' })).toBeTruthy());
    expect(within(row).getByRole('button', { name: 'exfil' })).toBeTruthy();
    expect(within(row).getByLabelText('1 notes')).toBeTruthy();

    fireEvent.click(within(notes).getByRole('button', { name: 'Delete note by analyst' }));
    await waitFor(() => expect(fake.callsOf('annotate')[3]).toMatchObject({ id: 5, deleteNote: expect.any(Number) }));
    await waitFor(() => expect(within(detail).queryByRole('list', { name: 'Notes' })).toBeNull());

    fireEvent.click(within(detail).getByRole('button', { name: 'Remove tag exfil' }));
    await waitFor(() => expect(fake.callsOf('annotate')[4]).toEqual({ id: 5, removeTags: ['exfil'] }));
  });
});

describe('filters', { timeout: 20_000 }, () => {
  it('toggles starred:true and tag:NAME in the query', async () => {
    fake.mark(9, { starred: true, tags: ['lateral movement'] });
    const grid = await openTimeline();
    const starred = screen.getByRole('button', { name: '★ Starred' });
    fireEvent.click(starred);
    expect(searchBox().value).toBe('starred:true');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('1'));
    expect(screen.getByRole('button', { name: '★ Starred' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '★ Starred' }));
    expect(searchBox().value).toBe('');

    const tag = within(await screen.findByRole('group', { name: 'Filter by tag' })).getByRole('button', {
      name: /lateral movement/,
    });
    fireEvent.click(tag);
    expect(searchBox().value).toBe('tag:"lateral movement"');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('1'));
  });

  it('edits the time range as ISO text and clears it', async () => {
    const grid = await openTimeline();
    const from = screen.getByRole('textbox', { name: /^From/ });
    fireEvent.change(from, { target: { value: '2024-01-01T01:00:00Z' } });
    fireEvent.keyDown(from, { key: 'Enter' });
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('441'));
    expect(fake.callsOf('countEvents').at(-1)).toMatchObject({ from: Date.UTC(2024, 0, 1, 1) });
    fireEvent.change(screen.getByRole('textbox', { name: /^To/ }), { target: { value: 'garbage' } });
    expect(screen.getByRole('alert').textContent).toContain('ISO 8601');
    fireEvent.click(screen.getByRole('button', { name: 'Clear time range' }));
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('500'));
  });

  it('draws the histogram as SVG bars', async () => {
    await openTimeline();
    await waitFor(() => expect(document.querySelectorAll('svg rect.bar').length).toBeGreaterThan(0));
    expect(screen.getByRole('img', { name: /Events over time: 500 events/ })).toBeTruthy();
  });
});
