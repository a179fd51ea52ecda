import { useId, useState, type FormEvent } from 'react';
import type { ApiRequest, ReviewItem } from '../../../preload/contract/api';
import { useApi } from '../../api-context';
import { formatTime, type TimeZoneMode } from '../../lib/time';
import {
  ACTION_STATUSES,
  actionStatus,
  addRequest,
  EMPTY_DRAFT,
  formatDueDate,
  groupReview,
  isOverdue,
  REVIEW_KINDS,
  reviewKind,
  type ReviewDraft,
} from './report-model';

interface ReviewPanelProps {
  items: ReviewItem[];
  zone: TimeZoneMode;
  /** The row open in the timeline's detail pane, which a new item may be linked to. */
  linkEventId: number | null;
  /** Opens the timeline on this row. */
  onShowEvent: (id: number) => void;
  /** After any change: the item as stored (null with `deleted` set when it was deleted). */
  onChanged: (change: { item: ReviewItem } | { deleted: number }) => void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The lessons-learned review: went well, went badly, gaps and action items, and the form that adds to them. */
export function ReviewPanel({ items, zone, linkEventId, onShowEvent, onChanged }: ReviewPanelProps) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  // "Overdue" is judged against the time the panel was shown.
  const [now] = useState(() => Date.now());
  const groups = groupReview(items);

  const update = (request: ApiRequest<'updateReviewItem'>) => {
    setError(null);
    api.updateReviewItem(request).then(
      (item) => onChanged({ item }),
      (failure: unknown) => setError(`Could not change the item: ${message(failure)}`),
    );
  };
  const remove = (id: number) => {
    setError(null);
    api.deleteReviewItem({ id }).then(
      () => onChanged({ deleted: id }),
      (failure: unknown) => setError(`Could not delete the item: ${message(failure)}`),
    );
  };

  return (
    <section className="report-review" aria-labelledby="review-heading">
      <h2 id="review-heading">Lessons learned</h2>
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {REVIEW_KINDS.map(({ kind, label }) => (
        <section key={kind} className="review-group" aria-label={label}>
          <h3>{label}</h3>
          {groups[kind].length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="review-list">
              {groups[kind].map((item) => (
                <ReviewRow
                  key={item.id}
                  item={item}
                  zone={zone}
                  now={now}
                  linkEventId={linkEventId}
                  onShowEvent={onShowEvent}
                  onUpdate={update}
                  onDelete={remove}
                />
              ))}
            </ul>
          )}
        </section>
      ))}
      <AddReviewForm linkEventId={linkEventId} onAdded={(item) => onChanged({ item })} />
    </section>
  );
}

interface ReviewRowProps {
  item: ReviewItem;
  zone: TimeZoneMode;
  now: number;
  linkEventId: number | null;
  onShowEvent: (id: number) => void;
  onUpdate: (request: ApiRequest<'updateReviewItem'>) => void;
  onDelete: (id: number) => void;
}

