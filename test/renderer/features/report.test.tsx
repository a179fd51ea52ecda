import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/App';
import { FakeCairn, makeEvent } from '../fake-api.js';
import { renderWithApi, useLayoutStub } from '../render';

const XSS = '<img src=x onerror="window.__pwned=1">';

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
  window.history.replaceState(null, '', '/');
  fake = new FakeCairn({ events: [makeEvent(1), makeEvent(2, { fields: { eventName: 'StopLogging' } })] });
});
afterEach(cleanup);

async function openReport() {
  renderWithApi(<App />, fake);
  fireEvent.click(await screen.findByRole('tab', { name: 'Report' }));
  await screen.findByRole('heading', { name: 'Lessons learned' });
}

function frame(): HTMLIFrameElement {
  return screen.getByTitle('Report preview') as HTMLIFrameElement;
}

function reviewGroup(name: string) {
  return screen.getByRole('region', { name });
}

describe('report view', () => {
  it('shows the preview in an iframe with an empty sandbox and the HTML as srcdoc; Refresh re-fetches', async () => {
    fake.sections.set('summary', { section: 'summary', text: XSS, author: 'analyst', updatedAt: 1 });
    await openReport();
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('Incident report'));
    const iframe = frame();
    expect(iframe.getAttribute('sandbox')).toBe('');
    expect(iframe.hasAttribute('src')).toBe(false);
    // The evidence-derived HTML is an attribute's text: nothing of it is parsed into this document.
    expect(iframe.getAttribute('srcdoc')).toContain('&lt;img src=x');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(window.__pwned).toBeUndefined();
    expect(new URL(window.location.href).hash).toContain('view=report');
    const before = fake.callsOf('reportPreview').length;
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(fake.callsOf('reportPreview').length).toBe(before + 1));
    await waitFor(() => expect(frame().getAttribute('sandbox')).toBe(''));
  });

  it('saves a section, shows who saved it and when, and shows it in the preview after Refresh', async () => {
    await openReport();
    const summary = screen.getByRole('group', { name: 'Summary' });
    expect(within(summary).getByText('Not written yet')).toBeTruthy();
    const save = within(summary).getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(summary).getByRole('textbox'), { target: { value: 'Root credentials were leaked.' } });
    fireEvent.click(save);
    await waitFor(() => expect(within(summary).getByText(/Saved by analyst at 2024-06-01/)).toBeTruthy());
    expect(fake.callsOf('setReportSection')).toEqual([{ section: 'summary', text: 'Root credentials were leaked.' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('Root credentials were leaked.'));
    // Empty text clears the section.
    fireEvent.change(within(summary).getByRole('textbox'), { target: { value: '' } });
    fireEvent.click(within(summary).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(summary).getByText('Not written yet')).toBeTruthy());
    expect(fake.sections.has('summary')).toBe(false);
  });

  it('edits every phase section', async () => {
    await openReport();
    for (const name of ['What happened', 'Preparation', 'Identification', 'Containment', 'Investigation', 'Eradication', 'Recovery', 'Follow-up']) {
      expect(screen.getByRole('group', { name })).toBeTruthy();
    }
    const containment = screen.getByRole('group', { name: 'Containment' });
    fireEvent.change(within(containment).getByRole('textbox'), { target: { value: 'Key AKIA… deactivated' } });
    fireEvent.click(within(containment).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.sections.get('containment')?.text).toBe('Key AKIA… deactivated'));
  });

  it('adds an action item with owner, due date and status, completes it and deletes it', async () => {
    await openReport();
    const form = screen.getByRole('form', { name: 'Add a review item' });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Kind' }), { target: { value: 'action' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Text' }), { target: { value: 'Enable MFA on root' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Owner' }), { target: { value: 'sec-team' } });
    fireEvent.change(within(form).getByLabelText('Due'), { target: { value: '2026-01-15' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    const actions = () => reviewGroup('Action items');
    const row = await within(actions()).findByRole('listitem', { name: 'Enable MFA on root' });
    expect(row.textContent).toContain('owner sec-team');
    expect(row.textContent).toContain('due 2026-01-15');
    expect(fake.callsOf('addReviewItem')).toEqual([
      { kind: 'action', text: 'Enable MFA on root', owner: 'sec-team', dueAt: Date.UTC(2026, 0, 15), status: 'open' },
    ]);
    // The form is empty again.
    expect((within(form).getByRole('textbox', { name: 'Text' }) as HTMLTextAreaElement).value).toBe('');

    fireEvent.change(within(row).getByRole('combobox', { name: 'Status of Enable MFA on root' }), { target: { value: 'done' } });
    await waitFor(() => expect(fake.review[0]?.status).toBe('done'));
    await waitFor(() =>
      expect(within(actions()).getByRole('listitem', { name: 'Enable MFA on root' }).className).toContain('done'),
    );

    fireEvent.click(within(actions()).getByRole('button', { name: 'Delete Enable MFA on root' }));
    await waitFor(() => expect(within(actions()).queryByRole('listitem')).toBeNull());
    expect(fake.review).toEqual([]);
  });

  it('adds the other kinds without owner or due date; refuses empty text', async () => {
    await openReport();
    const form = screen.getByRole('form', { name: 'Add a review item' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    expect(await within(form).findByRole('alert')).toHaveProperty('textContent', ' Write what the item says.');
    expect(fake.callsOf('addReviewItem')).toEqual([]);
    fireEvent.change(within(form).getByRole('combobox', { name: 'Kind' }), { target: { value: 'gap' } });
    expect(within(form).queryByRole('textbox', { name: 'Owner' })).toBeNull();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Text' }), { target: { value: XSS } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    await within(reviewGroup('Gaps')).findByText(XSS);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(fake.callsOf('addReviewItem')).toEqual([{ kind: 'gap', text: XSS }]);
  });

  it('links a new item to the event open in the timeline, and "show event" opens the timeline on it', async () => {
    window.history.replaceState(null, '', '/#ev=2');
    await openReport();
    const form = screen.getByRole('form', { name: 'Add a review item' });
    expect(within(form).getByRole('checkbox', { name: /selected event \(#2\)/ })).toHaveProperty('checked', true);
    fireEvent.change(within(form).getByRole('combobox', { name: 'Kind' }), { target: { value: 'went-badly' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Text' }), { target: { value: 'Logging was stopped' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    const group = reviewGroup('Went badly');
    const show = await within(group).findByRole('button', { name: 'Show event #2' });
    expect(fake.callsOf('addReviewItem')).toEqual([{ kind: 'went-badly', text: 'Logging was stopped', eventId: 2 }]);
    window.history.replaceState(null, '', '/#view=report');
    fireEvent.click(show);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected')).toBe('true'));
    await waitFor(() => expect(new URL(window.location.href).hash).toContain('ev=2'));
    await waitFor(() => expect(fake.callsOf('getEvent').some((request) => request.id === 2)).toBe(true));
  });

  it('links an existing item to the selected event', async () => {
    fake.review = [
      { id: 50, kind: 'gap', text: 'No alert on StopLogging', owner: null, dueAt: null, status: null, eventId: null, author: 'a', createdAt: 1, updatedAt: 1 },
    ];
    window.history.replaceState(null, '', '/#ev=1');
    await openReport();
    fireEvent.click(screen.getByRole('button', { name: 'Link No alert on StopLogging to event #1' }));
    await within(reviewGroup('Gaps')).findByRole('button', { name: 'Show event #1' });
    expect(fake.callsOf('updateReviewItem')).toEqual([{ id: 50, eventId: 1 }]);
  });

  it('keeps the Report view over a reload (the place names it)', async () => {
    window.history.replaceState(null, '', '/#view=report');
    renderWithApi(<App />, fake);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Report' }).getAttribute('aria-selected')).toBe('true'));
    await screen.findByRole('heading', { name: 'Lessons learned' });
  });

  it('offers the exports once the preview is there, and points to the CLI for PDF and the bundle', async () => {
    await openReport();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Download HTML' }) as HTMLButtonElement).disabled).toBe(false));
    const clicked: { download: string; href: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    };
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Download HTML' }));
      fireEvent.click(screen.getByRole('button', { name: 'Download Markdown' }));
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked.map((entry) => entry.download)).toEqual(['incident-report-case-1.html', 'incident-report-case-1.md']);
    expect(clicked[0]?.href.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(clicked[1]?.href.startsWith('data:text/markdown;charset=utf-8,')).toBe(true);
    expect(screen.getByText(/cairn report CASE --format pdf/)).toBeTruthy();
    expect(screen.getByText(/cairn export CASE --bundle/)).toBeTruthy();
  });
});
