import { useEffect, useId, useState } from 'react';
import type { IngestStatus } from '../../../preload/contract/api';
import { isApiError, onDesktopNotice } from '../../api';
import { useApi } from '../../api-context';
import { formatBytes, formatCount } from '../../lib/format';
import { formatDuration } from '../../lib/time';
import { ingestProgress, parsePathList } from './evidence-model';

/** How often a running import is asked for its progress. */
export const POLL_MS = 300;

/**
 * Adding evidence: the native picker on the desktop; where there is none (the browser bridge
 * answers `unavailable`), a box for paths on the machine running `cairn serve`. Then the import's
 * progress, polled, with Cancel.
 */
export function IngestPanel({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const pathsId = useId();
  const [jobId, setJobId] = useState<string | null>(null);
  const [status, setStatus] = useState<IngestStatus | null>(null);
  const [showPaths, setShowPaths] = useState(false);
  const [pathText, setPathText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (failure: unknown) => {
    setBusy(false);
    setError(failure instanceof Error ? failure.message : String(failure));
  };

  const started = (id: string | null) => {
    setBusy(false);
    if (id === null) return; // the picker was dismissed
    setStatus(null);
    setJobId(id);
  };

  const openPicker = (kind: 'files' | 'folder') => {
    setBusy(true);
    setError(null);
    api.addEvidenceDialog({ kind }).then(
      (answer) => started(answer.jobId),
      (failure: unknown) => {
        if (isApiError(failure, 'unavailable')) {
          setBusy(false);
          setShowPaths(true);
        } else {
          fail(failure);
        }
      },
    );
  };

  const importPaths = () => {
    const paths = parsePathList(pathText);
    if (paths.length === 0) return;
    setBusy(true);
    setError(null);
    api.startIngest({ paths }).then((answer) => started(answer.jobId), fail);
  };

  // Imports the desktop started itself (menu, drag-and-drop) are followed like our own.
  useEffect(
    () =>
      onDesktopNotice((notice) => {
        setBusy(false);
        if (notice.type === 'ingest-started') {
          setError(null);
          setStatus(null);
          setJobId(notice.jobId);
        } else {
          setError(notice.error.message);
        }
      }),
    [],
  );

  useEffect(() => {
    if (jobId === null) return;
    let live = true;
    let timer: number | undefined;
    const poll = () => {
      api.ingestStatus({ jobId }).then(
        (next) => {
          if (!live) return;
          setStatus(next);
          if (next.state === 'running') {
            timer = window.setTimeout(poll, POLL_MS);
          } else {
            setJobId(null);
            onDone();
          }
        },
        (failure: unknown) => {
          if (!live) return;
          setJobId(null);
          setError(failure instanceof Error ? failure.message : String(failure));
        },
      );
    };
    poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [api, jobId, onDone]);

  const cancel = () => {
    if (jobId === null) return;
    api.cancelIngest({ jobId }).catch(fail);
  };

  const running = jobId !== null;
  return (
    <section className="ingest" aria-label="Add evidence">
      <div className="ingest-actions">
        <button type="button" className="button primary" onClick={() => openPicker('files')} disabled={busy || running}>
          Add evidence
        </button>
        <button type="button" className="button" onClick={() => openPicker('folder')} disabled={busy || running}>
          Add folder
        </button>
      </div>
      {showPaths && (
        <div className="ingest-paths">
          <label htmlFor={pathsId}>
            Paths on the machine running <code>cairn serve</code>, one per line (files, folders or archives)
          </label>
          <textarea
            id={pathsId}
            className="mono"
            rows={3}
            value={pathText}
            spellCheck={false}
            onChange={(event) => setPathText(event.target.value)}
          />
          <button
            type="button"
            className="button"
            onClick={importPaths}
            disabled={busy || running || parsePathList(pathText).length === 0}
          >
            Import
          </button>
        </div>
      )}
      {(running || status !== null) && <IngestProgressView status={status} running={running} onCancel={cancel} />}
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </section>
  );
}

function IngestProgressView({
  status,
  running,
  onCancel,
}: {
  status: IngestStatus | null;
  running: boolean;
  onCancel: () => void;
}) {
  const progress = status ? ingestProgress(status) : null;
  const percent = progress?.fraction == null ? undefined : Math.round(progress.fraction * 100);
  return (
    <div className="ingest-progress">
      <div className="progress-line">
        <div
          className="progress-bar"
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
        </div>
        {running && (
          <button type="button" className="button small" onClick={onCancel}>
            Cancel import
          </button>
        )}
      </div>
      {status && (
        <p className="progress-text" aria-live="polite">
          <span>{stateLabel(status)}</span>
          <span>
            files {formatCount(status.filesDone)} / {formatCount(status.filesTotal)}
          </span>
          <span>
            {formatBytes(status.bytesDone)} / {formatBytes(status.bytesTotal)}
          </span>
          <span>
            {formatCount(status.records)} records ({formatCount(status.inserted)} new, {formatCount(status.duplicates)}{' '}
            duplicates)
          </span>
          {status.state === 'running' && status.etaMs !== null && (
            <span>about {formatDuration(status.etaMs)} left</span>
          )}
          {status.currentPath !== null && (
            <span className="mono current-path" title={status.currentPath}>
              {status.currentPath}
            </span>
          )}
        </p>
      )}
      {status?.error && (
        <p role="alert" className="error-text">
          {status.error}
        </p>
      )}
      {status && status.problems.length > 0 && (
        <details>
          <summary>{formatCount(status.problems.length)} files with problems</summary>
          <ul className="error-list">
            {status.problems.map((problem, index) => (
              <li key={index}>
                <span className="mono">{problem.path}</span>: {problem.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function stateLabel(status: IngestStatus): string {
  switch (status.state) {
    case 'running':
      return 'Importing…';
    case 'done':
      return 'Import finished.';
    case 'cancelled':
      return 'Import cancelled.';
    case 'failed':
      return 'Import failed.';
  }
}
