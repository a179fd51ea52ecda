import { describe, expect, it } from 'vitest';
import type { EvidenceFileInfo, IngestStatus } from '../../../preload/contract/api.js';
import { evidenceTree, ingestProgress, parsePathList } from '../../../renderer/features/evidence/evidence-model';
import { visibleWindow } from '../../../renderer/features/timeline/grid-window';
import { syntaxHighlight } from '../../../renderer/features/timeline/syntax-highlight';
import { contextSearch } from '../../../renderer/features/timeline/EventDetail';
import { DEFAULT_COLUMNS, fieldValues, TIMELINE_FIELDS } from '../../../renderer/lib/fields';
import { formatBytes, formatCount, prettyRaw } from '../../../renderer/lib/format';
import { loadColumns, loadZone, saveColumns, saveZone, toggleColumn } from '../../../renderer/lib/settings';
import { makeEvent } from '../fake-api.js';

describe('fields', () => {
  it('lists the contract fields the brief names, defaults among them', () => {
    expect(TIMELINE_FIELDS).toHaveLength(18);
    for (const field of DEFAULT_COLUMNS) expect(TIMELINE_FIELDS).toContain(field);
  });

  it('gives pivotable values per field', () => {
    const event = makeEvent(1, { resources: ['arn:a', 'arn:b'], readOnly: false, errorCode: null });
    expect(fieldValues(event, 'resources')).toEqual(['arn:a', 'arn:b']);
    expect(fieldValues(event, 'readOnly')).toEqual(['false']);
    expect(fieldValues(event, 'errorCode')).toEqual([]);
    expect(fieldValues(event, 'eventName')).toEqual(['GetObject']);
  });
});

describe('settings', () => {
  it('remembers columns in chooser order and ignores junk', () => {
    localStorage.clear();
    expect(loadColumns(localStorage)).toEqual([...DEFAULT_COLUMNS]);
    saveColumns(localStorage, ['sourceIp', 'time']);
    expect(loadColumns(localStorage)).toEqual(['time', 'sourceIp']);
    localStorage.setItem('cairn.timeline.columns', '["nope", 3, "eventName"]');
    expect(loadColumns(localStorage)).toEqual(['eventName']);
    localStorage.setItem('cairn.timeline.columns', '{broken');
    expect(loadColumns(localStorage)).toEqual([...DEFAULT_COLUMNS]);
    expect(loadColumns(null)).toEqual([...DEFAULT_COLUMNS]);
  });

  it('toggles columns but never removes the last one', () => {
    expect(toggleColumn(['time', 'eventName'], 'sourceIp')).toEqual(['time', 'eventName', 'sourceIp']);
    expect(toggleColumn(['time', 'eventName'], 'time')).toEqual(['eventName']);
    expect(toggleColumn(['time'], 'time')).toEqual(['time']);
  });

  it('remembers the time zone, UTC by default', () => {
    localStorage.clear();
    expect(loadZone(localStorage)).toBe('utc');
    saveZone(localStorage, 'local');
    expect(loadZone(localStorage)).toBe('local');
  });
});

describe('format', () => {
  it('pretty-prints JSON and leaves anything else as read', () => {
    expect(prettyRaw('{"a":1,"b":[2]}')).toBe('{\n  "a": 1,\n  "b": [\n    2\n  ]\n}');
    expect(prettyRaw('<csv>,line')).toBe('<csv>,line');
    expect(prettyRaw('')).toBe('');
  });

  it('formats sizes and counts', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('syntaxHighlight', () => {
  it('splits the query around the error span', () => {
    expect(syntaxHighlight('a AND (b', 6, 1)).toEqual({ before: 'a AND ', marked: '(', after: 'b', position: 6 });
    expect(syntaxHighlight('eventName:', 0, 10)).toEqual({ before: '', marked: 'eventName:', after: '', position: 0 });
  });

  it('marks a space when the error is at the end, and clamps bad spans', () => {
    expect(syntaxHighlight('a AND', 5, 0)).toEqual({ before: 'a AND', marked: ' ', after: '', position: 5 });
    expect(syntaxHighlight('abc', 99, 5)).toEqual({ before: 'abc', marked: ' ', after: '', position: 3 });
    expect(syntaxHighlight('abc', undefined, undefined).marked).toBeNull();
  });
});

describe('contextSearch', () => {
  it('is ±5 minutes around the event on the same principal or IP', () => {
    const event = makeEvent(1, { time: '2024-05-01T10:00:00.000Z', principalArn: 'arn:aws:iam::1:user/a b' });
    const at = Date.UTC(2024, 4, 1, 10);
    expect(contextSearch(event, 'principalArn')).toEqual({
      query: 'principalArn:"arn:aws:iam::1:user/a b"',
      from: at - 300_000,
      to: at + 300_001,
    });
    expect(contextSearch(event, 'sourceIp')?.query).toBe('sourceIp:198.51.100.7');
    expect(contextSearch(makeEvent(2, { sourceIp: null }), 'sourceIp')).toBeNull();
  });
});

describe('visibleWindow', () => {
  it('maps the virtual items to rows or placeholders', () => {
    const event = makeEvent(7);
    const source = { getRow: (index: number) => (index === 1 ? { event } : undefined) };
    expect(visibleWindow(source, 0, [{ index: 0 }, { index: 1 }])).toEqual([
      { index: 0, event: null },
      { index: 1, event },
    ]);
  });
});

function evidence(id: number, parentId: number | null, name: string, importedAt = 0): EvidenceFileInfo {
  return {
    id,
    parentId,
    path: `/e/${name}`,
    name,
    bytes: 1,
    sha256: '0'.repeat(64),
    format: null,
    status: 'ingested',
    records: 0,
    inserted: 0,
    duplicates: 0,
    importedAt,
    errors: [],
  };
}

describe('evidence model', () => {
  it('orders the inventory as a tree', () => {
    const rows = evidenceTree([
      evidence(4, 2, 'inner.json'),
      evidence(2, 1, 'nested.tar'),
      evidence(1, null, 'b.zip', 2),
      evidence(3, null, 'a.json', 1),
      evidence(5, 99, 'orphan.json', 3),
      evidence(6, 1, 'a-first.json'),
    ]);
    expect(rows.map((row) => [row.file.name, row.depth])).toEqual([
      ['a.json', 0],
      ['b.zip', 0],
      ['a-first.json', 1],
      ['nested.tar', 1],
      ['inner.json', 2],
      ['orphan.json', 0],
    ]);
  });

  it('computes progress by bytes, else files', () => {
    const status: IngestStatus = {
      jobId: 'j',
      state: 'running',
      filesDone: 1,
      filesTotal: 4,
      bytesDone: 300,
      bytesTotal: 1000,
      records: 0,
      inserted: 0,
      duplicates: 0,
      currentPath: null,
      etaMs: null,
      problems: [],
      error: null,
    };
    expect(ingestProgress(status)).toEqual({ fraction: 0.3, finished: false });
    expect(ingestProgress({ ...status, bytesTotal: 0 })).toEqual({ fraction: 0.25, finished: false });
    expect(ingestProgress({ ...status, bytesTotal: 0, filesTotal: 0 })).toEqual({ fraction: null, finished: false });
    expect(ingestProgress({ ...status, state: 'done' })).toEqual({ fraction: 1, finished: true });
    expect(ingestProgress({ ...status, state: 'cancelled' }).finished).toBe(true);
  });

  it('reads one path per line', () => {
    expect(parsePathList(' /a b/c.json \r\n\n/d\n')).toEqual(['/a b/c.json', '/d']);
  });
});
