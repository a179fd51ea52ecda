import { useEffect, useState } from 'react';
import type { Annotation, EventDetail as EventDetailData } from '../../../preload/contract/api';
import type { EventRecord } from '../../../preload/contract/event-record';
import { useApi } from '../../api-context';
import { PivotValue, type PivotHandler } from '../../components/PivotValue';
import { fieldValues, FIELD_LOOK, TIMELINE_FIELDS } from '../../lib/fields';
import { prettyRaw } from '../../lib/format';
import { fieldTerm } from '../../lib/query-build';
import { eventTimeMs, formatIso, type TimeZoneMode } from '../../lib/time';

/** Half-width of the context searches (±5 minutes around the event). */
export const CONTEXT_MS = 5 * 60_000;

export interface ContextSearch {
  query: string;
  from: number;
  to: number;
}

/** The ±5-minute window around an event, on the same principal or source IP. */
export function contextSearch(event: EventRecord, field: 'principalArn' | 'sourceIp'): ContextSearch | null {
  const value = event[field];
  const time = eventTimeMs(event.time);
  if (value === null || !Number.isFinite(time)) return null;
  // `to` is exclusive: one more millisecond keeps an event exactly 5 minutes later.
  return { query: fieldTerm(field, value), from: time - CONTEXT_MS, to: time + CONTEXT_MS + 1 };
}

interface EventDetailProps {
  eventId: number;
  zone: TimeZoneMode;
  onPivot: PivotHandler;
  onContext: (search: ContextSearch) => void;
  onClose: () => void;
  /** An annotation changed (so tag lists can refresh). */
  onAnnotated: (annotation: Annotation) => void;
}

/** The selected event: its fields (each pivotable), annotations and the raw record. */
export function EventDetail({ eventId, zone, onPivot, onContext, onClose, onAnnotated }: EventDetailProps) {
  const api = useApi();
  const [loaded, setLoaded] = useState<{ id: number; detail?: EventDetailData; error?: string } | null>(null);

  useEffect(() => {
    let live = true;
    api.getEvent({ id: eventId }).then(
      (detail) => {
        if (live) setLoaded({ id: eventId, detail });
      },
      (error: unknown) => {
        if (live) setLoaded({ id: eventId, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, eventId]);

  const current = loaded?.id === eventId ? loaded : null;
  const setAnnotation = (annotation: Annotation) => {
    setLoaded((previous) =>
      previous?.detail && previous.id === annotation.id
        ? { ...previous, detail: { ...previous.detail, annotation } }
        : previous,
    );
    onAnnotated(annotation);
  };

  return (
    <section className="detail" role="region" aria-label="Event detail">
      <header className="detail-header">
        <h2>Event {eventId}</h2>
        <button type="button" className="button small" onClick={onClose} aria-label="Close event detail">
          ✕
        </button>
      </header>
      {current === null && <p className="muted">Loading…</p>}
      {current?.error !== undefined && (
        <p role="alert" className="error-text">
          {current.error}
        </p>
      )}
      {current?.detail && (
        <DetailBody
          detail={current.detail}
          zone={zone}
          onPivot={onPivot}
          onContext={onContext}
          onAnnotation={setAnnotation}
        />
      )}
    </section>
  );
}

function DetailBody({
  detail,
  zone,
  onPivot,
  onContext,
  onAnnotation,
}: {
  detail: EventDetailData;
  zone: TimeZoneMode;
  onPivot: PivotHandler;
  onContext: (search: ContextSearch) => void;
  onAnnotation: (annotation: Annotation) => void;
}) {
  const { event } = detail;
  const raw = prettyRaw(event.raw);
  const byPrincipal = contextSearch(event, 'principalArn');
  const byIp = contextSearch(event, 'sourceIp');
  const [copied, setCopied] = useState(false);

  const copy = () => {
    // The record exactly as read from the evidence, not the pretty-printed form.
    void navigator.clipboard?.writeText(event.raw).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <div className="detail-body">
      <div className="detail-actions" role="group" aria-label="Context searches">
        <button
          type="button"
          className="button small"
          disabled={byPrincipal === null}
          onClick={() => byPrincipal && onContext(byPrincipal)}
        >
          ±5 minutes, same principal
        </button>
        <button type="button" className="button small" disabled={byIp === null} onClick={() => byIp && onContext(byIp)}>
          ±5 minutes, same IP
        </button>
      </div>

      <AnnotationEditor key={event.id} annotation={detail.annotation} onChange={onAnnotation} />

      <dl className="fields">
        {TIMELINE_FIELDS.map((field) => {
          const values = fieldValues(event, field);
          return (
            <div key={field} className="field-row">
              <dt>{field}</dt>
              <dd className={FIELD_LOOK[field].mono ? 'mono' : undefined}>
                {values.length === 0 && <span className="null">—</span>}
                {field === 'time'
                  ? values.map((value) => (
                      <PivotValue
                        key={value}
                        field={field}
                        value={value}
                        label={formatIso(eventTimeMs(value), zone)}
                        onPivot={onPivot}
                      />
                    ))
                  : values.map((value, index) => (
                      <PivotValue key={index} field={field} value={value} onPivot={onPivot} />
                    ))}
              </dd>
            </div>
          );
        })}
        <div className="field-row">
          <dt>source</dt>
          <dd>
            {event.source}{' '}
            <span className="muted mono">
              file {event.fileId}, {event.locator}
            </span>
          </dd>
        </div>
      </dl>

      <div className="raw-header">
        <h3>Raw record</h3>
        <button type="button" className="button small" onClick={copy}>
          {copied ? 'Copied' : 'Copy raw record'}
        </button>
      </div>
      <pre className="raw mono" aria-label="Raw record" tabIndex={0}>
        {raw}
      </pre>
    </div>
  );
}

function AnnotationEditor({
  annotation,
  onChange,
}: {
  annotation: Annotation;
  onChange: (annotation: Annotation) => void;
}) {
  const api = useApi();
  const [tagText, setTagText] = useState('');
  const [note, setNote] = useState(annotation.note);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = (change: { starred?: boolean; addTags?: string[]; removeTags?: string[]; note?: string }) => {
    setSaving(true);
    setError(null);
    api.annotate({ id: annotation.id, ...change }).then(
      (next) => {
        setSaving(false);
        onChange(next);
      },
      (failure: unknown) => {
        setSaving(false);
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  };

  const addTag = () => {
    const tag = tagText.trim();
    if (tag === '') return;
    setTagText('');
    save({ addTags: [tag] });
  };

  return (
    <div className="annotations" role="group" aria-label="Annotations">
      <button
        type="button"
        className={`button small star${annotation.starred ? ' on' : ''}`}
        aria-pressed={annotation.starred}
        onClick={() => save({ starred: !annotation.starred })}
        disabled={saving}
      >
        {annotation.starred ? '★ Starred' : '☆ Star'}
      </button>
      <ul className="tags" aria-label="Tags">
        {annotation.tags.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => save({ removeTags: [tag] })}
              disabled={saving}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <span className="tag-add">
        <input
          aria-label="New tag"
          placeholder="add tag"
          value={tagText}
          maxLength={100}
          onChange={(event) => setTagText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') addTag();
          }}
        />
        <button type="button" className="button small" onClick={addTag} disabled={saving || tagText.trim() === ''}>
          Add tag
        </button>
      </span>
      <label className="note">
        <span className="label">Note</span>
        <textarea aria-label="Note" rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <button
        type="button"
        className="button small"
        onClick={() => save({ note })}
        disabled={saving || note === annotation.note}
      >
        Save note
      </button>
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}
