import type { ApiRequest, ReportSection, ReviewItem } from '../../../preload/contract/api';

/**
 * The report view's pure parts: the analyst-written sections in the order the report prints them,
 * the lessons-learned review grouped by kind, the add-item form's request, and the exports.
 */

/** A report section's name (the contract's REPORT_SECTION_NAMES; repeated here as the renderer imports only types). */
export type SectionName = ReportSection['section'];

/** The sections, in the order the editor shows them: the summary, what happened, then each phase. */
export const SECTIONS: readonly { name: SectionName; label: string; hint: string }[] = [
  { name: 'summary', label: 'Summary', hint: 'What happened, the impact and the state now, in a few sentences.' },
  { name: 'what-happened', label: 'What happened', hint: 'The narrative of the incident, in order.' },
  { name: 'preparation', label: 'Preparation', hint: 'What was in place before the incident.' },
  { name: 'identification', label: 'Identification', hint: 'How and when the incident was detected.' },
  { name: 'containment', label: 'Containment', hint: 'What was done to stop it spreading.' },
  { name: 'investigation', label: 'Investigation', hint: 'What the evidence showed.' },
  { name: 'eradication', label: 'Eradication', hint: 'What was removed (keys, users, persistence).' },
  { name: 'recovery', label: 'Recovery', hint: 'How service was restored.' },
  { name: 'follow-up', label: 'Follow-up', hint: 'What remains to do.' },
];

/** The saved sections by name. */
export function sectionsByName(sections: readonly ReportSection[]): Map<SectionName, ReportSection> {
  return new Map(sections.map((section) => [section.section, section]));
}

/** Whether the editor's text differs from what is saved (an absent section is the empty text). */
export function isDirty(draft: string, saved: ReportSection | undefined): boolean {
  return draft !== (saved?.text ?? '');
}

export type ReviewKind = ReviewItem['kind'];
export type ActionStatus = NonNullable<ReviewItem['status']>;

/** The review's lists, in the order the form shows them. */
export const REVIEW_KINDS: readonly { kind: ReviewKind; label: string; singular: string }[] = [
  { kind: 'went-well', label: 'Went well', singular: 'went well' },
  { kind: 'went-badly', label: 'Went badly', singular: 'went badly' },
  { kind: 'gap', label: 'Gaps', singular: 'gap' },
  { kind: 'action', label: 'Action items', singular: 'action item' },
];

export const ACTION_STATUSES: readonly { status: ActionStatus; label: string }[] = [
  { status: 'open', label: 'open' },
  { status: 'in-progress', label: 'in progress' },
  { status: 'done', label: 'done' },
];

/** A review kind from a form value, or null for anything else. */
export function reviewKind(value: string): ReviewKind | null {
  return REVIEW_KINDS.find((entry) => entry.kind === value)?.kind ?? null;
}

/** An action status from a form value, or null for anything else. */
export function actionStatus(value: string): ActionStatus | null {
  return ACTION_STATUSES.find((entry) => entry.status === value)?.status ?? null;
}

/** The items of each kind, oldest first (ties by id); open actions before done ones. */
export function groupReview(items: readonly ReviewItem[]): Record<ReviewKind, ReviewItem[]> {
  const groups: Record<ReviewKind, ReviewItem[]> = { 'went-well': [], 'went-badly': [], gap: [], action: [] };
  for (const item of items) groups[item.kind].push(item);
  const rank = (item: ReviewItem) => (item.status === 'done' ? 1 : 0);
  for (const list of Object.values(groups)) {
    list.sort((a, b) => rank(a) - rank(b) || a.createdAt - b.createdAt || a.id - b.id);
  }
  return groups;
}

/** `YYYY-MM-DD` (what `<input type="date">` gives) as midnight UTC, or null for empty or malformed text. */
export function parseDueDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms;
}

/** A due time as `YYYY-MM-DD` (UTC), for the date input and the list. */
export function formatDueDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What the add form holds. */
export interface ReviewDraft {
  kind: ReviewKind;
  text: string;
  owner: string;
  /** `YYYY-MM-DD` or empty. */
  due: string;
  status: ActionStatus;
  /** Link the item to this timeline row. */
  eventId: number | null;
}

export const EMPTY_DRAFT: ReviewDraft = { kind: 'action', text: '', owner: '', due: '', status: 'open', eventId: null };

/**
 * The addReviewItem request for a draft, or an error message: the text is required; owner, due date
 * and status are sent for action items only.
 */
export function addRequest(draft: ReviewDraft): { request: ApiRequest<'addReviewItem'> } | { error: string } {
  const text = draft.text.trim();
  if (text === '') return { error: 'Write what the item says.' };
  if (text.length > 20_000) return { error: 'The text is too long (20,000 characters at most).' };
  const request: ApiRequest<'addReviewItem'> = { kind: draft.kind, text };
  if (draft.eventId !== null) request.eventId = draft.eventId;
  if (draft.kind !== 'action') return { request };
  const owner = draft.owner.trim();
  if (owner.length > 200) return { error: 'The owner is too long (200 characters at most).' };
  if (owner !== '') request.owner = owner;
  if (draft.due.trim() !== '') {
    const dueAt = parseDueDate(draft.due);
    if (dueAt === null) return { error: 'The due date is not a date (YYYY-MM-DD).' };
    request.dueAt = dueAt;
  }
  request.status = draft.status;
  return { request };
}

/** Whether an action item is overdue at `now` (has a due date in the past and is not done). */
export function isOverdue(item: ReviewItem, now: number): boolean {
  return item.kind === 'action' && item.dueAt !== null && item.status !== 'done' && item.dueAt + 86_400_000 <= now;
}

/** A data: URL with this text, as the browser is asked to save it (the CSP allows data:, not blob:). */
export function textDataUrl(text: string, mime: 'text/html' | 'text/markdown'): string {
  return `data:${mime};charset=utf-8,${encodeURIComponent(text)}`;
}

/** The export's file name: `incident-report-<case id>.<ext>`, keeping only safe characters. */
export function exportFileName(caseId: string, extension: 'html' | 'md'): string {
  const safe = caseId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80);
  return `incident-report${safe === '' ? '' : `-${safe}`}.${extension}`;
}
