import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT_CASES, RECENT_CASES_FILE, createRecentCases, pushRecent } from '../../../main/electron/recent-cases.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-recent-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const everythingExists = () => true;

describe('pushRecent', () => {
  it('puts the case first, without duplicates, at most ten', () => {
    const list = Array.from({ length: MAX_RECENT_CASES }, (_, index) => `/cases/${index}.cairn`);
    const next = pushRecent(list, '/cases/5.cairn');
    expect(next[0]).toBe('/cases/5.cairn');
    expect(next.filter((path) => path === '/cases/5.cairn')).toHaveLength(1);
    expect(pushRecent(list, '/cases/new.cairn')).toHaveLength(MAX_RECENT_CASES);
    expect(pushRecent(list, '/cases/new.cairn').at(-1)).toBe('/cases/8.cairn');
  });
});

describe('createRecentCases', () => {
  it('starts empty and keeps the most recent first', () => {
    const recent = createRecentCases({ directory: dir, exists: everythingExists });
    expect(recent.list()).toEqual([]);
    recent.add('/cases/a.cairn');
    recent.add('/cases/b.cairn');
    recent.add('/cases/a.cairn');
    expect(recent.list()).toEqual(['/cases/a.cairn', '/cases/b.cairn']);
    // Persisted for the next run.
    expect(createRecentCases({ directory: dir, exists: everythingExists }).list()).toEqual(['/cases/a.cairn', '/cases/b.cairn']);
  });

  it('keeps at most ten', () => {
    const recent = createRecentCases({ directory: dir, exists: everythingExists });
    for (let index = 0; index < 15; index += 1) recent.add(`/cases/${index}.cairn`);
    expect(recent.list()).toHaveLength(MAX_RECENT_CASES);
    expect(recent.list()[0]).toBe('/cases/14.cairn');
  });

  it('drops cases whose file is gone', () => {
    const present = join(dir, 'present.cairn');
    writeFileSync(present, '');
    const recent = createRecentCases({ directory: dir });
    recent.add(join(dir, 'gone.cairn'));
    recent.add(present);
    expect(recent.list()).toEqual([present]);
    expect(JSON.parse(readFileSync(join(dir, RECENT_CASES_FILE), 'utf8')).cases).toEqual([present]);
  });

  it('removes and clears', () => {
    const recent = createRecentCases({ directory: dir, exists: everythingExists });
    recent.add('/cases/a.cairn');
    recent.add('/cases/b.cairn');
    recent.remove('/cases/a.cairn');
    expect(recent.list()).toEqual(['/cases/b.cairn']);
    recent.clear();
    expect(recent.list()).toEqual([]);
  });

  it('survives a corrupt or foreign file', () => {
    writeFileSync(join(dir, RECENT_CASES_FILE), '{not json');
    expect(createRecentCases({ directory: dir, exists: everythingExists }).list()).toEqual([]);
    writeFileSync(join(dir, RECENT_CASES_FILE), JSON.stringify({ cases: ['/ok.cairn', 7, null, ''] }));
    expect(createRecentCases({ directory: dir, exists: everythingExists }).list()).toEqual(['/ok.cairn']);
  });
});
