import { describe, expect, it } from 'vitest';
import type { EvidenceFileInfo, IngestStatus } from '../../../preload/contract/api.js';
import { evidenceTree, ingestProgress, parsePathList } from '../../../renderer/features/evidence/evidence-model';
import { visibleWindow } from '../../../renderer/features/timeline/grid-window';
import { syntaxHighlight } from '../../../renderer/features/timeline/syntax-highlight';
import { contextSearch } from '../../../renderer/features/timeline/context-search';
import {
  catalogColumns,
  defaultColumnNames,
  eventTitle,
  fieldValues,
  sourceEventId,
} from '../../../renderer/lib/fields';
import { formatBytes, formatCount, prettyRaw } from '../../../renderer/lib/format';
import {
  clampWidth,
  loadColumns,
  loadTheme,
  loadWidths,
  loadZone,
  moveColumn,
  saveColumns,
  saveTheme,
  saveWidths,
  saveZone,
  toggleColumn,
} from '../../../renderer/lib/settings';
import { FAKE_CATALOG, makeEvent } from '../fake-api.js';

describe('fields from the catalogue', () => {
  it('lists the common fields, then the source fields, each once, without the analyst marks', () => {
    const names = catalogColumns(FAKE_CATALOG).map((column) => column.name);
    // common: time source message actor target outcome (starred, tag are marks); cloudtrail adds
    // its 20 fields minus `time` (already common) = 19 → 6 + 19 = 25.
    expect(names).toHaveLength(25);
    expect(names.slice(0, 6)).toEqual(['time', 'source', 'message', 'actor', 'target', 'outcome']);
    expect(names).not.toContain('starred');
    expect(names).not.toContain('tag');
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('requestParameters');
  });

  it("defaults to time plus the sources' default columns (who and where among them)", () => {
    const defaults = defaultColumnNames(FAKE_CATALOG);
    expect(defaults[0]).toBe('time');
    expect(defaults).toContain('userName');
    expect(defaults).toContain('region');
    // A default naming a field the catalogue does not have is dropped.
    const odd = { ...FAKE_CATALOG, sources: [{ ...FAKE_CATALOG.sources[0]!, defaultColumns: ['nope', 'region'] }] };
    expect(defaultColumnNames(odd)).toEqual(['time', 'region']);
  });

  it('looks up values by query name, in the record or its fields', () => {
    const event = makeEvent(1, { fields: { resources: ['arn:a', 'arn:b'], readOnly: false, errorCode: null } });
    expect(fieldValues(event, 'resources')).toEqual(['arn:a', 'arn:b']);
    expect(fieldValues(event, 'readOnly')).toEqual(['false']);
    expect(fieldValues(event, 'errorCode')).toEqual([]);
    expect(fieldValues(event, 'eventName')).toEqual(['GetObject']);
    expect(fieldValues(event, 'source')).toEqual(['cloudtrail']);
    expect(fieldValues(event, 'time')).toEqual([String(Date.UTC(2024, 0, 1, 0, 1))]);
    expect(fieldValues(event, 'noSuchField')).toEqual([]);
    // An own-property lookup: nothing inherited from Object.prototype leaks in.
    expect(fieldValues(event, 'constructor')).toEqual([]);
  });

  it("titles an event by its eventName, else its message, and names it by the source's id", () => {
    expect(eventTitle(makeEvent(1))).toBe('GetObject');
    expect(eventTitle(makeEvent(2, { message: 'flow 10.0.0.1 → 10.0.0.2', fields: { eventName: null } }))).toBe(
      'flow 10.0.0.1 → 10.0.0.2',
    );
    expect(sourceEventId(makeEvent(3))).toBe('evt-3');
    expect(sourceEventId(makeEvent(4, { fields: { eventId: null } }))).toBeNull();
  });
});

describe('settings', () => {
  const available = ['time', 'eventName', 'sourceIp', 'region'];
  it('remembers columns in their saved order and ignores junk', () => {
    localStorage.clear();
    expect(loadColumns(localStorage, available, ['time', 'eventName'])).toEqual(['time', 'eventName']);
    saveColumns(localStorage, ['sourceIp', 'time']);
    expect(loadColumns(localStorage, available, ['time'])).toEqual(['sourceIp', 'time']);
    localStorage.setItem('cairn.timeline.columns', '["nope", 3, "eventName", "eventName"]');
    expect(loadColumns(localStorage, available, ['time'])).toEqual(['eventName']);
    localStorage.setItem('cairn.timeline.columns', '{broken');
    expect(loadColumns(localStorage, available, ['time'])).toEqual(['time']);
    expect(loadColumns(null, available, ['region'])).toEqual(['region']);
  });

  it('toggles and reorders columns but never removes the last one', () => {
    expect(toggleColumn(['time', 'eventName'], 'sourceIp')).toEqual(['time', 'eventName', 'sourceIp']);
    expect(toggleColumn(['time', 'eventName'], 'time')).toEqual(['eventName']);
    expect(toggleColumn(['time'], 'time')).toEqual(['time']);
    expect(moveColumn(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });

  it('remembers column widths within limits', () => {
    localStorage.clear();
    saveWidths(localStorage, { eventName: 300, userAgent: 5 });
    localStorage.setItem(
      'cairn.timeline.widths',
      JSON.stringify({ eventName: 300, userAgent: 5, bad: 'x', huge: 1e9 }),
    );
    expect(loadWidths(localStorage)).toEqual({ eventName: 300, userAgent: 48, huge: 1200 });
    expect(clampWidth(100.6)).toBe(101);
    localStorage.setItem('cairn.timeline.widths', '[1,2]');
    expect(loadWidths(localStorage)).toEqual({});
  });

  it("remembers the time zone, UTC by default, and the theme, the system's by default", () => {
    localStorage.clear();
    expect(loadZone(localStorage)).toBe('utc');
    saveZone(localStorage, 'local');
    expect(loadZone(localStorage)).toBe('local');
    expect(loadTheme(localStorage)).toBe('system');
    saveTheme(localStorage, 'light');
    expect(loadTheme(localStorage)).toBe('light');
    localStorage.setItem('cairn.theme', 'neon');
    expect(loadTheme(localStorage)).toBe('system');
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
  it('is ±N minutes around the event, on everything or the same principal, key or IP', () => {
    const at = Date.UTC(2024, 4, 1, 10);
    const event = makeEvent(1, { time: at, fields: { principalArn: 'arn:aws:iam::1:user/a b' } });
    expect(contextSearch(event, 'principal')).toEqual({
      query: 'principalArn:"arn:aws:iam::1:user/a b"',
      from: at - 300_000,
      to: at + 300_001,
      anchor: { id: 1, time: at },
    });
    expect(contextSearch(event, 'ip')?.query).toBe('sourceIp:198.51.100.7');
    expect(contextSearch(event, 'key')?.query).toBe('accessKeyId:AKIAEXAMPLE');
    expect(contextSearch(event, 'time', 15)).toMatchObject({ query: '', from: at - 900_000, to: at + 900_001 });
    expect(contextSearch(makeEvent(2, { fields: { sourceIp: null } }), 'ip')).toBeNull();
    // Without the source's principal field, the common actor stands in.
    const flow = makeEvent(3, { actor: 'eni-1', fields: { principalArn: null } });
    expect(contextSearch(flow, 'principal')?.query).toBe('actor:eni-1');
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
    importedBy: null,
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
