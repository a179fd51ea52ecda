import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EvidenceFileInfo } from '../../../preload/contract/api.js';
import { App } from '../../../renderer/App';
import { EvidenceView } from '../../../renderer/features/evidence/EvidenceView';
import { FakeCairn, makeEvent } from '../fake-api.js';
import { renderWithApi, useLayoutStub } from '../render';

const SHA = 'a'.repeat(64);

function file(id: number, fields: Partial<EvidenceFileInfo> = {}): EvidenceFileInfo {
  return {
    id,
    parentId: null,
    path: `/evidence/file-${id}.json.gz`,
    name: `file-${id}.json.gz`,
    bytes: 2048,
    sha256: SHA,
    format: 'cloudtrail-json',
    status: 'ingested',
    records: 120,
    inserted: 118,
    duplicates: 2,
    importedAt: id,
    importedBy: 'cli',
    errors: [],
    ...fields,
  };
}

useLayoutStub();
// The view is part of the place (the URL fragment): every test starts from a clean address.
beforeEach(() => window.history.replaceState(null, '', '/'));
afterEach(cleanup);

describe('evidence inventory', () => {
  it('lists files as a tree with format, status, counts, hash and expandable errors', async () => {
    const fake = new FakeCairn({
      evidence: [
        file(1, { path: '/evidence/logs.zip', name: 'logs.zip', format: 'zip', status: 'partial' }),
        file(2, {
          parentId: 1,
          path: '/evidence/logs.zip!/b.json',
          name: 'b.json',
          status: 'failed',
          errors: [{ location: 'line 7', message: 'Unexpected token <script>' }],
        }),
        file(3, { parentId: 1, path: '/evidence/logs.zip!/a.json', name: 'a.json' }),
      ],
    });
    renderWithApi(<EvidenceView onIngestDone={() => undefined} active />, fake);
    const table = await screen.findByRole('table', { name: /^Evidence/ });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      '/evidence/logs.zip',
      '└ a.json',
      '└ b.json',
    ]);
    const failed = rows[2] as HTMLElement;
    expect(within(failed).getByText('failed')).toBeTruthy();
    expect(within(failed).getByText('1 error')).toBeTruthy();
    expect(within(failed).getByText(/Unexpected token <script>/)).toBeTruthy();
    expect(document.querySelector('script')).toBeNull();
    expect(within(rows[0] as HTMLElement).getByText(SHA).className).toContain('mono');
    expect(within(rows[0] as HTMLElement).getByText('120')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('2')).toBeTruthy();
  });

  it('copies a hash', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void written.push(text) },
    });
    renderWithApi(<EvidenceView onIngestDone={() => undefined} active />, new FakeCairn({ evidence: [file(1)] }));
    fireEvent.click(await screen.findByRole('button', { name: `Copy SHA-256 ${SHA}` }));
    await waitFor(() => expect(written).toEqual([SHA]));
  });
});

describe('adding evidence', () => {
  it('falls back to server-side paths when the picker is unavailable, then shows progress until done', async () => {
    const fake = new FakeCairn({ dialogUnavailable: true, ingestSteps: 3 });
    const done = vi.fn();
    renderWithApi(<EvidenceView onIngestDone={done} active />, fake);
    fireEvent.click(screen.getByRole('button', { name: 'Add evidence' }));
    const paths = await screen.findByRole('textbox', { name: /Paths on the machine/ });
    fireEvent.change(paths, { target: { value: '/srv/evidence/a.json\n\n /srv/evidence/with space/ \n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(fake.callsOf('startIngest')).toEqual([{ paths: ['/srv/evidence/a.json', '/srv/evidence/with space/'] }]),
    );
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    expect(screen.getByText('files 1 / 2')).toBeTruthy();
    expect(screen.getByText(/about 2 s left/)).toBeTruthy();
    await waitFor(() => expect(done).toHaveBeenCalledTimes(1), { timeout: 3000 });
    expect(screen.getByText('Import finished.')).toBeTruthy();
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(fake.callsOf('ingestStatus').length).toBe(3);
    // The inventory is listed again after the import.
    expect(fake.callsOf('listEvidence').length).toBeGreaterThanOrEqual(2);
  });

  it('uses the native picker on the desktop and cancels a running import', async () => {
    const fake = new FakeCairn({ ingestSteps: 1000 });
    renderWithApi(<EvidenceView onIngestDone={() => undefined} active />, fake);
    fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    await waitFor(() => expect(fake.callsOf('addEvidenceDialog')).toEqual([{ kind: 'folder' }]));
    const cancel = await screen.findByRole('button', { name: 'Cancel import' });
    expect(screen.queryByRole('textbox', { name: /Paths on the machine/ })).toBeNull();
    fireEvent.click(cancel);
    await waitFor(() => expect(fake.callsOf('cancelIngest')).toEqual([{ jobId: 'job-1' }]));
  });

  it('refreshes the timeline when an import finishes', async () => {
    const fake = new FakeCairn({ events: [makeEvent(1), makeEvent(2)], ingestSteps: 2 });
    renderWithApi(<App />, fake);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('2'));
    fireEvent.click(screen.getByRole('tab', { name: 'Evidence' }));
    expect(screen.getByRole('tab', { name: 'Evidence' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Evidence' })).toBeTruthy();
    await act(async () => {
      fake.events.push(makeEvent(3));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add evidence' }));
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('3'), { timeout: 3000 });
  });
});

describe('no case open', () => {
  it('welcomes with the demo button, then opens the demo', async () => {
    const fake = new FakeCairn({ noCase: true, events: [makeEvent(1)] });
    renderWithApi(<App />, fake);
    const button = await screen.findByRole('button', { name: 'Open demo incident' });
    expect(screen.getByText(/File ▸ New/)).toBeTruthy();
    fireEvent.click(button);
    await waitFor(() => expect(fake.callsOf('openDemo')).toHaveLength(1));
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('1'));
  });
});

describe('tabs', () => {
  it('follows the ARIA tabs pattern', async () => {
    renderWithApi(<App />, new FakeCairn({ events: [makeEvent(1)] }));
    const tablist = await screen.findByRole('tablist');
    const [timeline, evidence] = within(tablist).getAllByRole('tab') as [HTMLElement, HTMLElement];
    expect(timeline.getAttribute('aria-selected')).toBe('true');
    expect(timeline.getAttribute('aria-controls')).toBe('panel-timeline');
    fireEvent.keyDown(timeline, { key: 'ArrowRight' });
    expect(evidence.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(evidence);
    expect(screen.getByRole('tabpanel', { name: 'Evidence' })).toBeTruthy();
  });
});
