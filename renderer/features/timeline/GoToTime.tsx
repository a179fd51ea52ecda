import { useState } from 'react';
import { parseTimeInput, zoneLabel, type TimeZoneMode } from '../../lib/time';

interface GoToTimeProps {
  zone: TimeZoneMode;
  disabled: boolean;
  /** Scrolls to the first event at or after this instant (ms UTC). */
  onGo: (ms: number) => Promise<void>;
}

/** "Go to time": an ISO instant (in the chosen zone unless one is typed) → the first event there. */
export function GoToTime({ zone, disabled, onGo }: GoToTimeProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const value = text.trim() === '' ? null : parseTimeInput(text, zone);
  const invalid = text.trim() !== '' && value === null;
  const go = () => {
    if (value === null || busy) return;
    setBusy(true);
    void onGo(value).finally(() => setBusy(false));
  };
  return (
    <span className="go-to-time" role="group" aria-label="Go to time">
      <input
        className="mono"
        aria-label={`Go to time (${zoneLabel(zone)})`}
        aria-invalid={invalid}
        placeholder="go to 2024-01-31T12:00"
        value={text}
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') go();
        }}
      />
      <button type="button" className="button small" disabled={disabled || value === null || busy} onClick={go}>
        Go
      </button>
    </span>
  );
}
