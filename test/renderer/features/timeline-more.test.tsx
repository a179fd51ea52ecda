import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceFileInfo } from '../../../preload/contract/api.js';
import { App } from '../../../renderer/App';
import { encodePlace } from '../../../renderer/lib/url-state';
import { FakeCairn, makeEvent } from '../fake-api.js';
import { renderWithApi, useLayoutStub } from '../render';

const FILE: EvidenceFileInfo = {
  id: 1,
  parentId: null,
  path: '/evidence/AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/trail.json.gz',
  name: 'trail.json.gz',
  bytes: 4096,
  sha256: 'c0ffee'.repeat(10) + 'c0ff',
  format: 'cloudtrail-s3',
  status: 'ingested',
  records: 300,
  inserted: 300,
  duplicates: 0,
  importedAt: Date.UTC(2024, 5, 1),
  importedBy: 'bridge',
  errors: [],
};

/** 300 events a minute apart; every third from 10.0.0.3, every fifth a ConsoleLogin. */
function events() {
  return Array.from({ length: 300 }, (_, index) => {
    const id = index + 1;
    return makeEvent(id, {
      fields: {
        eventName: id % 5 === 0 ? 'ConsoleLogin' : 'GetObject',
        sourceIp: id % 3 === 0 ? '10.0.0.3' : '198.51.100.7',
        userName: id % 2 === 0 ? 'bob' : 'alice',
      },
    });
  });
}

let fake: FakeCairn;

useLayoutStub();
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  fake = new FakeCairn({ events: events(), evidence: [FILE] });
});
afterEach(cleanup);

const rowAt = (rowIndex: number) => document.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${rowIndex}"]`);
const searchBox = () => screen.getByRole('searchbox', { name: 'Search events' }) as HTMLInputElement;

async function openTimeline(count = '300') {
  renderWithApi(<App />, fake);
  const grid = await screen.findByRole('grid', {}, { timeout: 5000 });
  await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe(count), { timeout: 5000 });
  await waitFor(() => expect(rowAt(1)?.textContent).not.toContain('…'), { timeout: 5000 });
  return grid;
}

