import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowConversation } from '../../../preload/contract/analysis';
import { App } from '../../../renderer/App';
import { FAKE_FLOWS, FAKE_IDS, FakeCairn, makeEvent } from '../fake-api.js';
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
  fake = new FakeCairn({
    events: [
      makeEvent(1, { fields: { accessKeyId: FAKE_IDS.leakedKey, principalArn: FAKE_IDS.devArn, eventName: 'AssumeRole' } }),
      makeEvent(2, { fields: { sourceIp: FAKE_IDS.returnClient } }),
    ],
  });
});
afterEach(cleanup);

async function openTab(name: 'Flows' | 'Identity') {
  renderWithApi(<App />, fake);
  fireEvent.click(await screen.findByRole('tab', { name }));
}

function searchBox(): HTMLInputElement {
  return screen.getByRole('searchbox') as HTMLInputElement;
}

describe('flows view', () => {
  it('lists conversations with verdict badges, sorted by bytes, and filters by verdict', async () => {
    await openTab('Flows');
    const table = await screen.findByRole('table', { name: 'Conversations' });
    const rows = () => within(table).getAllByRole('row').slice(1);
    await waitFor(() => expect(rows()).toHaveLength(3));
    // Biggest first.
    expect(rows()[0]?.textContent).toContain(FAKE_IDS.exfil);
    expect(within(table).getByText('return blocked')).toBeTruthy();
    // Sort by records: descending first, then ascending.
    fireEvent.click(within(table).getByRole('button', { name: /Records/ }));
    await waitFor(() => expect(rows()[0]?.textContent).toContain(FAKE_IDS.returnClient));
    expect(within(table).getByRole('columnheader', { name: /Records/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.change(screen.getByRole('combobox', { name: 'Verdict filter' }), { target: { value: 'return-blocked' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(fake.callsOf('flowPairs').at(-1)).toEqual({ verdict: 'return-blocked' });
  });

  it('explains the selected conversation: NACL id, rule number and direction, the rule highlighted', async () => {
    await openTab('Flows');
    const table = await screen.findByRole('table', { name: 'Conversations' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const row = within(table).getByText('return blocked').closest('tr') as HTMLElement;
    fireEvent.click(row);
    const panel = await screen.findByRole('region', { name: 'Explanation' });
    expect(within(panel).getByText(FAKE_IDS.nacl, { selector: 'dd' })).toBeTruthy();
    expect(within(panel).getByText('#90')).toBeTruthy();
    expect(within(panel).getByText('egress', { selector: 'dd' })).toBeTruthy();
    const marks = panel.querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toEqual([FAKE_IDS.nacl, 'rule 90']);
  });

  it('shows scans and the top-talkers chart with DNS names as SVG text', async () => {
    await openTab('Flows');
    const chart = await screen.findByRole('img', { name: 'Top talkers by bytes' });
    expect(chart.textContent).toContain(`${FAKE_IDS.exfil} (${FAKE_IDS.exfilName})`);
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(2);
    const scans = await screen.findByRole('list', { name: 'Scans' });
    expect(scans.textContent).toContain(FAKE_IDS.scanner);
    expect(scans.textContent).toContain('vertical');
  });

  it('explains a flow from the form', async () => {
    await openTab('Flows');
    const form = await screen.findByRole('form', { name: 'Explain a flow' });
    fireEvent.change(within(form).getByLabelText('Source'), { target: { value: '198.51.100.30' } });
    fireEvent.change(within(form).getByLabelText('Destination'), { target: { value: '10.0.1.10' } });
    fireEvent.change(within(form).getByLabelText('Port'), { target: { value: '8080' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Explain' }));
    const result = await within(form).findByRole('status');
    expect(result.textContent).toContain('blocked');
    expect(fake.callsOf('explainFlow')).toEqual([{ src: '198.51.100.30', dst: '10.0.1.10', dstPort: 8080, protocol: 'tcp' }]);
    fireEvent.change(within(form).getByLabelText('Port'), { target: { value: 'x' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Explain' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/port/);
  });

  it('pivots an address to the timeline as srcIp:X OR dstIp:X, and an ENI as eni:X', async () => {
    await openTab('Flows');
    const table = await screen.findByRole('table', { name: 'Conversations' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    fireEvent.click(within(table).getAllByRole('button', { name: FAKE_IDS.returnClient })[0] as HTMLElement);
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected')).toBe('true'));
    await waitFor(() => expect(searchBox().value).toBe(`srcIp:${FAKE_IDS.returnClient} OR dstIp:${FAKE_IDS.returnClient}`));
    await waitFor(() => expect(window.location.hash).toContain('q=srcIp'));
    expect(window.location.hash).not.toContain('view=');
    fireEvent.click(screen.getByRole('tab', { name: 'Flows' }));
    expect(window.location.hash).toContain('view=flows');
    fireEvent.click(within(table).getAllByRole('button', { name: FAKE_IDS.eni })[0] as HTMLElement);
    await waitFor(() => expect(searchBox().value).toBe(`eni:${FAKE_IDS.eni}`));
  });

  it('pages thousands of conversations and shows attacker text as text', async () => {
    const many: FlowConversation[] = Array.from({ length: 2500 }, (_, index) => ({
      ...(FAKE_FLOWS[0] as FlowConversation),
      client: index === 0 ? XSS : `10.9.${Math.floor(index / 250)}.${index % 250}`,
      bytes: index,
      explanation: { ...(FAKE_FLOWS[0] as FlowConversation).explanation, text: XSS },
    }));
    fake.flows = many;
    await openTab('Flows');
    const table = await screen.findByRole('table', { name: 'Conversations' });
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBe(101));
    expect(screen.getByText(/Page 1 of 25/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByText(/Page 2 of 25/)).toBeTruthy());
    fireEvent.click(within(table).getByRole('columnheader', { name: /Bytes/ }).querySelector('button') as HTMLElement);
    // Ascending bytes: the XSS row (0 bytes) is first on page 1 after the sort reset.
    await waitFor(() => expect(within(table).queryByText(XSS)).not.toBeNull());
    fireEvent.click(within(table).getByText(XSS).closest('tr') as HTMLElement);
    const panel = await screen.findByRole('region', { name: 'Explanation' });
    expect(panel.textContent).toContain(XSS);
    expect(document.querySelector('img')).toBeNull();
    expect(window.__pwned).toBeUndefined();
  });
});

describe('identity view', () => {
  async function seed(value: string) {
    const box = await screen.findByRole('textbox', { name: /Seed/ });
    fireEvent.change(box, { target: { value } });
    fireEvent.click(screen.getByRole('button', { name: 'Blast radius' }));
  }

  it('draws the blast radius: shapes by kind, dashed = potential only, notes and the admin badge', async () => {
    await openTab('Identity');
    await seed(FAKE_IDS.leakedKey);
    const graph = await screen.findByRole('group', { name: 'Blast radius graph' });
    const node = (id: string) =>
      [...graph.querySelectorAll('[data-id]')].find((element) => element.getAttribute('data-id') === id) ?? null;
    await waitFor(() => expect(node(FAKE_IDS.roleArn)).not.toBeNull());
    expect(node(FAKE_IDS.roleArn)?.getAttribute('data-evidence')).toBe('observed');
    expect(node(FAKE_IDS.roleArn)?.querySelector('path')?.getAttribute('stroke-dasharray')).toBeNull();
    expect(node(FAKE_IDS.backupBucket)?.getAttribute('data-evidence')).toBe('potential-only');
    expect(node(FAKE_IDS.backupBucket)?.querySelector('path')?.getAttribute('stroke-dasharray')).toBe('4 3');
    // Shape by kind: the key is a diamond, the role a hexagon (different paths).
    expect(node(FAKE_IDS.leakedKey)?.querySelector('path')?.getAttribute('d')).not.toBe(
      node(FAKE_IDS.roleArn)?.querySelector('path')?.getAttribute('d'),
    );
    // Labels are text nodes.
    expect(node(FAKE_IDS.roleArn)?.querySelector('text')?.textContent).toBe('role/deploy');
    expect(screen.getByRole('list', { name: 'Notes' }).textContent).toContain('IAM snapshot');
    expect(screen.getByText('admin-equivalent').parentElement?.textContent).toContain('iam:CreateAccessKey, iam:CreateUser');
    expect(window.location.hash).toContain(`seed=${FAKE_IDS.leakedKey}`);
    expect(window.location.hash).toContain('view=identity');
    // Filters: potential only hides the observed role; a kind can be hidden.
    fireEvent.change(screen.getByRole('combobox', { name: 'Evidence filter' }), { target: { value: 'potential-only' } });
    await waitFor(() => expect(node(FAKE_IDS.roleArn)).toBeNull());
    expect(node(FAKE_IDS.backupBucket)).not.toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: /bucket/ }));
    await waitFor(() => expect(node(FAKE_IDS.backupBucket)).toBeNull());
  });

  it('collapses a fan of more than 50 objects into one node that expands on click', async () => {
    const base = await fake.api.blastRadius({ seed: FAKE_IDS.leakedKey });
    if (!base.ok) throw new Error('no graph');
    const objects = Array.from({ length: 120 }, (_, index) => `${FAKE_IDS.dataBucket}/file-${index}`);
    fake.blast = {
      ...base.value,
      nodes: [...base.value.nodes, ...objects.map((id) => ({ id, kind: 'object', label: id, potential: true, observed: false }))],
      edges: [
        ...base.value.edges,
        ...objects.map((id) => ({ from: FAKE_IDS.dataBucket, to: id, kind: 'can-access', potential: true, observed: false, actions: [], eventIds: [] })),
      ],
    };
    await openTab('Identity');
    await seed(FAKE_IDS.leakedKey);
    const graph = await screen.findByRole('group', { name: 'Blast radius graph' });
    const group = await within(graph).findByRole('button', { name: /120 objects/ });
    expect(graph.querySelectorAll('.blast-node')).toHaveLength(7);
    fireEvent.click(group);
    await waitFor(() => expect(graph.querySelectorAll('.blast-node')).toHaveLength(126));
    fireEvent.click(screen.getByRole('button', { name: 'Collapse groups' }));
    await waitFor(() => expect(graph.querySelectorAll('.blast-node')).toHaveLength(7));
  });

  it('opens a node’s profile and pivots its events to the timeline', async () => {
    await openTab('Identity');
    await seed(FAKE_IDS.leakedKey);
    const graph = await screen.findByRole('group', { name: 'Blast radius graph' });
    await waitFor(() => expect(graph.querySelector(`[data-id="${FAKE_IDS.leakedKey}"]`)).not.toBeNull());
    fireEvent.click(graph.querySelector(`[data-id="${FAKE_IDS.leakedKey}"]`) as Element);
    const profile = await screen.findByRole('region', { name: 'Entity profile' });
    await waitFor(() => expect(profile.textContent).toContain('20.0%'));
    expect(fake.callsOf('entityProfile').at(-1)).toEqual({ kind: 'accessKey', id: FAKE_IDS.leakedKey });
    expect(within(profile).getByRole('group', { name: 'Unusual in this range' }).textContent).toContain('CreateUser');
    expect(within(profile).getByRole('img', { name: 'Event names' }).textContent).toContain('GetObject');
    fireEvent.click(within(profile).getByRole('button', { name: 'Show events' }));
    await waitFor(() => expect(searchBox().value).toBe(`accessKeyId:${FAKE_IDS.leakedKey}`));
  });

  it('shows the lineage of a key root first, created keys as branches, events as pivots', async () => {
    await openTab('Identity');
    await seed(FAKE_IDS.sessionKey);
    const tree = await screen.findByRole('tree', { name: 'Credential chain' });
    const items = within(tree).getAllByRole('treeitem');
    expect(items.map((item) => item.getAttribute('aria-level'))).toEqual(['1', '2', '3', '4', '4']);
    expect(items[0]?.textContent).toContain(FAKE_IDS.devArn);
    expect(items[4]?.textContent).toContain(FAKE_IDS.createdKey);
    fireEvent.click(within(tree).getByRole('button', { name: 'evt-assume-1' }));
    await waitFor(() => expect(searchBox().value).toBe('eventId:evt-assume-1'));
  });

  it('restores the view and the seed from the URL on reload', async () => {
    window.history.replaceState(null, '', `/#view=identity&seed=${FAKE_IDS.leakedKey}`);
    renderWithApi(<App />, fake);
    expect((await screen.findByRole('tab', { name: 'Identity' })).getAttribute('aria-selected')).toBe('true');
    await screen.findByRole('group', { name: 'Blast radius graph' });
    expect((screen.getByRole('textbox', { name: /Seed/ }) as HTMLInputElement).value).toBe(FAKE_IDS.leakedKey);
    expect(fake.callsOf('blastRadius')).toEqual([{ seed: FAKE_IDS.leakedKey }]);
  });

  it('follows the view and seed of a fragment changed by Back/Forward or by hand', async () => {
    renderWithApi(<App />, fake);
    await screen.findByRole('grid');
    window.history.pushState(null, '', `/#view=identity&seed=${FAKE_IDS.leakedKey}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Identity' }).getAttribute('aria-selected')).toBe('true'));
    await screen.findByRole('group', { name: 'Blast radius graph' });
    window.history.back();
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected')).toBe('true'));
  });

  it('starts from the timeline: Blast radius and profile links in the event detail', async () => {
    renderWithApi(<App />, fake);
    const grid = await screen.findByRole('grid');
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('2'));
    await waitFor(() => expect(document.querySelector('[role="row"][aria-rowindex="1"]')?.textContent).toContain('AssumeRole'));
    fireEvent.click(document.querySelector('[role="row"][aria-rowindex="1"]') as Element);
    const detail = await screen.findByRole('region', { name: 'Event detail' });
    await within(detail).findByText('AssumeRole', { selector: 'h2' });
    fireEvent.click(within(detail).getByRole('button', { name: `Profile of principalArn ${FAKE_IDS.devArn}` }));
    const profile = await screen.findByRole('region', { name: 'Entity profile' });
    expect(screen.getByRole('tab', { name: 'Identity' }).getAttribute('aria-selected')).toBe('true');
    expect(profile.textContent).toContain(FAKE_IDS.devArn);
    expect(fake.callsOf('entityProfile').at(-1)).toEqual({ kind: 'principal', id: FAKE_IDS.devArn });
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    fireEvent.click(within(detail).getByRole('button', { name: 'Blast radius' }));
    await screen.findByRole('group', { name: 'Blast radius graph' });
    expect((screen.getByRole('textbox', { name: /Seed/ }) as HTMLInputElement).value).toBe(FAKE_IDS.leakedKey);
  });
});
