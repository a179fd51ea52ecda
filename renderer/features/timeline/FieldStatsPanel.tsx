import { useEffect, useState } from 'react';
import type { FieldStats } from '../../../preload/contract/api';
import { useApi } from '../../api-context';
import type { PivotHandler } from '../../components/PivotValue';
import type { ColumnSpec } from '../../lib/fields';
import { formatCount } from '../../lib/format';
import { formatShare, statLines } from './field-stats';

interface FieldStatsPanelProps {
  /** Fields to choose from (the catalogue's). */
  fields: readonly ColumnSpec[];
  filter: { query: string; from?: number | undefined; to?: number | undefined };
  dataVersion: number;
  onPivot: PivotHandler;
  onClose: () => void;
}

/** Values listed per field. */
const LIMIT = 15;

/** Top values of one catalogue field under the current filter (count and share), each a filter. */
export function FieldStatsPanel({ fields, filter, dataVersion, onPivot, onClose }: FieldStatsPanelProps) {
  const api = useApi();
  const choices = fields.filter((field) => field.type !== 'json' && field.type !== 'time');
  const [field, setField] = useState(
    () => choices.find((choice) => choice.name === 'eventName')?.name ?? choices[0]?.name ?? '',
  );
  const [loaded, setLoaded] = useState<{ key: string; stats?: FieldStats; error?: string } | null>(null);
  const { query, from, to } = filter;
  const key = JSON.stringify([field, query, from ?? null, to ?? null, dataVersion]);

  useEffect(() => {
    if (field === '') return;
    let live = true;
    const requestKey = JSON.stringify([field, query, from ?? null, to ?? null, dataVersion]);
    const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    api.fieldStats({ query, ...range, field, limit: LIMIT }).then(
      (stats) => {
        if (live) setLoaded({ key: requestKey, stats });
      },
      (error: unknown) => {
        if (live) setLoaded({ key: requestKey, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, field, query, from, to, dataVersion]);

  const current = loaded?.key === key ? loaded : null;
  const summary = current?.stats ? statLines(current.stats) : null;
  return (
    <aside className="field-stats" aria-label="Field statistics">
      <header className="detail-header">
        <h2>Field statistics</h2>
        <button type="button" className="button small" onClick={onClose} aria-label="Close field statistics">
          ✕
        </button>
      </header>
      <label className="stats-field">
        <span className="label">Field</span>
        <select aria-label="Field" value={field} onChange={(event) => setField(event.target.value)}>
          {choices.map((choice) => (
            <option key={choice.name} value={choice.name}>
              {choice.name}
            </option>
          ))}
        </select>
      </label>
      {current === null && <p className="muted">Counting…</p>}
      {current?.error !== undefined && (
        <p role="alert" className="error-text">
          {current.error}
        </p>
      )}
      {summary && current?.stats && (
        <>
          <p className="muted">Top values among {formatCount(current.stats.total)} events</p>
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col" className="num">
                  Count
                </th>
                <th scope="col" className="num">
                  Share
                </th>
                <th scope="col">
                  <span className="visually-hidden">Filter</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.lines.map((line, index) => (
                <tr key={index}>
                  <td className="mono stats-value">
                    {line.value === null ? <span className="null">(none)</span> : line.value}
                  </td>
                  <td className="num">{formatCount(line.count)}</td>
                  <td className="num">
                    <span
                      className="share-bar"
                      style={{ inlineSize: `${Math.round(line.share * 60)}px` }}
                      aria-hidden="true"
                    />
                    {formatShare(line.share)}
                  </td>
                  <td className="stats-actions">
                    {line.value !== null && (
                      <>
                        <button
                          type="button"
                          className="button tiny"
                          aria-label={`Include ${field} = ${line.value}`}
                          onClick={() => onPivot(field, line.value ?? '', false)}
                        >
                          ＋
                        </button>
                        <button
                          type="button"
                          className="button tiny"
                          aria-label={`Exclude ${field} = ${line.value}`}
                          onClick={() => onPivot(field, line.value ?? '', true)}
                        >
                          −
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.others > 0 && <p className="muted">{formatCount(summary.others)} more in other values</p>}
        </>
      )}
    </aside>
  );
}
