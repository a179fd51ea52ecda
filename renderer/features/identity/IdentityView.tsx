import { useEffect, useState, type FormEvent } from 'react';
import type { BlastGraphResult } from '../../../preload/contract/analysis';
import { useApi } from '../../api-context';
import { guessEntityKind, profileKindOfNode, type EntityRef } from '../../lib/navigation';
import { browserStorage, loadZone } from '../../lib/settings';
import type { TimeZoneMode } from '../../lib/time';
import { BlastGraph } from './BlastGraph';
import { escalationActions, type GraphNode } from './blast-model';
import { EntityProfile } from './EntityProfile';
import { Lineage } from './Lineage';

/** What another view asked the identity view to show; a new `nonce` asks again. */
export type IdentityRequest = { kind: 'blast'; seed: string; nonce: number } | { kind: 'profile'; entity: EntityRef; nonce: number };

interface IdentityViewProps {
  dataVersion: number;
  /** The seed the place (URL) holds, shown on load. */
  initialSeed?: string | undefined;
  request?: IdentityRequest | null;
  /** The seed changed (so the place keeps it). */
  onSeed: (seed: string) => void;
  /** Shows the timeline with this query. */
  onShowEvents: (query: string) => void;
}

type GraphState = { seed: string; version: number; graph?: BlastGraphResult; error?: string };

/** Identity: a seed's blast radius (graph), the credential lineage of a key, and entity profiles. */
export function IdentityView({ dataVersion, initialSeed, request = null, onSeed, onShowEvents }: IdentityViewProps) {
  const api = useApi();
  const [zone] = useState<TimeZoneMode>(() => loadZone(browserStorage()));
  const [text, setText] = useState(initialSeed ?? '');
  const [seed, setSeed] = useState(initialSeed ?? '');
  const [profile, setProfile] = useState<EntityRef | null>(null);
  const [loaded, setLoaded] = useState<GraphState | null>(null);

  // A request from another view (set while rendering, React's pattern for state that follows a prop).
  const [seenRequest, setSeenRequest] = useState<number | null>(null);
  if (request !== null && request.nonce !== seenRequest) {
    setSeenRequest(request.nonce);
    if (request.kind === 'blast') {
      setText(request.seed);
      setSeed(request.seed);
      setProfile(null);
    } else {
      setProfile(request.entity);
    }
  }

  useEffect(() => {
    if (seed === '') return;
    let live = true;
    api.blastRadius({ seed }).then(
      (graph) => live && setLoaded({ seed, version: dataVersion, graph }),
      (error: unknown) =>
        live && setLoaded({ seed, version: dataVersion, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, seed, dataVersion]);

  useEffect(() => {
    if (seed !== '') onSeed(seed);
  }, [seed, onSeed]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = text.trim();
    if (next === '') return;
    setSeed(next);
    setProfile(null);
  };

  const current = loaded !== null && loaded.seed === seed && loaded.version === dataVersion ? loaded : null;
  const graph = current?.graph;
  const seedKind = guessEntityKind(seed);
  const escalation = graph ? escalationActions(graph.edges) : [];
  const onSelectNode = (node: GraphNode) => setProfile({ kind: profileKindOfNode(node.kind, node.id), id: node.id });

  return (
    <div className="identity">
      <form className="seed-form" role="search" aria-label="Blast radius seed" onSubmit={submit}>
        <label className="seed-field">
          <span className="label">Seed</span>
          <input
            className="mono"
            aria-label="Seed: access key, principal ARN, instance id or IP"
            placeholder="AKIA…, arn:aws:iam::…, i-…, 198.51.100.7"
            value={text}
            maxLength={2048}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit" className="button primary">
          Blast radius
        </button>
      </form>
      <div className="identity-body">
        <div className="identity-main">
          {seed === '' && !profile && (
            <p className="muted">
              Give an access key, a principal ARN, an instance id or an IP, or use “Blast radius” in an event’s detail.
            </p>
          )}
          {seed !== '' && current === null && <p role="status">Computing the blast radius…</p>}
          {current?.error !== undefined && (
            <p role="alert" className="error-text">
              Could not compute the blast radius: {current.error}
            </p>
          )}
          {graph && (
            <>
              {graph.notes.length > 0 && (
                <ul className="graph-notes" aria-label="Notes">
                  {graph.notes.map((note, index) => (
                    <li key={index}>{note}</li>
                  ))}
                </ul>
              )}
              {graph.adminEquivalent && (
                <div className="admin-badge" role="status">
                  <span className="verdict verdict-blocked">admin-equivalent</span>{' '}
                  {escalation.length > 0 ? (
                    <>
                      can escalate with: <span className="mono">{escalation.join(', ')}</span>
                    </>
                  ) : (
                    'this seed can act as an administrator'
                  )}
                </div>
              )}
              {graph.nodes.length === 0 ? (
                <p className="muted">Nothing reachable from this seed.</p>
              ) : (
                <BlastGraph key={`${graph.seed}|${dataVersion}`} graph={graph} selectedId={profile?.id ?? null} onSelectNode={onSelectNode} />
              )}
            </>
          )}
          {seedKind === 'accessKey' && <Lineage accessKey={seed} zone={zone} onShowEvents={onShowEvents} />}
        </div>
        {profile && (
          <aside className="identity-side">
            <EntityProfile entity={profile} zone={zone} onShowEvents={onShowEvents} onClose={() => setProfile(null)} />
          </aside>
        )}
      </div>
    </div>
  );
}
