import { useEffect, useRef, useState } from 'react';
import type { Annotation, EventDetail as EventDetailData, Note } from '../../../preload/contract/api';
import type { EventRecord, FieldValue } from '../../../preload/contract/event-record';
import { useApi } from '../../api-context';
import { PivotValue, type PivotHandler } from '../../components/PivotValue';
import { eventTitle, sourceEventId } from '../../lib/fields';
import { formatBytes, prettyRaw } from '../../lib/format';
import { jsonLines, parseJson } from '../../lib/json-tree';
import { profileKindOfField, type EntityRef } from '../../lib/navigation';
import { formatIso, type TimeZoneMode } from '../../lib/time';
import { CONTEXT_MINUTES, contextSearch, type ContextKind, type ContextSearch } from './context-search';

/** Which editor a shortcut key (t, n) asked to focus; `nonce` makes a repeated press refocus. */
export interface DetailFocus {
  field: 'tag' | 'note';
  nonce: number;
}

interface EventDetailProps {
  eventId: number;
  zone: TimeZoneMode;
  onPivot: PivotHandler;
  onContext: (search: ContextSearch) => void;
  onClose: () => void;
  /** An annotation changed (so the grid's marks and tag lists refresh). */
  onAnnotated: (annotation: Annotation) => void;
  focus?: DetailFocus | null;
  /** Shows the evidence file in the evidence view. */
  onShowFile?: (fileId: number) => void;
  /** The identity view's entry points: a key's blast radius, an entity's profile. */
  identity?: IdentityActions;
}

/** What the detail pane can open in the identity view. */
export interface IdentityActions {
  onBlast: (seed: string) => void;
  onProfile: (entity: EntityRef) => void;
}

const COMMON_FIELDS = ['source', 'message', 'actor', 'target', 'outcome'] as const;

