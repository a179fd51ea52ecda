import { describe, expect, it } from 'vitest';
import type { EvidenceFileInfo } from '../../../preload/contract/api.js';
import { evidenceTotals, inventoryRows } from '../../../renderer/features/evidence/evidence-model';
import { formatShare, statLines } from '../../../renderer/features/timeline/field-stats';
import { isTyping, timelineKey, TIMELINE_KEYS } from '../../../renderer/features/timeline/timeline-keys';
import { shortenArn, shortenMiddle } from '../../../renderer/lib/arn';
import { labelAnchor, seriesLabel, stackSegments, zoomOut } from '../../../renderer/lib/histogram-split';
import { serializeSvg, svgDataUrl } from '../../../renderer/lib/svg-export';

describe('ARN shortening', () => {
  it('keeps role and session readable, cutting partition, region and most of the account', () => {
    const arn =
      'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com';
    const short = shortenArn(arn, 100);
    expect(short).toBe('sts:…3333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com');
    // Narrower: the end (session) survives.
    const narrow = shortenArn(arn, 40);
    expect(narrow.length).toBeLessThanOrEqual(40);
    expect(narrow.endsWith('/alice@example.com')).toBe(true);
    expect(narrow.startsWith('sts:…')).toBe(true);
    // Short enough already: unchanged.
    expect(shortenArn('arn:aws:iam::1:user/bob', 40)).toBe('arn:aws:iam::1:user/bob');
  });

  it('cuts other text in the middle without splitting characters', () => {
    expect(shortenMiddle('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abc…uvwxyz'); // 3 + … + 6: the end matters more
    expect([...shortenMiddle('😀'.repeat(30), 7)]).toHaveLength(7);
    expect(shortenMiddle('short', 10)).toBe('short');
  });
});

describe('timeline keys', () => {
  const key = (value: string, target: EventTarget | null = document.body, extra = {}) =>
    timelineKey({ key: value, ctrlKey: false, metaKey: false, altKey: false, target, ...extra });

  it("maps the brief's keys, and lists every one in the help", () => {
    expect([key('/'), key('s'), key('t'), key('n'), key('j'), key('k'), key('?'), key('Escape')]).toEqual([
      'search',
      'star',
      'tag',
      'note',
      'next',
      'previous',
      'help',
      'close',
    ]);
    const listed = TIMELINE_KEYS.map((entry) => entry.key).join(' ');
    for (const name of ['/', 's', 't', 'n', 'j', 'k', '?', 'Esc', 'Enter']) expect(listed).toContain(name);
  });

  it('leaves letters alone while typing, and modified keys to the browser', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const textarea = document.createElement('textarea');
    expect(key('s', input)).toBeNull();
    expect(key('/', textarea)).toBeNull();
    expect(key('s', checkbox)).toBe('star');
    expect(key('Escape', input)).toBe('close');
    expect(key('s', document.body, { ctrlKey: true })).toBeNull();
    expect(key('x')).toBeNull();
    expect(isTyping(null)).toBe(false);
  });
});

describe('field statistics', () => {
  it('gives each value its share of the matching rows and counts the rest', () => {
    const { lines, others } = statLines({
      field: 'eventName',
      total: 200,
      values: [
        { value: 'GetObject', count: 150 },
        { value: null, count: 30 },
      ],
    });
    expect(lines).toEqual([
      { value: 'GetObject', count: 150, share: 0.75 },
      { value: null, count: 30, share: 0.15 },
    ]);
    expect(others).toBe(20);
    expect(statLines({ field: 'x', total: 0, values: [] })).toEqual({ lines: [], others: 0 });
    expect([formatShare(0.75), formatShare(0.0004), formatShare(1), formatShare(0)]).toEqual([
      '75.0 %',
      '< 0.1 %',
      '100 %',
      '0 %',
    ]);
  });
});

