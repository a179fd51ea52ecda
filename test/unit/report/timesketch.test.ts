import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../../main/ingest/sources/index.js';
import type { StoredTimelineRow } from '../../../main/store/queries/timeline.js';
import { bundleManifest, csvCell, csvColumns, csvLine, timesketchEvent } from '../../../main/report/timesketch.js';

const ROW: StoredTimelineRow = {
  id: 7,
  time: Date.UTC(2020, 10, 1, 8, 30, 3, 250),
  source: 'cloudtrail',
  fileId: 2,
  locator: 'record 9',
  fields: { eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', principalArn: 'arn:aws:iam::1:root', userAgent: '=HYPERLINK("http://x")', errorCode: null, resources: ['a', 'b'] },
  raw: '',
  starred: true,
  tags: ['logging'],
  notes: 1,
};

describe('Timesketch export', () => {
  it('maps a row to Timesketch fields: message, datetime, microsecond timestamp, tags with starred, notes as comments', () => {
    const event = timesketchEvent(ROW, SOURCES, [{ id: 1, author: 'ana', at: Date.UTC(2026, 0, 1), text: 'tampering' }]);
    expect(event).toMatchObject({
      message: 'cloudtrail StopLogging',
      datetime: '2020-11-01T08:30:03.250Z',
      timestamp: 1604219403250000,
      timestamp_desc: 'Event Time',
      source: 'cloudtrail',
      data_type: 'aws:cloudtrail',
      tag: ['logging', 'starred'],
      comment: ['ana (2026-01-01T00:00:00.000Z): tampering'],
      actor: 'arn:aws:iam::1:root',
      outcome: 'success',
      eventName: 'StopLogging',
      cairn_row_id: 7,
    });
  });

  it('CSV cells follow RFC 4180 and defuse formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x",1)')).toBe('"\'=HYPERLINK(""x"",1)"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('a; b');
    expect(csvCell(42)).toBe('42');
  });

  it('CSV lines have the header columns, CRLF-terminated', () => {
    const columns = csvColumns(SOURCES);
    expect(columns.slice(0, 8)).toEqual(['message', 'datetime', 'timestamp', 'timestamp_desc', 'source', 'data_type', 'tag', 'comment']);
    expect(new Set(columns).size).toBe(columns.length);
    const line = csvLine(columns, timesketchEvent(ROW, SOURCES, []));
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line.startsWith('cloudtrail StopLogging,2020-11-01T08:30:03.250Z,1604219403250000,Event Time,cloudtrail,aws:cloudtrail,logging; starred,,')).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('the bundle manifest lists every file with its SHA-256, sorted by name', () => {
    const manifest = bundleManifest(
      [
        { name: 'b.txt', content: Buffer.from('b') },
        { name: 'a.txt', content: Buffer.from('') },
      ],
      { caseId: 'c', generatedAt: '2026-01-01T00:00:00.000Z', caseSha256: null },
    );
    expect(manifest.name).toBe('manifest.json');
    expect(JSON.parse(manifest.content.toString())).toEqual({
      format: 'cairn-bundle',
      version: 1,
      caseId: 'c',
      generatedAt: '2026-01-01T00:00:00.000Z',
      caseSha256: null,
      files: [
        // `printf '' | sha256sum`, `printf b | sha256sum`
        { name: 'a.txt', bytes: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
        { name: 'b.txt', bytes: 1, sha256: '3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d' },
      ],
    });
  });
});