function ReviewRow({ item, zone, now, linkEventId, onShowEvent, onUpdate, onDelete }: ReviewRowProps) {
  const overdue = isOverdue(item, now);
  return (
    <li className={`review-item${item.status === 'done' ? ' done' : ''}`} aria-label={item.text}>
      <span className="review-text">{item.text}</span>
      <span className="review-meta muted">
        {item.kind === 'action' && (
          <>
            {item.owner !== null && item.owner !== '' && <span>owner {item.owner} · </span>}
            {item.dueAt !== null && (
              <span className={overdue ? 'error-text' : undefined}>
                due {formatDueDate(item.dueAt)}
                {overdue && ' (overdue)'} ·{' '}
              </span>
            )}
          </>
        )}
        <span>
          {item.author}, {formatTime(item.createdAt, zone)}
        </span>
      </span>
      <span className="review-actions">
        {item.kind === 'action' && (
          <select
            aria-label={`Status of ${item.text}`}
            value={item.status ?? 'open'}
            onChange={(event) => {
              const status = actionStatus(event.target.value);
              if (status !== null) onUpdate({ id: item.id, status });
            }}
          >
            {ACTION_STATUSES.map(({ status, label }) => (
              <option key={status} value={status}>
                {label}
              </option>
            ))}
          </select>
        )}
        {item.eventId !== null && (
          <button type="button" className="button tiny" onClick={() => item.eventId !== null && onShowEvent(item.eventId)}>
            Show event #{item.eventId}
          </button>
        )}
        {linkEventId !== null && item.eventId !== linkEventId && (
          <button
            type="button"
            className="button tiny"
            aria-label={`Link ${item.text} to event #${linkEventId}`}
            onClick={() => onUpdate({ id: item.id, eventId: linkEventId })}
          >
            Link to #{linkEventId}
          </button>
        )}
        <button type="button" className="button tiny" aria-label={`Delete ${item.text}`} onClick={() => onDelete(item.id)}>
          Delete
        </button>
      </span>
    </li>
  );
}

function AddReviewForm({ linkEventId, onAdded }: { linkEventId: number | null; onAdded: (item: ReviewItem) => void }) {
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<ReviewDraft>(EMPTY_DRAFT);
  const [link, setLink] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (update: Partial<ReviewDraft>) => setDraft((current) => ({ ...current, ...update }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = addRequest({ ...draft, eventId: link ? linkEventId : null });
    if ('error' in built) {
      setError(built.error);
      return;
    }
    setBusy(true);
    setError(null);
    api.addReviewItem(built.request).then(
      (item) => {
        setBusy(false);
        setDraft((current) => ({ ...EMPTY_DRAFT, kind: current.kind }));
        onAdded(item);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(`Not added: ${message(failure)}`);
      },
    );
  };

  const action = draft.kind === 'action';
  return (
    <form className="review-form" aria-label="Add a review item" onSubmit={submit}>
      <h3>Add an item</h3>
      <label className="inline-field">
        <span className="label">Kind</span>
        <select
          aria-label="Kind"
          value={draft.kind}
          onChange={(event) => {
            const kind = reviewKind(event.target.value);
            if (kind !== null) change({ kind });
          }}
        >
          {REVIEW_KINDS.map(({ kind, singular }) => (
            <option key={kind} value={kind}>
              {singular}
            </option>
          ))}
        </select>
      </label>
      <label className="review-form-text" htmlFor={`${id}-text`}>
        <span className="label">Text</span>
      </label>
      <textarea
        id={`${id}-text`}
        rows={2}
        maxLength={20_000}
        value={draft.text}
        onChange={(event) => change({ text: event.target.value })}
      />
      {action && (
        <div className="review-form-action">
          <label className="inline-field">
            <span className="label">Owner</span>
            <input type="text" maxLength={200} value={draft.owner} onChange={(event) => change({ owner: event.target.value })} />
          </label>
          <label className="inline-field">
            <span className="label">Due</span>
            <input type="date" value={draft.due} onChange={(event) => change({ due: event.target.value })} />
          </label>
          <label className="inline-field">
            <span className="label">Status</span>
            <select
              value={draft.status}
              onChange={(event) => {
                const status = actionStatus(event.target.value);
                if (status !== null) change({ status });
              }}
            >
              {ACTION_STATUSES.map(({ status, label }) => (
                <option key={status} value={status}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {linkEventId !== null && (
        <label className="inline-field">
          <input type="checkbox" checked={link} onChange={(event) => setLink(event.target.checked)} />
          <span>Link to the selected event (#{linkEventId})</span>
        </label>
      )}
      <div>
        <button type="submit" className="button small primary" disabled={busy}>
          Add
        </button>
        {error !== null && (
          <span role="alert" className="error-text">
            {' '}
            {error}
          </span>
        )}
      </div>
    </form>
  );
}
