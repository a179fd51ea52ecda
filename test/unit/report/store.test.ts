import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openCase, type WritableDb } from '../../../main/store/open-case.js';
import { listAudit, verifyAuditChain } from '../../../main/store/audit.js';
import { getReportSection, listReportSections } from '../../../main/store/queries/report-sections.js';
import { getReviewItem, listReviewItems } from '../../../main/store/queries/review-items.js';
import { addReviewItem, deleteReviewItem, ReviewItemNotFoundError, setReportSection, updateReviewItem } from '../../../main/store/report-actions.js';
import { RowNotFoundError } from '../../../main/store/annotate.js';
import { tempDir } from './payload-case.js';

let db: WritableDb | undefined;
afterEach(() => db?.close());

describe('report sections and review items (audited)', () => {
  it('sets, replaces and clears a section, each with an audit entry', () => {
    db = openCase(':memory:');
    setReportSection(db, 'summary', 'first', 'ana');
    setReportSection(db, 'summary', 'second', 'bo');
    setReportSection(db, 'recovery', 'restored', 'ana');
    expect(getReportSection(db, 'summary')).toMatchObject({ section: 'summary', text: 'second', author: 'bo' });
    expect(listReportSections(db).map((s) => s.section)).toEqual(['recovery', 'summary']);
    expect(setReportSection(db, 'summary', '  ', 'ana')).toBeNull();
    expect(getReportSection(db, 'summary')).toBeNull();
    const audit = listAudit(db).filter((entry) => entry.action === 'report.section.set');
    expect(audit.map((entry) => JSON.parse(entry.detail))).toEqual([
      { section: 'summary', before: null, after: 'first' },
      { section: 'summary', before: 'first', after: 'second' },
      { section: 'recovery', before: null, after: 'restored' },
      { section: 'summary', before: 'second', after: null },
    ]);
    expect(verifyAuditChain(db)).toEqual([]);
  });

  it('adds, updates and deletes review items; refuses unknown items and events', () => {
    db = openCase(':memory:');
    const action = addReviewItem(db, { kind: 'action', text: 'Enable GuardDuty', owner: 'ana', dueAt: Date.UTC(2026, 1, 1), status: 'open' }, 'ana');
    const gap = addReviewItem(db, { kind: 'gap', text: 'No DNS logs' }, 'bo');
    expect(updateReviewItem(db, action.id, { status: 'done', owner: null }, 'bo')).toMatchObject({ status: 'done', owner: null, text: 'Enable GuardDuty', dueAt: Date.UTC(2026, 1, 1) });
    deleteReviewItem(db, gap.id, 'ana');
    expect(getReviewItem(db, gap.id)).toBeNull();
    expect(() => deleteReviewItem(db as WritableDb, gap.id, 'ana')).toThrow(ReviewItemNotFoundError);
    expect(() => updateReviewItem(db as WritableDb, 99, { text: 'x' }, 'ana')).toThrow(ReviewItemNotFoundError);
    expect(() => addReviewItem(db as WritableDb, { kind: 'gap', text: 'x', eventId: 12345 }, 'ana')).toThrow(RowNotFoundError);
    expect(listAudit(db).map((entry) => entry.action).filter((a) => a.startsWith('review.'))).toEqual(['review.item.add', 'review.item.add', 'review.item.update', 'review.item.delete']);
    expect(listReviewItems(db)).toHaveLength(1);
  });

  it('survives closing and re-opening the case file', () => {
    const dir = tempDir('cairn-review-');
    const path = join(dir, 'case.cairn');
    try {
      db = openCase(path, { create: true });
      addReviewItem(db, { kind: 'went-well', text: 'Flow logs were on' }, 'ana');
      setReportSection(db, 'follow-up', 'Quarterly drill', 'ana');
      db.close();
      db = openCase(path);
      expect(listReviewItems(db).map((item) => [item.kind, item.text, item.author])).toEqual([['went-well', 'Flow logs were on', 'ana']]);
      expect(getReportSection(db, 'follow-up')?.text).toBe('Quarterly drill');
      expect(listAudit(db).map((entry) => entry.action)).toContain('review.item.add');
    } finally {
      db?.close();
      db = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
