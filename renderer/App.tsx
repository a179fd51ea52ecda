import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CaseInfo } from '../preload/contract/api';
import { isApiError, onDesktopNotice } from './api';
import { useApi } from './api-context';
import { EvidenceView } from './features/evidence/EvidenceView';
import { FlowsView } from './features/flows/FlowsView';
import { IdentityView, type IdentityRequest } from './features/identity/IdentityView';
import { ReportView } from './features/report/ReportView';
import { Timeline } from './features/timeline/Timeline';
import type { EntityRef } from './lib/navigation';
import { decodePlace, writeAppPlace } from './lib/url-state';
import { NoCase } from './features/welcome/NoCase';
import { formatEventCount } from './lib/format';
import { ThemeSwitch } from './components/ThemeSwitch';

type CaseState =
  { kind: 'loading' } | { kind: 'no-case' } | { kind: 'open'; info: CaseInfo } | { kind: 'error'; message: string };

const TABS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'flows', label: 'Flows' },
  { id: 'identity', label: 'Identity' },
  { id: 'report', label: 'Report' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function App() {
  const api = useApi();
  const [caseState, setCaseState] = useState<CaseState>({ kind: 'loading' });
  // The view and the identity seed are part of the place (the URL fragment), so a reload keeps them.
  const [initialPlace] = useState(() => decodePlace(window.location.hash));
  const [tab, setTabState] = useState<TabId>(initialPlace.view ?? 'timeline');
  // The row open in the timeline's detail pane when the report view is shown (a review item may be linked to it).
  const [reportEvent, setReportEvent] = useState<number | null>(() => initialPlace.event ?? null);
  const setTab = useCallback((next: TabId) => {
    setTabState(next);
    if (next === 'report') setReportEvent(decodePlace(window.location.hash).event ?? null);
    writeAppPlace({ view: next });
  }, []);
  // Pivots between views: a search for the timeline, a seed or a profile for the identity view.
  const [timelineRequest, setTimelineRequest] = useState<{ query: string; nonce: number; event?: number } | null>(
    null,
  );
  const [identityRequest, setIdentityRequest] = useState<IdentityRequest | null>(null);
  const showEvents = useCallback(
    (query: string) => {
      setTimelineRequest((previous) => ({ query, nonce: (previous?.nonce ?? 0) + 1 }));
      setTab('timeline');
    },
    [setTab],
  );
  // From the report's review: the timeline over the whole case with this row open.
  const showEvent = useCallback(
    (event: number) => {
      setTimelineRequest((previous) => ({ query: '', event, nonce: (previous?.nonce ?? 0) + 1 }));
      setTab('timeline');
    },
    [setTab],
  );
  const showBlast = useCallback(
    (seed: string) => {
      setIdentityRequest((previous) => ({ kind: 'blast', seed, nonce: (previous?.nonce ?? 0) + 1 }));
      setTab('identity');
    },
    [setTab],
  );
  const showProfile = useCallback(
    (entity: EntityRef) => {
      setIdentityRequest((previous) => ({ kind: 'profile', entity, nonce: (previous?.nonce ?? 0) + 1 }));
      setTab('identity');
    },
    [setTab],
  );
  // Back/Forward and a fragment edited by hand: follow the view (and the seed) the URL names.
  useEffect(() => {
    const onPop = () => {
      const place = decodePlace(window.location.hash);
      setTabState(place.view ?? 'timeline');
      if (place.view === 'report') setReportEvent(place.event ?? null);
      const seed = place.seed;
      if (place.view === 'identity' && seed !== undefined) {
        setIdentityRequest((previous) =>
          previous?.kind === 'blast' && previous.seed === seed
            ? previous
            : { kind: 'blast', seed, nonce: (previous?.nonce ?? 0) + 1 },
        );
      }
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const identityActions = useMemo(() => ({ onBlast: showBlast, onProfile: showProfile }), [showBlast, showProfile]);
  const onSeed = useCallback((seed: string) => writeAppPlace({ seed }), []);
  // Bumped when an import finishes, so the timeline and the case header re-query.
  const [dataVersion, setDataVersion] = useState(0);
  // The evidence file the detail pane asked to show.
  const [focusFile, setFocusFile] = useState<number | null>(null);
  const showFile = useCallback((fileId: number) => {
    setFocusFile(fileId);
    setTab('evidence');
  }, [setTab]);

  const [identityShown, setIdentityShown] = useState(tab === 'identity');
  const [reportShown, setReportShown] = useState(tab === 'report');
  if (tab === 'report' && !reportShown) setReportShown(true);
  if (tab === 'identity' && !identityShown) setIdentityShown(true);

  const loadCase = useCallback(() => {
    api.caseInfo({}).then(
      (info) => setCaseState({ kind: 'open', info }),
      (error: unknown) => {
        if (isApiError(error, 'no-case')) setCaseState({ kind: 'no-case' });
        else setCaseState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, [api]);

  useEffect(loadCase, [loadCase]);
  // An import started from the desktop menu or by a drop: show its progress.
  useEffect(() => onDesktopNotice(() => setTab('evidence')), [setTab]);

  const onIngestDone = useCallback(() => {
    setDataVersion((version) => version + 1);
    loadCase();
  }, [loadCase]);

  if (caseState.kind === 'loading') {
    return (
      <p className="app-status" role="status">
        Opening case…
      </p>
    );
  }
  if (caseState.kind === 'no-case') return <NoCase onOpened={(info) => setCaseState({ kind: 'open', info })} />;
  if (caseState.kind === 'error') {
    return (
      <div className="app-status" role="alert">
        <p>Could not open the case: {caseState.message}</p>
        <button type="button" className="button" onClick={loadCase}>
          Try again
        </button>
      </div>
    );
  }

  const { info } = caseState;
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">Cairn</span>
        <span className="case-name mono" title={info.path}>
          {info.path}
        </span>
        {info.demo && <span className="badge">demo</span>}
        <span className="case-meta">{formatEventCount(info.eventCount)}</span>
        <TabList current={tab} onSelect={setTab} />
        <ThemeSwitch />
      </header>
      <div
        role="tabpanel"
        id="panel-timeline"
        aria-labelledby="tab-timeline"
        className="tabpanel"
        hidden={tab !== 'timeline'}
      >
        {/* Kept mounted while hidden so the scroll position and loaded pages survive a tab switch. */}
        <Timeline
          dataVersion={dataVersion}
          active={tab === 'timeline'}
          onShowFile={showFile}
          request={timelineRequest}
          identity={identityActions}
        />
      </div>
      <div
        role="tabpanel"
        id="panel-evidence"
        aria-labelledby="tab-evidence"
        className="tabpanel"
        hidden={tab !== 'evidence'}
      >
        <EvidenceView onIngestDone={onIngestDone} active={tab === 'evidence'} focusFile={focusFile} />
      </div>
      <div role="tabpanel" id="panel-flows" aria-labelledby="tab-flows" className="tabpanel" hidden={tab !== 'flows'}>
        <FlowsView dataVersion={dataVersion} active={tab === 'flows'} onShowEvents={showEvents} />
      </div>
      <div
        role="tabpanel"
        id="panel-identity"
        aria-labelledby="tab-identity"
        className="tabpanel"
        hidden={tab !== 'identity'}
      >
        {/* Mounted on first show (the graph's layout is work), then kept. */}
        {(tab === 'identity' || identityShown) && (
          <IdentityView
            dataVersion={dataVersion}
            initialSeed={initialPlace.seed}
            request={identityRequest}
            onSeed={onSeed}
            onShowEvents={showEvents}
          />
        )}
      </div>
      <div role="tabpanel" id="panel-report" aria-labelledby="tab-report" className="tabpanel" hidden={tab !== 'report'}>
        {(tab === 'report' || reportShown) && (
          <ReportView
            dataVersion={dataVersion}
            active={tab === 'report'}
            caseId={info.caseId}
            linkEventId={reportEvent}
            onShowEvent={showEvent}
          />
        )}
      </div>
    </div>
  );
}

function TabList({ current, onSelect }: { current: TabId; onSelect: (tab: TabId) => void }) {
  const refs = useRef(new Map<TabId, HTMLButtonElement>());

  // Arrow keys move between tabs (the ARIA tabs pattern: one tab stop, automatic activation).
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((tab) => tab.id === current);
    let next = index;
    if (event.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    else return;
    event.preventDefault();
    const tab = TABS[next];
    if (!tab) return;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  };

  return (
    <div role="tablist" aria-label="Views" className="tablist" onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          ref={(element) => {
            if (element) refs.current.set(tab.id, element);
            else refs.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-controls={`panel-${tab.id}`}
          aria-selected={tab.id === current}
          tabIndex={tab.id === current ? 0 : -1}
          className="tab"
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