describe('a place that survives', { timeout: 20_000 }, () => {
  it('restores query, range, order and the open event from the URL fragment on load', async () => {
    const from = Date.UTC(2024, 0, 1, 1); // 01:00, event 60 onwards
    const to = Date.UTC(2024, 0, 1, 2); // up to 01:59 (exclusive 02:00)
    window.history.replaceState(
      null,
      '',
      `/#${encodePlace({ query: 'eventName:ConsoleLogin', from, to, order: 'desc', event: 70 })}`,
    );
    // ConsoleLogin is every 5th id; ids 60..119 are in range → 60, 65, …, 115 = 12 events.
    const grid = await openTimeline('12');
    expect(searchBox().value).toBe('eventName:ConsoleLogin');
    expect(fake.callsOf('countEvents')[0]).toMatchObject({ query: 'eventName:ConsoleLogin', from, to });
    expect(fake.callsOf('queryEvents')[0]).toMatchObject({ order: 'desc' });
    expect((screen.getByRole('textbox', { name: /^From/ }) as HTMLInputElement).value).toBe('2024-01-01T01:00:00.000Z');
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    await waitFor(() =>
      expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('ConsoleLogin evt-70'),
    );
    expect(grid.getAttribute('aria-rowcount')).toBe('12');
  });

  it('writes the place as it changes; Back and Forward walk the searches', async () => {
    await openTimeline();
    fireEvent.change(searchBox(), { target: { value: 'userName:bob' } });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(new URLSearchParams(window.location.hash.slice(1)).get('q')).toBe('userName:bob'));
    fireEvent.click(within(rowAt(1) as HTMLElement).getByRole('button', { name: 'Include sourceIp = 198.51.100.7' }));
    await waitFor(() =>
      expect(new URLSearchParams(window.location.hash.slice(1)).get('q')).toBe(
        'userName:bob AND sourceIp:198.51.100.7',
      ),
    );
    const back = async () =>
      act(async () => {
        const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
        window.history.back();
        await popped;
      });
    await back();
    await waitFor(() => expect(searchBox().value).toBe('userName:bob'));
    // bob is every even id: 150.
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('150'));
    await back();
    await waitFor(() => expect(searchBox().value).toBe(''));
  });

  it('a range set before the typed search has paused carries the search into its history step', async () => {
    await openTimeline();
    // Typed, not entered: the debounce has not run when the range is set.
    fireEvent.change(searchBox(), { target: { value: 'userName:bob' } });
    const fromBox = screen.getByRole('textbox', { name: /^From/ });
    fireEvent.change(fromBox, { target: { value: '2024-01-01T01:00:00Z' } });
    fireEvent.keyDown(fromBox, { key: 'Enter' });
    const toBox = screen.getByRole('textbox', { name: /^To/ });
    fireEvent.change(toBox, { target: { value: '2024-01-01T02:00:00Z' } });
    fireEvent.keyDown(toBox, { key: 'Enter' });
    // bob is every even id; 60..119 in range → 30.
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('30'));
    await act(async () => {
      const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
      window.history.back();
      await popped;
    });
    // One step back: the range before its end was set, with the search that was typed.
    await waitFor(() => expect((screen.getByRole('textbox', { name: /^To/ }) as HTMLInputElement).value).toBe(''));
    expect(searchBox().value).toBe('userName:bob');
    expect(new URLSearchParams(window.location.hash.slice(1)).get('q')).toBe('userName:bob');
  });

  it('saves, lists, applies and deletes searches in the case', async () => {
    await openTimeline();
    fireEvent.change(searchBox(), { target: { value: 'eventName:ConsoleLogin' } });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    const panel = screen.getByRole('group', { name: 'Saved searches' });
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Name for the current search' }), {
      target: { value: 'logins' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: 'Save current search' }));
    await waitFor(() =>
      expect(fake.callsOf('saveSearch')).toEqual([
        { name: 'logins', query: 'eventName:ConsoleLogin', from: null, to: null },
      ]),
    );
    const apply = await within(panel).findByRole('button', { name: 'logins' });
    fireEvent.change(searchBox(), { target: { value: '' } });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    fireEvent.click(apply);
    expect(searchBox().value).toBe('eventName:ConsoleLogin');
    // 300 / 5 = 60 logins.
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('60'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Delete saved search logins' }));
    await waitFor(() => expect(within(panel).queryByRole('button', { name: 'logins' })).toBeNull());
    expect(fake.searches).toEqual([]);
  });
});

describe('results first, totals after', { timeout: 20_000 }, () => {
  it('shows the first page before the count, dims stale rows while a query runs', async () => {
    const grid = await openTimeline();
    fake.hold('countEvents', 'histogram');
    fireEvent.change(searchBox(), { target: { value: 'userName:alice' } });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    // The first page of alice (odd ids) replaces the rows while the count is held…
    // (event n is at 00:0n: alice's rows are events 1, 3, …)
    await waitFor(() => expect(rowAt(2)?.textContent).toContain('2024-01-01 00:03:00.000'));
    // …150 rows fit one page (limit 200), so the short page already says how many there are.
    expect(grid.getAttribute('aria-rowcount')).toBe('150');
    expect(fake.callsOf('countEvents').at(-1)?.query).toBe('userName:alice');
    await act(async () => fake.releaseAll());

    // A held page: the old rows stay, dimmed, until the new ones come.
    fake.hold('queryEvents');
    fireEvent.change(searchBox(), { target: { value: 'userName:bob' } });
    fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await waitFor(() => expect(document.querySelector('.grid-frame.stale')).not.toBeNull());
    expect(screen.getByRole('grid').getAttribute('aria-busy')).toBe('true');
    await act(async () => fake.releaseAll());
    await waitFor(() => expect(document.querySelector('.grid-frame.stale')).toBeNull());
    await waitFor(() => expect(rowAt(1)?.textContent).toContain('2024-01-01 00:02:00.000'));
  });
});

