import { useEffect, useState } from 'react';
import type { EntityProfileResult, ValueCount } from '../../../preload/contract/analysis';
import { useApi } from '../../api-context';
import { formatCount } from '../../lib/format';
import { entityQuery, type EntityRef } from '../../lib/navigation';
import { formatTime, type TimeZoneMode } from '../../lib/time';
import { nameHistogram, percent, unusualLists } from './profile-model';

const KIND_LABELS: Record<EntityRef['kind'], string> = {
  principal: 'Principal',
  accessKey: 'Access key',
  ip: 'IP address',
  instance: 'Instance',
  resource: 'Resource',
};

/**
 * An entity's profile: first and last seen, the event-name histogram, regions, user agents, source
 * IPs, error rate and what is new in the range; "Show events" pivots to the timeline.
 */
export function EntityProfile({
  entity,
  zone,
  onShowEvents,
  onClose,
}: {
  entity: EntityRef;
  zone: TimeZoneMode;
  onShowEvents: (query: string) => void;
  onClose?: () => void;
}) {
  const api = useApi();
  const key = `${entity.kind}|${entity.id}`;
  const [loaded, setLoaded] = useState<{ key: string; profile?: EntityProfileResult; error?: string } | null>(null);

  useEffect(() => {
    let live = true;
    api.entityProfile({ kind: entity.kind, id: entity.id }).then(
      (profile) => live && setLoaded({ key, profile }),
      (error: unknown) => live && setLoaded({ key, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, entity.kind, entity.id, key]);

  const current = loaded?.key === key ? loaded : null;
  const profile = current?.profile;
  return (
    <section className="profile" role="region" aria-label="Entity profile">
      <header className="detail-header">
        <h2>
          <span className="badge">{KIND_LABELS[entity.kind]}</span> <span className="mono profile-id">{entity.id}</span>
        </h2>
        {onClose && (
          <button type="button" className="button small" aria-label="Close profile" onClick={onClose}>
            ✕
          </button>
        )}
      </header>
      <div className="detail-actions">
        <button type="button" className="button small primary" onClick={() => onShowEvents(entityQuery(entity))}>
          Show events
        </button>
      </div>
      {current === null && <p className="muted">Loading…</p>}
      {current?.error !== undefined && (
        <p role="alert" className="error-text">
          Could not read the profile: {current.error}
        </p>
      )}
      {profile && <ProfileBody profile={profile} zone={zone} />}
    </section>
  );
}

function ProfileBody({ profile, zone }: { profile: EntityProfileResult; zone: TimeZoneMode }) {
  const unusual = unusualLists(profile);
  return (
    <div className="profile-body">
      <dl className="facts">
        <div className="fact">
          <dt>First seen</dt>
          <dd className="mono">{profile.firstSeen === null ? '—' : formatTime(profile.firstSeen, zone)}</dd>
        </div>
        <div className="fact">
          <dt>Last seen</dt>
          <dd className="mono">{profile.lastSeen === null ? '—' : formatTime(profile.lastSeen, zone)}</dd>
        </div>
        <div className="fact">
          <dt>Events</dt>
          <dd>{formatCount(profile.total)}</dd>
        </div>
        <div className="fact">
          <dt>Error rate</dt>
          <dd>
            {percent(profile.errorRate)} ({formatCount(profile.errors)} errors)
          </dd>
        </div>
      </dl>
      {unusual.length > 0 && (
        <div className="unusual" role="group" aria-label="Unusual in this range">
          <h3>Unusual in this range</h3>
          {unusual.map((list) => (
            <div key={list.label}>
              <span className="label">{list.label}</span>{' '}
              {list.values.map((value) => (
                <span key={value} className="chip warn mono">
                  {value}
                </span>
              ))}
            </div>
          ))}
        </div>
      )}
      <h3>Event names</h3>
      <NameChart values={profile.eventNames} />
      <ValueList title="Regions" values={profile.regions} />
      <ValueList title="Source IPs" values={profile.sourceIps} />
      <ValueList title="User agents" values={profile.userAgents} />
      {profile.kind !== 'principal' && <ValueList title="Principals" values={profile.principals} />}
      {profile.kind !== 'accessKey' && <ValueList title="Access keys" values={profile.keys} />}
    </div>
  );
}

function NameChart({ values }: { values: ValueCount[] }) {
  if (values.length === 0) return <p className="muted">No events.</p>;
  const chart = nameHistogram(values, 420);
  return (
    <svg
      role="img"
      aria-label="Event names"
      className="chart"
      width={chart.width}
      height={chart.height}
      viewBox={`0 0 ${chart.width} ${chart.height}`}
    >
      {chart.bars.map((bar) => (
        <g key={bar.value}>
          <title>{`${bar.value}: ${bar.count}`}</title>
          <text x={chart.left - 6} y={bar.y + bar.height / 2} dy="0.35em" textAnchor="end" className="chart-label">
            {bar.label}
          </text>
          <rect x={chart.left} y={bar.y} width={bar.width} height={bar.height} className="bar" />
          <text x={chart.left + bar.width + 4} y={bar.y + bar.height / 2} dy="0.35em" className="chart-value">
            {bar.count}
          </text>
        </g>
      ))}
      <line x1={chart.left} x2={chart.width - 4} y1={chart.axisY} y2={chart.axisY} className="axis-line" />
      {chart.ticks.map((tick) => (
        <text key={tick.x} x={tick.x} y={chart.axisY + 14} textAnchor="middle" className="chart-tick">
          {tick.label}
        </text>
      ))}
    </svg>
  );
}

function ValueList({ title, values }: { title: string; values: ValueCount[] }) {
  if (values.length === 0) return null;
  return (
    <div className="value-list">
      <h3>{title}</h3>
      <ul>
        {values.slice(0, 10).map((entry) => (
          <li key={entry.value}>
            <span className="mono">{entry.value}</span> <span className="muted">{formatCount(entry.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
