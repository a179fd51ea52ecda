import { describe, expect, it } from 'vitest';
import { REPORT_SECTION_NAMES, type ReviewItem } from '../../../preload/contract/api';
import {
  actionStatus,
  addRequest,
  EMPTY_DRAFT,
  exportFileName,
  formatDueDate,
  groupReview,
  isDirty,
  isOverdue,
  parseDueDate,
  reviewKind,
  SECTIONS,
  sectionsByName,
  textDataUrl,
} from '../../../renderer/features/report/report-model';

function item(id: number, overrides: Partial<ReviewItem> = {}): ReviewItem {
  return {
    id,
    kind: 'action',
    text: `item ${id}`,
    owner: null,
    dueAt: null,
    status: 'open',
    eventId: null,
    author: 'analyst',
    createdAt: id * 1000,
    updatedAt: id * 1000,
    ...overrides,
  };
}

describe('report model', () => {
  it('edits every section the contract names, once, summary first', () => {
    expect(SECTIONS.map((section) => section.name).sort()).toEqual([...REPORT_SECTION_NAMES].sort());
    expect(SECTIONS[0]?.name).toBe('summary');
    expect(SECTIONS[1]?.name).toBe('what-happened');
  });

  it('knows when a draft differs from what is saved', () => {
    const saved = { section: 'summary' as const, text: 'x', author: 'a', updatedAt: 1 };
    expect(isDirty('x', saved)).toBe(false);
    expect(isDirty('y', saved)).toBe(true);
    expect(isDirty('', undefined)).toBe(false);
    expect(isDirty('y', undefined)).toBe(true);
    expect(sectionsByName([saved]).get('summary')).toBe(saved);
  });

  it('groups the review by kind, open actions before done ones, oldest first', () => {
    const groups = groupReview([
      item(3, { status: 'done' }),
      item(2),
      item(1, { kind: 'gap', status: null }),
      item(4, { kind: 'went-well', status: null }),
      item(5, { status: 'in-progress' }),
    ]);
    expect(groups.action.map((entry) => entry.id)).toEqual([2, 5, 3]);
    expect(groups.gap.map((entry) => entry.id)).toEqual([1]);
    expect(groups['went-well'].map((entry) => entry.id)).toEqual([4]);
    expect(groups['went-badly']).toEqual([]);
  });

  it('reads form values strictly', () => {
    expect(reviewKind('gap')).toBe('gap');
    expect(reviewKind('admin')).toBeNull();
    expect(actionStatus('done')).toBe('done');
    expect(actionStatus('closed')).toBeNull();
  });

  it('parses and formats due dates as UTC days, refusing impossible dates', () => {
    expect(parseDueDate('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseDueDate(' 2024-02-29 ')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDueDate('2026-02-30')).toBeNull();
    expect(parseDueDate('2026-13-01')).toBeNull();
    expect(parseDueDate('tomorrow')).toBeNull();
    expect(parseDueDate('')).toBeNull();
    expect(formatDueDate(Date.UTC(2026, 2, 1))).toBe('2026-03-01');
  });

  it('builds the add request: text required, owner/due/status for actions only, the event link when given', () => {
    expect(addRequest({ ...EMPTY_DRAFT, text: '   ' })).toEqual({ error: 'Write what the item says.' });
    expect(addRequest({ ...EMPTY_DRAFT, kind: 'gap', text: ' No VPC flow logs ', owner: 'x', due: '2026-01-01' })).toEqual({
      request: { kind: 'gap', text: 'No VPC flow logs' },
    });
    expect(
      addRequest({ ...EMPTY_DRAFT, text: 'Rotate keys', owner: ' sec-team ', due: '2026-01-05', status: 'in-progress', eventId: 7 }),
    ).toEqual({
      request: { kind: 'action', text: 'Rotate keys', owner: 'sec-team', dueAt: Date.UTC(2026, 0, 5), status: 'in-progress', eventId: 7 },
    });
    expect(addRequest({ ...EMPTY_DRAFT, text: 'Rotate keys' })).toEqual({
      request: { kind: 'action', text: 'Rotate keys', status: 'open' },
    });
    expect(addRequest({ ...EMPTY_DRAFT, text: 'x', due: '2026-02-31' })).toHaveProperty('error');
    expect(addRequest({ ...EMPTY_DRAFT, text: 'x', owner: 'o'.repeat(201) })).toHaveProperty('error');
    expect(addRequest({ ...EMPTY_DRAFT, text: 'x'.repeat(20_001) })).toHaveProperty('error');
  });

  it('marks an action overdue after its due day, unless done', () => {
    const due = Date.UTC(2026, 0, 5);
    expect(isOverdue(item(1, { dueAt: due }), due + 86_400_000)).toBe(true);
    expect(isOverdue(item(1, { dueAt: due }), due + 3_600_000)).toBe(false);
    expect(isOverdue(item(1, { dueAt: due, status: 'done' }), due + 10 * 86_400_000)).toBe(false);
    expect(isOverdue(item(1, { dueAt: null }), due)).toBe(false);
  });

  it('exports as data: URLs with safe file names', () => {
    const url = textDataUrl('<h1>a & b</h1>\n#', 'text/html');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice(url.indexOf(',') + 1))).toBe('<h1>a & b</h1>\n#');
    expect(url).not.toMatch(/[<>#\s]/);
    expect(exportFileName('case-1', 'html')).toBe('incident-report-case-1.html');
    expect(exportFileName('../../etc/pass wd', 'md')).toBe('incident-report-etc-pass-wd.md');
    expect(exportFileName('', 'md')).toBe('incident-report.md');
  });
});