describe('keys', { timeout: 20_000 }, () => {
  it('/ searches, j/k move, s stars, n notes, Esc closes, ? lists the keys', async () => {
    const grid = await openTimeline();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(searchBox());
    grid.focus();
    fireEvent.keyDown(grid, { key: 'j' });
    fireEvent.keyDown(grid, { key: 'j' });
    expect(rowAt(2)?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'k' });
    expect(rowAt(1)?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 's' });
    await waitFor(() => expect(fake.callsOf('annotate')).toEqual([{ id: 1, starred: true }]));
    await waitFor(() =>
      expect(within(rowAt(1) as HTMLElement).getByRole('button', { name: 'Starred (unstar)' })).toBeTruthy(),
    );
    fireEvent.keyDown(grid, { key: 'n' });
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    await waitFor(() => expect(document.activeElement).toBe(within(detail).getByRole('textbox', { name: 'Note' })));
    // Typing in the note is text, not shortcuts.
    fireEvent.keyDown(document.activeElement as Element, { key: 's' });
    expect(fake.callsOf('annotate')).toHaveLength(1);
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Event detail' })).toBeNull());
    fireEvent.keyDown(document.body, { key: '?' });
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Star or unstar the selected event')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});

describe('field statistics and histogram', { timeout: 20_000 }, () => {
  it("lists a field's top values under the filter with share, each a filter", async () => {
    await openTimeline();
    fireEvent.click(screen.getByRole('button', { name: 'Field statistics' }));
    const panel = screen.getByRole('complementary', { name: 'Field statistics' });
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Field' }), { target: { value: 'sourceIp' } });
    // ids divisible by 3 are 10.0.0.3: 100 of 300.
    await waitFor(() => expect(within(panel).getByText('10.0.0.3')).toBeTruthy());
    const row = within(panel).getByText('10.0.0.3').closest('tr') as HTMLElement;
    expect(within(row).getByText('100')).toBeTruthy();
    expect(within(row).getByText('33.3 %')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Exclude sourceIp = 10.0.0.3' }));
    expect(searchBox().value).toBe('NOT sourceIp:10.0.0.3');
    await waitFor(() =>
      expect(fake.callsOf('fieldStats').at(-1)).toMatchObject({ field: 'sourceIp', query: 'NOT sourceIp:10.0.0.3' }),
    );
    await waitFor(() => expect(within(panel).queryByText('10.0.0.3')).toBeNull());
  });

  it('splits the bars by a field with a legend', async () => {
    await openTimeline();
    fireEvent.change(screen.getByRole('combobox', { name: 'Split bars by' }), { target: { value: 'userName' } });
    await waitFor(() => expect(fake.callsOf('histogram').some((request) => request.splitBy === 'userName')).toBe(true));
    const legend = await screen.findByRole('list', { name: 'Split by values' });
    // 150 each: alice (odd ids), bob (even ids).
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['alice 150', 'bob 150']);
    expect(document.querySelectorAll('svg rect.bar.split').length).toBeGreaterThan(1);
  });

  it('zooms out and goes back to the previous range', async () => {
    await openTimeline();
    fireEvent.change(screen.getByRole('textbox', { name: /^From/ }), { target: { value: '2024-01-01T02:00:00Z' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^To/ }), { target: { value: '2024-01-01T03:00:00Z' } });
    fireEvent.keyDown(screen.getByRole('textbox', { name: /^To/ }), { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('60'));
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    // 01:00–04:00: ids 60..239 → 180 events.
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('180'));
    fireEvent.click(screen.getByRole('button', { name: 'Previous range' }));
    await waitFor(() => expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('60'));
  });

  it('goes to a time: the first event at or after it is selected', async () => {
    await openTimeline();
    fireEvent.change(screen.getByRole('textbox', { name: /^Go to time/ }), {
      target: { value: '2024-01-01T03:20:30Z' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    // 03:20:30 → the first event after it is id 201 (00:00 + 201 min = 03:21), row 201.
    await waitFor(() =>
      expect(document.querySelector('[role="row"][aria-selected="true"]')?.getAttribute('aria-rowindex')).toBe('201'),
    );
    await waitFor(() => expect(rowAt(201)?.textContent).toContain('2024-01-01 03:21:00.000'));
  });
});

describe('detail pane', { timeout: 20_000 }, () => {
  it('names the evidence file by path and SHA-256 and links to it in the evidence view', async () => {
    await openTimeline();
    fireEvent.click(rowAt(1) as HTMLElement);
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    await waitFor(() => expect(within(detail).getByText(FILE.sha256)).toBeTruthy());
    expect(within(detail).getByText(FILE.path, { exact: false })).toBeTruthy();
    fireEvent.click(within(detail).getByRole('button', { name: 'Show in evidence' }));
    expect(screen.getByRole('tab', { name: 'Evidence' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.getElementById('evidence-file-1')?.getAttribute('aria-current')).toBe('true'));
  });

  it('renders a planted 2,500-level JSON value as a capped tree, as text', async () => {
    const deep = `${'{"a":'.repeat(2500)}"<img src=x onerror=alert(1)>"${'}'.repeat(2500)}`;
    fake.events[0] = makeEvent(1, {
      fields: { requestParameters: deep, responseElements: '{"bucketName":"acme-exports","n":3}' },
    });
    await openTimeline();
    fireEvent.click(rowAt(1) as HTMLElement);
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    const tree = await within(detail).findByRole('list', { name: 'requestParameters (JSON)' });
    expect(within(tree).getAllByRole('listitem')).toHaveLength(52);
    expect(within(tree).getByText(/nested deeper than 50 levels/)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    // A nested value filters on its field (JSON fields match a value anywhere in them).
    const response = within(detail).getByRole('list', { name: 'responseElements (JSON)' });
    fireEvent.click(within(response).getByText('acme-exports'));
    expect(searchBox().value).toBe('responseElements:acme-exports');
  });
});

describe('custody view', { timeout: 20_000 }, () => {
  it('totals by status, tells unsupported from failed, shows importer, audit log and verification', async () => {
    fake = new FakeCairn({
      events: events(),
      evidence: [
        FILE,
        {
          ...FILE,
          id: 2,
          path: '/evidence/notes.pdf',
          name: 'notes.pdf',
          format: 'pdf',
          status: 'unsupported',
          records: 0,
        },
      ],
      audit: [
        {
          id: 1,
          at: Date.UTC(2024, 5, 1),
          actor: 'bridge',
          action: 'ingest',
          detail: '{"files":2}',
          hash: 'ab'.repeat(32),
        },
      ],
      verify: {
        ok: false,
        case: { integrity: 'ok', auditChain: 'ok', head: 'ab'.repeat(32) },
        files: [
          { path: FILE.path, sha256: FILE.sha256, status: 'ok' },
          { path: '/evidence/notes.pdf', sha256: 'x', status: 'modified' },
        ],
        records: { expected: 300, found: 300 },
      },
    });
    renderWithApi(<App />, fake);
    fireEvent.click(await screen.findByRole('tab', { name: 'Evidence' }));
    const totals = await screen.findByRole('list', { name: 'By status' });
    expect(
      within(totals)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['ingested 1', 'unsupported 1']);
    const table = screen.getByRole('table', { name: /^Evidence/ });
    expect(within(table).getByText('unsupported').getAttribute('title')).toBe('recorded, format not supported');
    expect(within(table).getAllByText(/by bridge/)).toHaveLength(2);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search evidence' }), { target: { value: 'pdf' } });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Audit log' })).getByText('ingest')).toBeTruthy(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Verify case' }));
    const status = await screen.findByText(/Problems found/);
    expect(status.textContent).toContain('1 of 2 files');
    expect(screen.getByText('modified')).toBeTruthy();
  });
});

describe('columns', { timeout: 20_000 }, () => {
  it('resize by dragging the header edge, remembered in settings', async () => {
    await openTimeline();
    const header = screen.getAllByRole('columnheader').find((cell) => cell.textContent === 'eventName') as HTMLElement;
    const handle = header.querySelector('.col-resize') as HTMLElement;
    fireEvent.pointerDown(handle, { clientX: 500, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 560, pointerId: 1 });
    fireEvent.pointerUp(handle, { pointerId: 1 });
    // eventName is a text field: 180 px by default, + 60.
    expect(JSON.parse(localStorage.getItem('cairn.timeline.widths') ?? '{}')).toEqual({ eventName: 240 });
    const template = rowAt(1)?.style.gridTemplateColumns ?? '';
    expect(template.split(' ')[2]).toBe('240px');
  });
});

describe('theme', () => {
  it('follows the system by default, and remembers light or dark', async () => {
    renderWithApi(<App />, fake);
    const theme = (await screen.findByRole('combobox', { name: 'Theme' })) as HTMLSelectElement;
    expect(theme.value).toBe('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
    fireEvent.change(theme, { target: { value: 'light' } });
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem('cairn.theme')).toBe('light');
    fireEvent.change(theme, { target: { value: 'system' } });
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
