import { useEffect, useState } from 'react';
import type { SavedSearch } from '../../../preload/contract/api';
import { useApi } from '../../api-context';

interface SavedSearchesProps {
  /** The search on screen, for "Save current". */
  current: { query: string; from?: number | undefined; to?: number | undefined };
  onApply: (search: SavedSearch) => void;
}

/** Searches kept in the case file: list (apply, delete) and save the current one under a name. */
export function SavedSearches({ current, onApply }: SavedSearchesProps) {
  const api = useApi();
  const [searches, setSearches] = useState<SavedSearch[] | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.listSearches({}).then(
      (list) => {
        if (live) setSearches(list);
      },
      (failure: unknown) => {
        if (live) setError(message(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [api, version]);

  const save = () => {
    const trimmed = name.trim();
    if (trimmed === '') return;
    setError(null);
    api.saveSearch({ name: trimmed, query: current.query, from: current.from ?? null, to: current.to ?? null }).then(
      () => {
        setName('');
        setVersion((value) => value + 1);
      },
      (failure: unknown) => setError(message(failure)),
    );
  };

  const remove = (id: number) => {
    api.deleteSearch({ id }).then(
      () => setVersion((value) => value + 1),
      (failure: unknown) => setError(message(failure)),
    );
  };

  return (
    <details className="menu">
      <summary className="button small">Saved searches</summary>
      <div className="menu-panel saved-searches" role="group" aria-label="Saved searches">
        {searches !== null && searches.length === 0 && <p className="muted">No saved searches yet.</p>}
        <ul className="saved-list">
          {(searches ?? []).map((search) => (
            <li key={search.id}>
              <button type="button" className="button small" title={search.query} onClick={() => onApply(search)}>
                {search.name}
              </button>
              <code className="mono muted">{search.query === '' ? '(everything)' : search.query}</code>
              <button
                type="button"
                className="button tiny"
                aria-label={`Delete saved search ${search.name}`}
                onClick={() => remove(search.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <span className="save-current">
          <input
            aria-label="Name for the current search"
            placeholder="name this search"
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') save();
            }}
          />
          <button type="button" className="button small" disabled={name.trim() === ''} onClick={save}>
            Save current search
          </button>
        </span>
        {error !== null && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}

function message(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