/** The opened event: heading, evidence file, fields (each pivotable), annotations, notes and the raw record. */
export function EventDetail({
  eventId,
  zone,
  onPivot,
  onContext,
  onClose,
  onAnnotated,
  focus,
  onShowFile,
  identity,
}: EventDetailProps) {
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
  const event = current?.detail?.event;
  const sourceId = event ? sourceEventId(event) : null;

  return (
    <section className="detail" role="region" aria-label="Event detail">
      <header className="detail-header">
        <h2>
          {event ? eventTitle(event) : 'Event'}
          {sourceId !== null && <span className="detail-id mono"> {sourceId}</span>}
        </h2>
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
          focus={focus ?? null}
          onShowFile={onShowFile}
          identity={identity}
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
  focus,
  onShowFile,
  identity,
}: {
  detail: EventDetailData;
  zone: TimeZoneMode;
  onPivot: PivotHandler;
  onContext: (search: ContextSearch) => void;
  onAnnotation: (annotation: Annotation) => void;
  focus: DetailFocus | null;
  onShowFile: ((fileId: number) => void) | undefined;
  identity: IdentityActions | undefined;
}) {
  const { event, file } = detail;
  const raw = prettyRaw(event.raw);
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
      <ContextButtons event={event} onContext={onContext} />
      {identity && <IdentityButtons event={event} identity={identity} />}

      <AnnotationEditor key={event.id} annotation={detail.annotation} onChange={onAnnotation} focus={focus} />

      <div className="detail-file" aria-label="Evidence file">
        <h3>Evidence file</h3>
        {file === null ? (
          <p className="muted">
            file {event.fileId}, {event.locator}
          </p>
        ) : (
          <dl className="fields">
            <div className="field-row">
              <dt>path</dt>
              <dd className="mono">
                {file.path} <span className="muted">({event.locator})</span>
              </dd>
            </div>
            <div className="field-row">
              <dt>SHA-256</dt>
              <dd className="mono hash">{file.sha256}</dd>
            </div>
            <div className="field-row">
              <dt>file</dt>
              <dd>
                {file.format ?? 'unknown format'}, {formatBytes(file.bytes)}{' '}
                {onShowFile && (
                  <button type="button" className="button tiny" onClick={() => onShowFile(file.id)}>
                    Show in evidence
                  </button>
                )}
              </dd>
            </div>
          </dl>
        )}
      </div>

      <dl className="fields">
        <div className="field-row">
          <dt>time</dt>
          <dd className="mono">
            <PivotValue
              field="time"
              value={formatIso(event.time, 'utc')}
              label={formatIso(event.time, zone)}
              onPivot={onPivot}
            />
          </dd>
        </div>
        {COMMON_FIELDS.map((name) => (
          <FieldRow key={name} name={name} value={event[name]} onPivot={onPivot} identity={identity} />
        ))}
        {Object.entries(event.fields).map(([name, value]) => (
          <FieldRow key={`f:${name}`} name={name} value={value} onPivot={onPivot} identity={identity} />
        ))}
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

function ContextButtons({ event, onContext }: { event: EventRecord; onContext: (search: ContextSearch) => void }) {
  const [minutes, setMinutes] = useState<number>(5);
  const kinds: { kind: ContextKind; label: string }[] = [
    { kind: 'time', label: 'everything' },
    { kind: 'principal', label: 'same principal' },
    { kind: 'key', label: 'same key' },
    { kind: 'ip', label: 'same IP' },
  ];
  return (
    <div className="detail-actions" role="group" aria-label="Context searches">
      <select
        aria-label="Context window"
        value={minutes}
        onChange={(change) => setMinutes(Number(change.target.value))}
      >
        {CONTEXT_MINUTES.map((value) => (
          <option key={value} value={value}>
            ±{value} min
          </option>
        ))}
      </select>
      {kinds.map(({ kind, label }) => {
        const search = contextSearch(event, kind, minutes);
        return (
          <button
            key={kind}
            type="button"
            className="button small"
            disabled={search === null}
            onClick={() => search && onContext(search)}
          >
            ±{minutes} minutes, {label}
          </button>
        );
      })}
    </div>
  );
}

/** The seed the "Blast radius" action starts from: the event's access key, else its principal. */
function blastSeed(event: EventRecord): string | null {
  const key = event.fields.accessKeyId;
  if (typeof key === 'string' && key !== '') return key;
  const principal = event.fields.principalArn ?? event.actor;
  return typeof principal === 'string' && principal !== '' ? principal : null;
}

function IdentityButtons({ event, identity }: { event: EventRecord; identity: IdentityActions }) {
  const seed = blastSeed(event);
  return (
    <div className="detail-actions" role="group" aria-label="Identity">
      <button
        type="button"
        className="button small"
        disabled={seed === null}
        title={seed === null ? 'This event names no access key or principal' : `Blast radius of ${seed}`}
        onClick={() => seed !== null && identity.onBlast(seed)}
      >
        Blast radius
      </button>
    </div>
  );
}

function FieldRow({
  name,
  value,
  onPivot,
  identity,
}: {
  name: string;
  value: FieldValue | undefined;
  onPivot: PivotHandler;
  identity?: IdentityActions | undefined;
}) {
  const kind = identity ? profileKindOfField(name) : null;
  const values: string[] =
    value === null || value === undefined || value === ''
      ? []
      : Array.isArray(value)
        ? value.filter((item): item is string => typeof item === 'string')
        : [String(value)];
  const json = typeof value === 'string' && /^\s*[[{]/.test(value) ? parseJson(value) : undefined;
  return (
    <div className="field-row">
      <dt>{name}</dt>
      <dd className="mono">
        {values.length === 0 && <span className="null">—</span>}
        {json !== undefined && typeof json === 'object' && json !== null ? (
          <JsonTree field={name} value={json} onPivot={onPivot} />
        ) : (
          values.map((item, index) => (
            <span key={index} className="value-with-profile">
              <PivotValue field={name} value={item} onPivot={onPivot} />
              {kind !== null && identity && (
                <button
                  type="button"
                  className="profile-link"
                  aria-label={`Profile of ${name} ${item.length > 200 ? `${item.slice(0, 200)}…` : item}`}
                  onClick={() => identity.onProfile({ kind, id: item })}
                >
                  profile
                </button>
              )}
            </span>
          ))
        )}
      </dd>
    </div>
  );
}

/**
 * A JSON field as an indented tree (flat lines from lib/json-tree, so no recursion here either).
 * Each leaf filters on the field: JSON fields match a value anywhere in them.
 */
function JsonTree({ field, value, onPivot }: { field: string; value: unknown; onPivot: PivotHandler }) {
  const lines = jsonLines(value);
  return (
    <ul className="json-tree" aria-label={`${field} (JSON)`}>
      {lines.map((line, index) => (
        <li
          key={index}
          className={`json-line json-${line.kind}`}
          style={{ paddingInlineStart: Math.min(line.depth, 50) * 12 }}
        >
          {line.key !== null && <span className="json-key">{line.key}: </span>}
          {line.kind === 'value' && line.type === 'string' && line.text !== '' ? (
            <PivotValue field={field} value={line.text} onPivot={onPivot} />
          ) : (
            <span className={line.kind === 'value' ? `json-${line.type ?? 'null'}` : 'muted'}>{line.text}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function AnnotationEditor({
  annotation,
  onChange,
  focus,
}: {
  annotation: Annotation;
  onChange: (annotation: Annotation) => void;
  focus: DetailFocus | null;
}) {
  const api = useApi();
  const [tagText, setTagText] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const tagRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focus?.field === 'tag') tagRef.current?.focus();
    if (focus?.field === 'note') noteRef.current?.focus();
  }, [focus]);

  const save = (change: {
    starred?: boolean;
    addTags?: string[];
    removeTags?: string[];
    addNote?: string;
    deleteNote?: number;
  }) => {
    setSaving(true);
    setError(null);
    api.annotate({ id: annotation.id, ...change }).then(
      (next) => {
        setSaving(false);
        if (change.addNote !== undefined) setNote('');
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
          ref={tagRef}
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
      <NoteList notes={annotation.notes} onDelete={(id) => save({ deleteNote: id })} disabled={saving} />
      <label className="note">
        <span className="label">Note</span>
        <textarea
          ref={noteRef}
          aria-label="Note"
          rows={3}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      <button
        type="button"
        className="button small"
        onClick={() => save({ addNote: note })}
        disabled={saving || note.trim() === ''}
      >
        Add note
      </button>
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </div>
  );
}

function NoteList({
  notes,
  onDelete,
  disabled,
}: {
  notes: readonly Note[];
  onDelete: (id: number) => void;
  disabled: boolean;
}) {
  if (notes.length === 0) return null;
  return (
    <ol className="notes" aria-label="Notes">
      {notes.map((note) => (
        <li key={note.id} className="note-item">
          <span className="note-meta muted">
            {note.author}, {formatIso(note.at, 'utc')}
          </span>
          <p className="note-text">{note.text}</p>
          <button
            type="button"
            className="button tiny"
            aria-label={`Delete note by ${note.author}`}
            onClick={() => onDelete(note.id)}
            disabled={disabled}
          >
            Delete
          </button>
        </li>
      ))}
    </ol>
  );
}
