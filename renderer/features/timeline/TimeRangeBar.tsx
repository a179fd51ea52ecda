import { useState, type KeyboardEvent } from 'react';
import { formatIso, parseTimeInput, zoneLabel, type TimeZoneMode } from '../../lib/time';

interface TimeRangeBarProps {
  from: number | undefined;
  to: number | undefined;
  zone: TimeZoneMode;
  onChange: (range: { from: number | undefined; to: number | undefined }) => void;
}

/**
 * The time range as two editable ISO boxes in the chosen zone (an explicit zone typed wins) and a
 * clear button. Keyed by its props by the parent, so a brush or a context search resets the text.
 */
export function TimeRangeBar({ from, to, zone, onChange }: TimeRangeBarProps) {
  const [fromText, setFromText] = useState(from === undefined ? '' : formatIso(from, zone));
  const [toText, setToText] = useState(to === undefined ? '' : formatIso(to, zone));
  const fromValue = fromText.trim() === '' ? undefined : parseTimeInput(fromText, zone);
  const toValue = toText.trim() === '' ? undefined : parseTimeInput(toText, zone);
  const fromInvalid = fromValue === null;
  const toInvalid = toValue === null;
  const reversed = fromValue != null && toValue != null && fromValue >= toValue;

  const apply = () => {
    if (fromValue === null || toValue === null || reversed) return;
    if (fromValue === from && toValue === to) return;
    onChange({ from: fromValue, to: toValue });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') apply();
  };

  const zoneName = zoneLabel(zone, from ?? to);
  return (
    <div className="time-range" role="group" aria-label="Time range">
      <label className="time-field">
        <span className="label">From</span>
        <input
          className="mono"
          aria-label={`From (inclusive, ${zoneName})`}
          aria-invalid={fromInvalid || reversed}
          placeholder="start of evidence"
          value={fromText}
          onChange={(event) => setFromText(event.target.value)}
          onBlur={apply}
          onKeyDown={onKeyDown}
          spellCheck={false}
        />
      </label>
      <label className="time-field">
        <span className="label">To</span>
        <input
          className="mono"
          aria-label={`To (exclusive, ${zoneName})`}
          aria-invalid={toInvalid || reversed}
          placeholder="end of evidence"
          value={toText}
          onChange={(event) => setToText(event.target.value)}
          onBlur={apply}
          onKeyDown={onKeyDown}
          spellCheck={false}
        />
      </label>
      <button
        type="button"
        className="button small"
        onClick={() => onChange({ from: undefined, to: undefined })}
        disabled={from === undefined && to === undefined}
      >
        Clear time range
      </button>
      {(fromInvalid || toInvalid) && (
        <span className="error-text" role="alert">
          Use ISO 8601, e.g. 2024-01-31T12:00:00Z (no zone means {zoneName}).
        </span>
      )}
      {reversed && (
        <span className="error-text" role="alert">
          The start must be before the end.
        </span>
      )}
    </div>
  );
}
