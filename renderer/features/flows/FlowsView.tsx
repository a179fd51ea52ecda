import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type {
  FlowConversation,
  FlowExplanationResult,
  FlowScan,
  FlowTalker,
  RuleExplanation,
} from '../../../preload/contract/analysis';
import { useApi } from '../../api-context';
import { formatCount } from '../../lib/format';
import { addressQuery, eniQuery } from '../../lib/navigation';
import { browserStorage, loadZone } from '../../lib/settings';
import { formatTime, type TimeZoneMode } from '../../lib/time';
import { ConversationsTable, VerdictBadge } from './ConversationsTable';
import {
  conversationId,
  explainRequest,
  highlightRule,
  protocolName,
  ruleFacts,
  VERDICTS,
  verdictLabel,
  type ExplainInput,
  type Verdict,
} from './flows-model';
import { TalkersChart } from './TalkersChart';

interface FlowsViewProps {
  /** Changes when the case's events changed: everything re-queries. */
  dataVersion: number;
  /** The tab is showing: load on first show. */
  active: boolean;
  /** Shows the timeline with this query. */
  onShowEvents: (query: string) => void;
}

type Loaded<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'error'; message: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Flows: conversations with verdicts and the rule that explains each, scans, top talkers, and "explain a flow". */
export function FlowsView({ dataVersion, active, onShowEvents }: FlowsViewProps) {
  const api = useApi();
  const [zone] = useState<TimeZoneMode>(() => loadZone(browserStorage()));
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [pairs, setPairs] = useState<{ key: string; value: Loaded<FlowConversation[]> } | null>(null);
  const [scans, setScans] = useState<Loaded<FlowScan[]> | null>(null);
  const [talkers, setTalkers] = useState<Loaded<FlowTalker[]> | null>(null);
  const [selected, setSelected] = useState<FlowConversation | null>(null);
  const [shown, setShown] = useState(active);
  if (active && !shown) setShown(true);

  const pairsKey = `${dataVersion}|${verdict}`;
  useEffect(() => {
    if (!shown) return;
    let live = true;
    api.flowPairs(verdict === '' ? {} : { verdict }).then(
      (value) => live && setPairs({ key: pairsKey, value: { state: 'done', value } }),
      (error: unknown) => live && setPairs({ key: pairsKey, value: { state: 'error', message: message(error) } }),
    );
    return () => {
      live = false;
    };
  }, [api, shown, verdict, pairsKey]);

  useEffect(() => {
    if (!shown) return;
    let live = true;
    api.flowScans({}).then(
      (value) => live && setScans({ state: 'done', value }),
      (error: unknown) => live && setScans({ state: 'error', message: message(error) }),
    );
    api.flowTalkers({ limit: 15 }).then(
      (value) => live && setTalkers({ state: 'done', value }),
      (error: unknown) => live && setTalkers({ state: 'error', message: message(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, shown, dataVersion]);

  const onAddress = useCallback((address: string) => onShowEvents(addressQuery(address)), [onShowEvents]);
  const onEni = useCallback((eni: string) => onShowEvents(eniQuery(eni)), [onShowEvents]);

  // While another verdict loads, the previous rows stay (dimmed by the status line), so the table keeps its place.
  const fresh = pairs?.key === pairsKey;
  const current: Loaded<FlowConversation[]> = pairs?.value ?? { state: 'loading' };
  const selectedId = selected ? conversationId(selected) : null;

  return (
    <div className="flows">
      <section className="flows-main" aria-labelledby="conversations-heading">
        <div className="section-head">
          <h2 id="conversations-heading">Conversations</h2>
          <label className="inline-field">
            <span className="label">Verdict</span>
            <select
              aria-label="Verdict filter"
              value={verdict}
              onChange={(event) => {
                const value = VERDICTS.find((candidate) => candidate === event.target.value);
                setVerdict(value ?? '');
              }}
            >
              <option value="">all</option>
              {VERDICTS.map((value) => (
                <option key={value} value={value}>
                  {verdictLabel(value)}
                </option>
              ))}
            </select>
          </label>
          {current.state === 'done' && <span className="muted">{formatCount(current.value.length)} conversations</span>}
        </div>
        {(current.state === 'loading' || !fresh) && <p role="status">Loading conversations…</p>}
        {current.state === 'error' && (
          <p role="alert" className="error-text">
            Could not read the conversations: {current.message}
          </p>
        )}
        {current.state === 'done' && (
          <ConversationsTable
            pairs={current.value}
            zone={zone}
            selectedId={selectedId}
            onSelect={setSelected}
            onAddress={onAddress}
            onEni={onEni}
          />
        )}
      </section>

      <aside className="flows-side">
        {selected ? (
          <ExplanationPanel pair={selected} onAddress={onAddress} onEni={onEni} />
        ) : (
          <p className="muted">Select a conversation to see the rule that explains it.</p>
        )}
        <ExplainForm />
      </aside>

      <section className="flows-talkers" aria-labelledby="talkers-heading">
        <h2 id="talkers-heading">Top talkers</h2>
        {talkers?.state === 'done' && <TalkersChart talkers={talkers.value} onAddress={onAddress} />}
        {talkers?.state === 'error' && (
          <p role="alert" className="error-text">
            Could not read the talkers: {talkers.message}
          </p>
        )}
      </section>

      <section className="flows-scans" aria-labelledby="scans-heading">
        <h2 id="scans-heading">Scans</h2>
        {scans?.state === 'done' && <ScansList scans={scans.value} zone={zone} onAddress={onAddress} />}
        {scans?.state === 'error' && (
          <p role="alert" className="error-text">
            Could not read the scans: {scans.message}
          </p>
        )}
      </section>
    </div>
  );
}

/** The deciding rule's facts and text, the deciding parts highlighted (as text, never markup). */
function RuleView({ rule, title }: { rule: RuleExplanation; title?: string }) {
  return (
    <div className="rule">
      {title && <h4>{title}</h4>}
      <dl className="facts">
        {ruleFacts(rule).map((fact) => (
          <div key={fact.label} className={fact.deciding ? 'fact deciding' : 'fact'}>
            <dt>{fact.label}</dt>
            <dd className="mono">{fact.value}</dd>
          </div>
        ))}
      </dl>
      <p className="rule-text">
        {highlightRule(rule.text, rule).map((piece, index) =>
          piece.mark ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
        )}
      </p>
    </div>
  );
}

function ExplanationPanel({
  pair,
  onAddress,
  onEni,
}: {
  pair: FlowConversation;
  onAddress: (address: string) => void;
  onEni: (eni: string) => void;
}) {
  return (
    <section className="explanation" aria-label="Explanation">
      <h3>
        <VerdictBadge verdict={pair.verdict} />{' '}
        <span className="mono">
          {pair.client} → {pair.server}:{pair.serverPort}/{protocolName(pair.protocol)}
        </span>
      </h3>
      <p className="muted">
        request {pair.forward ?? 'not seen'}, reply {pair.reverse ?? 'not seen'} on{' '}
        <button type="button" className="pivot mono" onClick={() => onEni(pair.eni)}>
          {pair.eni}
        </button>
      </p>
      <RuleView rule={pair.explanation} />
      <div className="detail-actions">
        <button type="button" className="button small" onClick={() => onAddress(pair.client)}>
          Events of {pair.client}
        </button>
        <button type="button" className="button small" onClick={() => onAddress(pair.server)}>
          Events of {pair.server}
        </button>
      </div>
    </section>
  );
}

function ScansList({
  scans,
  zone,
  onAddress,
}: {
  scans: FlowScan[];
  zone: TimeZoneMode;
  onAddress: (address: string) => void;
}) {
  if (scans.length === 0) return <p className="muted">No scans.</p>;
  return (
    <ul className="scan-list" aria-label="Scans">
      {scans.map((scan) => (
        <li key={`${scan.source}|${scan.kind}|${scan.first}`}>
          <button type="button" className="pivot mono" onClick={() => onAddress(scan.source)}>
            {scan.source}
          </button>{' '}
          <span className="badge">{scan.kind}</span> {formatCount(scan.distinctPorts)} ports on{' '}
          {scan.targets.slice(0, 5).map((target) => (
            <button key={target} type="button" className="pivot mono" onClick={() => onAddress(target)}>
              {target}
            </button>
          ))}
          {scan.targets.length > 5 && <span className="muted"> +{scan.targets.length - 5}</span>}
          <span className="muted">
            {' '}
            · {formatCount(scan.accepted)} accepted, {formatCount(scan.rejected)} rejected · {formatTime(scan.first, zone)} –{' '}
            {formatTime(scan.last, zone)}
          </span>
        </li>
      ))}
    </ul>
  );
}

const PROTOCOL_CHOICES: ExplainInput['protocol'][] = ['tcp', 'udp', 'icmp', 'icmpv6'];

/** "Would this flow pass?": explainFlow against the case's newest network snapshot. */
function ExplainForm() {
  const api = useApi();
  const [input, setInput] = useState<ExplainInput>({ src: '', dst: '', port: '', protocol: 'tcp' });
  const [result, setResult] = useState<
    { state: 'done'; value: FlowExplanationResult } | { state: 'error'; message: string } | { state: 'running' } | null
  >(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = explainRequest(input);
    if (!built.ok) {
      setResult({ state: 'error', message: built.error });
      return;
    }
    setResult({ state: 'running' });
    api.explainFlow(built.request).then(
      (value) => setResult({ state: 'done', value }),
      (error: unknown) => setResult({ state: 'error', message: message(error) }),
    );
  };
  const field = (name: 'src' | 'dst' | 'port', label: string, placeholder: string) => (
    <label className="stack-field">
      <span className="label">{label}</span>
      <input
        className="mono"
        value={input[name]}
        placeholder={placeholder}
        maxLength={64}
        onChange={(event) => setInput((previous) => ({ ...previous, [name]: event.target.value }))}
      />
    </label>
  );
  return (
    <form className="explain-form" aria-label="Explain a flow" onSubmit={submit}>
      <h3>Explain a flow</h3>
      <div className="form-row">
        {field('src', 'Source', '198.51.100.20')}
        {field('dst', 'Destination', '10.0.1.10')}
        {field('port', 'Port', '443')}
        <label className="stack-field">
          <span className="label">Protocol</span>
          <select
            value={input.protocol}
            onChange={(event) => {
              const protocol = PROTOCOL_CHOICES.find((choice) => choice === event.target.value) ?? 'tcp';
              setInput((previous) => ({ ...previous, protocol }));
            }}
          >
            {PROTOCOL_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" disabled={result?.state === 'running'}>
          Explain
        </button>
      </div>
      {result?.state === 'error' && (
        <p role="alert" className="error-text">
          {result.message}
        </p>
      )}
      {result?.state === 'done' && (
        <div className="explain-result" role="status">
          <p>
            <span className={`verdict verdict-${result.value.allowed ? 'ok' : 'blocked'}`}>
              {result.value.allowed ? 'allowed' : 'blocked'}
            </span>{' '}
            {result.value.text}
          </p>
          {!result.value.snapshot && (
            <p className="muted">The case holds no network snapshot: this is inferred, not evaluated.</p>
          )}
          <RuleView rule={result.value.ingress} title="Ingress" />
          <RuleView rule={result.value.egress} title="Egress" />
        </div>
      )}
    </form>
  );
}