describe('split histogram', () => {
  it('stacks the series bottom up per bucket, skipping empty pieces', () => {
    const histogram = {
      start: 0,
      bucketMs: 1000,
      counts: [3, 0, 5],
      series: [
        { value: 'a', counts: [2, 0, 0] },
        { value: null, counts: [1, 0, 5] },
      ],
    };
    expect(stackSegments(histogram)).toEqual([
      { index: 0, series: 0, low: 0, high: 2 },
      { index: 0, series: 1, low: 2, high: 3 },
      { index: 2, series: 1, low: 0, high: 5 },
    ]);
    expect(stackSegments({ start: 0, bucketMs: 1, counts: [0, 4] })).toEqual([
      { index: 1, series: 0, low: 0, high: 4 },
    ]);
    expect([seriesLabel(null), seriesLabel(''), seriesLabel('x')]).toEqual(['other', '(empty)', 'x']);
  });

  it('anchors edge labels inward so they are never clipped, and zooms out around the centre', () => {
    expect([labelAnchor(3, 800), labelAnchor(400, 800), labelAnchor(790, 800)]).toEqual(['start', 'middle', 'end']);
    expect(zoomOut({ from: 1000, to: 2000 })).toEqual({ from: 0, to: 3000 });
  });

  it('serializes the chart as standalone SVG without the brush', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '300');
    svg.setAttribute('height', '96');
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = '<script>x</script> & co';
    svg.append(title);
    const brush = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    brush.setAttribute('class', 'brush');
    svg.append(brush);
    const markup = serializeSvg(svg);
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(markup).toContain('&lt;script&gt;x&lt;/script&gt; &amp; co');
    expect(markup).not.toContain('brush');
    expect(svg.querySelector('.brush')).not.toBeNull(); // the page's chart is untouched
    expect(svgDataUrl(markup).startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
  });
});

function file(id: number, fields: Partial<EvidenceFileInfo>): EvidenceFileInfo {
  return {
    id,
    parentId: null,
    path: `/e/${id}.json`,
    name: `${id}.json`,
    bytes: 100,
    sha256: String(id).repeat(64).slice(0, 64),
    format: 'cloudtrail-json',
    status: 'ingested',
    records: 10,
    inserted: 10,
    duplicates: 0,
    importedAt: id,
    importedBy: 'cli',
    errors: [],
    ...fields,
  };
}

describe('custody view model', () => {
  const files = [
    file(1, { status: 'unsupported', format: 'pdf', records: 0, bytes: 5000 }),
    file(2, { status: 'failed', format: null, records: 0 }),
    file(3, { path: '/e/zz.json', importedBy: 'bridge' }),
    file(4, { status: 'duplicate', records: 0, importedAt: 0 }),
  ];

  it('totals files by status (unsupported apart from failed) and by format', () => {
    const totals = evidenceTotals(files);
    expect(totals).toMatchObject({ files: 4, bytes: 5300, records: 10 });
    expect(totals.byStatus).toEqual([
      { status: 'ingested', files: 1 },
      { status: 'failed', files: 1 },
      { status: 'unsupported', files: 1 },
      { status: 'duplicate', files: 1 },
    ]);
    expect(totals.byFormat).toEqual([
      { format: 'cloudtrail-json', files: 2 },
      { format: 'pdf', files: 1 },
      { format: 'unknown', files: 1 },
    ]);
  });

  it('searches and sorts the inventory', () => {
    expect(inventoryRows(files, 'BRIDGE', 'tree').map((row) => row.file.id)).toEqual([3]);
    expect(inventoryRows(files, 'unsupported', 'path').map((row) => row.file.id)).toEqual([1]);
    expect(inventoryRows(files, '', 'bytes', true).map((row) => row.file.id)).toEqual([1, 2, 3, 4]);
    expect(inventoryRows(files, '', 'importedAt').map((row) => row.file.id)).toEqual([4, 1, 2, 3]);
    expect(inventoryRows(files, '', 'path', true).map((row) => row.file.path)).toEqual([
      '/e/zz.json',
      '/e/4.json',
      '/e/2.json',
      '/e/1.json',
    ]);
  });
});
