import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, EvidenceFileInfo, VerifyReport } from '../../../preload/contract/api';
import { useApi } from '../../api-context';
import { formatBytes, formatCount } from '../../lib/format';
import { formatIso } from '../../lib/time';
import { evidenceTotals, inventoryRows, type EvidenceSortKey } from './evidence-model';
import { IngestPanel } from './IngestPanel';

interface EvidenceViewProps {
  /** An import finished: the timeline and case header refresh. */
  onIngestDone: () => void;
  /** The tab is showing (the inventory refreshes when it is opened). */
  active: boolean;
  /** A file to bring into view and highlight (from the event detail). */
  focusFile?: number | null;
}

const SORTS: { key: EvidenceSortKey; label: string }[] = [
  { key: 'tree', label: 'archive tree' },
  { key: 'importedAt', label: 'import time' },
  { key: 'path', label: 'path' },
  { key: 'status', label: 'status' },
  { key: 'format', label: 'format' },
  { key: 'bytes', label: 'size' },
  { key: 'records', label: 'records' },
];

/** Statuses that mean "not read": told apart, since unsupported is not a failure. */
const STATUS_HINT: Record<string, string> = {
  failed: 'could not be read',
  unsupported: 'recorded, format not supported',
  duplicate: 'same content as a file already in the case',
  partial: 'read with errors',
};

