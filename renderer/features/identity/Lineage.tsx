import { useEffect, useState } from 'react';
import type { LineageResult } from '../../../preload/contract/analysis';
import { useApi } from '../../api-context';
import { eventIdQuery } from '../../lib/navigation';
import { formatTime, type TimeZoneMode } from '../../lib/time';
import { lineageRows } from './lineage-model';

/** The credential chain of a key, root first, as a vertical tree; created keys and users as branches. */
export function Lineage({
  accessKey,
  zone,
  onShowEvents,
}: {
  accessKey: string;
  zone: TimeZoneMode;
  onShowEvents: (query: string) => void;
}) {
  const api = useApi();
  const [loaded, setLoaded] = useState<{ key: string; lineage?: LineageResult; error?: string } | null>(null);
  useEffect(() => {
    let live = true;
    api.lineage({ key: accessKey }).then(
      (lineage) => live && setLoaded({ key: accessKey, lineage }),
      (error: unknown) => live && setLoaded({ key: accessKey, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, accessKey]);

  const current = loaded?.key === accessKey ? loaded : null;
  return (
    <section className="lineage" aria-label="Credential lineage">
      <h3>Lineage of <span className="mono">{accessKey}</span></h3>
      {current === null && <p className="muted">Loading…</p>}
      {current?.error !== undefined && (
        <p className="muted" role="status">
          No lineage: {current.error}
        </p>
      )}
      {current?.lineage && (
        <ol className="lineage-tree" role="tree" aria-label="Credential chain">
          {lineageRows(current.lineage).map((row) => (
            <li
              key={row.id}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-selected={false}
              className={row.branch ? 'lineage-row branch' : 'lineage-row'}
              style={{ paddingLeft: `${row.depth * 18}px` }}
            >
              <span className="lineage-marker" aria-hidden="true">
                {row.branch ? '↳ +' : row.depth === 0 ? '●' : '↓'}
              </span>
              <span className="badge">{row.kind}</span> <span className="mono">{row.node}</span>
              {row.via && (
                <span className="muted">
                  {' '}
                  via {row.via.kind} at {formatTime(row.via.time, zone)}
                </span>
              )}
              {row.via?.eventId && (
                <button
                  type="button"
                  className="pivot mono"
                  title="Show the event that proves this link"
                  onClick={() => row.via?.eventId && onShowEvents(eventIdQuery(row.via.eventId))}
                >
                  {row.via.eventId}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
