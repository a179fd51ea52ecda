import { useId, useState } from 'react';
import type { ReportSection } from '../../../preload/contract/api';
import { useApi } from '../../api-context';
import { formatTime, type TimeZoneMode } from '../../lib/time';
import { isDirty, type SectionName } from './report-model';

interface SectionEditorProps {
  name: SectionName;
  label: string;
  hint: string;
  /** What is saved now (undefined: never written, or cleared). */
  saved: ReportSection | undefined;
  zone: TimeZoneMode;
  /** After a save: the section as stored, or null when the empty text cleared it. */
  onSaved: (name: SectionName, section: ReportSection | null) => void;
}

/** One analyst-written section: a textarea and Save (empty text clears the section). */
export function SectionEditor({ name, label, hint, saved, zone, onSaved }: SectionEditorProps) {
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState(saved?.text ?? '');
  // The saved text the draft started from: when it changes underneath (a reload), follow it.
  const [base, setBase] = useState(saved?.text ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const savedText = saved?.text ?? '';
  if (savedText !== base) {
    setBase(savedText);
    if (draft === base) setDraft(savedText);
  }

  const save = () => {
    setBusy(true);
    setError(null);
    api.setReportSection({ section: name, text: draft }).then(
      (section) => {
        setBusy(false);
        onSaved(name, section);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  };

  const dirty = isDirty(draft, saved);
  return (
    <div className="report-section" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-text`} className="report-section-label">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        className="report-section-text"
        rows={name === 'summary' || name === 'what-happened' ? 6 : 3}
        placeholder={hint}
        value={draft}
        maxLength={200_000}
        onChange={(event) => setDraft(event.target.value)}
      />
      <div className="report-section-foot">
        <button type="button" className="button small" onClick={save} disabled={busy || !dirty}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <span className="muted" data-testid={`saved-${name}`}>
          {saved ? `Saved by ${saved.author} at ${formatTime(saved.updatedAt, zone)}` : 'Not written yet'}
          {dirty && ' · unsaved changes'}
        </span>
        {error !== null && (
          <span role="alert" className="error-text">
            Not saved: {error}
          </span>
        )}
      </div>
    </div>
  );
}
