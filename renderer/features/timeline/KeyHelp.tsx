import { useEffect, useRef } from 'react';
import { TIMELINE_KEYS } from './timeline-keys';

/** The `?` list of keyboard shortcuts (a non-modal dialog; Esc or the button closes it). */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="key-help" role="dialog" aria-label="Keyboard shortcuts">
      <header className="detail-header">
        <h2>Keyboard shortcuts</h2>
        <button
          ref={closeRef}
          type="button"
          className="button small"
          onClick={onClose}
          aria-label="Close keyboard shortcuts"
        >
          ✕
        </button>
      </header>
      <dl className="key-list">
        {TIMELINE_KEYS.map(({ key, action }) => (
          <div key={key} className="field-row">
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
