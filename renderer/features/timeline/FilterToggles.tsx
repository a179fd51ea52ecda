import type { TagCount } from '../../../preload/contract/api';
import { fieldTerm, hasTerm } from '../../lib/query-build';
import { formatCount } from '../../lib/format';

interface FilterTogglesProps {
  query: string;
  tags: readonly TagCount[];
  /** Adds the term when absent, removes it when present. */
  onToggleTerm: (term: string) => void;
}

export const STARRED_TERM = 'starred:true';

export function tagTerm(tag: string): string {
  return fieldTerm('tag', tag);
}

/** Quick filters on the investigator's own annotations: starred events and each tag. */
export function FilterToggles({ query, tags, onToggleTerm }: FilterTogglesProps) {
  return (
    <div className="filter-toggles" role="group" aria-label="Annotation filters">
      <button
        type="button"
        className="button small toggle"
        aria-pressed={hasTerm(query, STARRED_TERM)}
        onClick={() => onToggleTerm(STARRED_TERM)}
      >
        ★ Starred
      </button>
      {tags.length > 0 && (
        <details className="menu">
          <summary className="button small">Tags</summary>
          <div className="menu-panel tag-list" role="group" aria-label="Filter by tag">
            {tags.map(({ tag, count }) => {
              const term = tagTerm(tag);
              return (
                <button
                  key={tag}
                  type="button"
                  className="button small toggle"
                  aria-pressed={hasTerm(query, term)}
                  onClick={() => onToggleTerm(term)}
                >
                  {tag} <span className="muted">{formatCount(count)}</span>
                </button>
              );
            })}
          </div>
        </details>
      )}
    </div>
  );
}