/** The custody view: what was received, when and by whom, what became of it, the audit log and verification. */
export function EvidenceView({ onIngestDone, active, focusFile = null }: EvidenceViewProps) {
  const api = useApi();
  const [files, setFiles] = useState<EvidenceFileInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<EvidenceSortKey>('tree');
  const [descending, setDescending] = useState(false);

  useEffect(() => {
    if (!active) return;
    let live = true;
    api.listEvidence({}).then(
      (list) => {
        if (!live) return;
        setFiles(list);
        setError(null);
      },
      (failure: unknown) => {
        if (live) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [api, active, version]);

  useEffect(() => {
    if (focusFile === null || files === null) return;
    document.getElementById(`evidence-file-${focusFile}`)?.scrollIntoView?.({ block: 'center' });
  }, [focusFile, files]);

  const onDone = useCallback(() => {
    setVersion((current) => current + 1);
    onIngestDone();
  }, [onIngestDone]);

  const rows = files ? inventoryRows(files, search, sort, descending) : [];
  const totals = files ? evidenceTotals(files) : null;
  return (
    <div className="evidence">
      <IngestPanel onDone={onDone} />
      {error !== null && (
        <p role="alert" className="error-text">
          Could not list the evidence: {error}
        </p>
      )}
      {totals && (
        <section className="custody-summary" aria-label="Evidence totals">
          <p>
            {formatCount(totals.files)} files, {formatBytes(totals.bytes)}, {formatCount(totals.records)} records
          </p>
          <ul className="totals" aria-label="By status">
            {totals.byStatus.map(({ status, files: count }) => (
              <li key={status}>
                <span className={`status status-${status}`}>{status}</span> {formatCount(count)}
              </li>
            ))}
          </ul>
          <ul className="totals" aria-label="By format">
            {totals.byFormat.map(({ format, files: count }) => (
              <li key={format}>
                <span className="mono">{format}</span> {formatCount(count)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <VerifyPanel />
      <div className="inventory-tools" role="group" aria-label="Inventory">
        <input
          type="search"
          aria-label="Search evidence"
          placeholder="path, format, status, hash, importer"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <label>
          <span className="label">Sort by</span>
          <select
            aria-label="Sort evidence by"
            value={sort}
            onChange={(event) => setSort(event.target.value as EvidenceSortKey)}
          >
            {SORTS.map(({ key, label }) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={descending}
            disabled={sort === 'tree'}
            onChange={(event) => setDescending(event.target.checked)}
          />
          descending
        </label>
      </div>
      <table className="inventory">
        <caption>Evidence {files ? `(${formatCount(rows.length)} of ${formatCount(files.length)} files)` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">Format</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              Records
            </th>
            <th scope="col" className="num">
              Duplicates
            </th>
            <th scope="col">Imported</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {files !== null && files.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                No evidence yet. Add files or folders of CloudTrail logs and other AWS evidence.
              </td>
            </tr>
          )}
          {rows.map(({ file, depth }) => (
            <tr
              key={file.id}
              id={`evidence-file-${file.id}`}
              className={`status-${file.status}${file.id === focusFile ? ' focused' : ''}`}
              aria-current={file.id === focusFile ? 'true' : undefined}
            >
              <td className="path mono" title={file.path}>
                <span className="indent" style={{ paddingInlineStart: depth * 16 }}>
                  {depth > 0 ? '└ ' : ''}
                  {depth > 0 ? file.name : file.path}
                </span>
              </td>
              <td>{file.format ?? <span className="muted">—</span>}</td>
              <td>
                <span className={`status status-${file.status}`} title={STATUS_HINT[file.status]}>
                  {file.status}
                </span>
              </td>
              <td className="num">{formatBytes(file.bytes)}</td>
              <td className="num">{formatCount(file.records)}</td>
              <td className="num">{formatCount(file.duplicates)}</td>
              <td className="mono">
                {formatIso(file.importedAt, 'utc')}
                {file.importedBy !== null && <span className="muted"> by {file.importedBy}</span>}
              </td>
              <td className="hash">
                <HashValue sha256={file.sha256} />
              </td>
              <td>
                {file.errors.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <details>
                    <summary>{plural(file.errors.length, 'error')}</summary>
                    <ul className="error-list">
                      {file.errors.map((problem, index) => (
                        <li key={index}>
                          <span className="mono">{problem.location}</span> {problem.message}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AuditLog active={active} version={version} />
    </div>
  );
}

/** Runs `verifyCase` and shows its report: case integrity, audit chain, each file's hash check. */
function VerifyPanel() {
  const api = useApi();
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verify = () => {
    setRunning(true);
    setError(null);
    api.verifyCase({}).then(
      (value) => {
        setRunning(false);
        setReport(value);
      },
      (failure: unknown) => {
        setRunning(false);
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  };
  const problems = report ? report.files.filter((file) => file.status !== 'ok') : [];
  return (
    <section className="verify" aria-label="Verification">
      <button type="button" className="button small" onClick={verify} disabled={running}>
        {running ? 'Verifying…' : 'Verify case'}
      </button>
      {error !== null && (
        <p role="alert" className="error-text">
          Verification failed to run: {error}
        </p>
      )}
      {report && (
        <div role="status" className={report.ok ? 'verify-ok' : 'verify-bad'}>
          <p>
            {report.ok ? 'Verified: ' : 'Problems found: '}
            case integrity {report.case.integrity}, audit chain {report.case.auditChain}, records{' '}
            {formatCount(report.records.found)} of {formatCount(report.records.expected)},{' '}
            {formatCount(report.files.length - problems.length)} of {formatCount(report.files.length)} files match their
            SHA-256.
          </p>
          {problems.length > 0 && (
            <ul className="verify-problems">
              {problems.map((file) => (
                <li key={file.path}>
                  <span className={`status status-${file.status}`}>{file.status}</span>{' '}
                  <span className="mono">{file.path}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** The case's audit log, newest first as the API returns it. */
function AuditLog({ active, version }: { active: boolean; version: number }) {
  const api = useApi();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    api.listAudit({ limit: 200 }).then(
      (list) => {
        if (live) setEntries(list);
      },
      (failure: unknown) => {
        if (live) setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      live = false;
    };
  }, [api, active, version]);
  return (
    <details className="audit">
      <summary>Audit log {entries ? `(${formatCount(entries.length)})` : ''}</summary>
      {error !== null && (
        <p role="alert" className="error-text">
          Could not read the audit log: {error}
        </p>
      )}
      <table className="inventory" aria-label="Audit log">
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Detail</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {(entries ?? []).map((entry) => (
            <tr key={entry.id}>
              <td className="mono">{formatIso(entry.at, 'utc')}</td>
              <td>{entry.actor}</td>
              <td>{entry.action}</td>
              <td className="mono audit-detail">{entry.detail}</td>
              <td className="mono hash" title={entry.hash}>
                {entry.hash.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function HashValue({ sha256 }: { sha256: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(sha256).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <span className="hash-value">
      <code className="mono" title={sha256}>
        {sha256}
      </code>
      <button type="button" className="button tiny" onClick={copy} aria-label={`Copy SHA-256 ${sha256}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
