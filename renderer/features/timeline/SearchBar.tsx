import { useId, type Ref } from 'react';
import type { ApiCallError } from '../../api';
import { syntaxHighlight } from './syntax-highlight';

interface SearchBarProps {
  text: string;
  onChange: (text: string) => void;
  /** Enter: run now, without waiting for the typing pause. */
  onSubmit: () => void;
  /** The query the syntax error is about (what was last sent), and the error. */
  errorQuery: string;
  syntaxError: ApiCallError | null;
  pending: boolean;
  /** For the `/` shortcut. */
  inputRef?: Ref<HTMLInputElement>;
}

/** The search box (the CLI's query syntax) with syntax errors shown under it. */
export function SearchBar({ text, onChange, onSubmit, errorQuery, syntaxError, pending, inputRef }: SearchBarProps) {
  const errorId = useId();
  const parts = syntaxError ? syntaxHighlight(errorQuery, syntaxError.position, syntaxError.length) : null;
  return (
    <div className="search">
      <input
        ref={inputRef}
        type="search"
        className="search-input mono"
        aria-label="Search events"
        aria-invalid={syntaxError !== null}
        aria-describedby={syntaxError ? errorId : undefined}
        placeholder="eventName:ConsoleLogin AND NOT sourceIp:203.0.113.9 — bare words search all text"
        spellCheck={false}
        autoComplete="off"
        value={text}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onSubmit();
        }}
      />
      {pending && <span className="search-pending" aria-hidden="true" />}
      {syntaxError && parts && (
        <div id={errorId} role="alert" className="syntax-error">
          <span className="syntax-message">{syntaxError.message}</span>
          {parts.marked !== null && (
            <code className="syntax-snippet mono" aria-label={`at character ${parts.position + 1}`}>
              {parts.before}
              <mark className="syntax-mark">{parts.marked}</mark>
              {parts.after}
            </code>
          )}
        </div>
      )}
    </div>
  );
}
