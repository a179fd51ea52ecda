import { useCallback, useEffect, useState } from 'react';
import type { EvidenceFileInfo } from '../../../preload/contract/api';
import { useApi } from '../../api-context';
import { formatBytes, formatCount } from '../../lib/format';
import { evidenceTree } from './evidence-model';
import { IngestPanel } from './IngestPanel';

interface EvidenceViewProps {
  /** An import finished: the timeline and case header refresh. */
  onIngestDone: () => void;
  /** The tab is showing (the inventory refreshes when it is opened). */
  active: boolean;
}

/** The evidence inventory (what was read, how, with what result and hash) and imports. */
export function EvidenceView({ onIngestDone, active }: EvidenceViewProps) {
  const api = useApi();
  const [files, setFiles] = useState<EvidenceFileInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

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

  const onDone = useCallback(() => {
    setVersion((current) => current + 1);
    onIngestDone();
  }, [onIngestDone]);

  const rows = files ? evidenceTree(files) : [];
  return (
    <div className="evidence">
      <IngestPanel onDone={onDone} />
      {error !== null && (
        <p role="alert" className="error-text">
          Could not list the evidence: {error}
        </p>
      )}
      <table className="inventory">
        <caption>Evidence {files ? `(${formatCount(files.length)} files)` : ''}</caption>
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
            <th scope="col">SHA-256</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {files !== null && rows.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No evidence yet. Add files or folders of CloudTrail logs and other AWS evidence.
              </td>
            </tr>
          )}
          {rows.map(({ file, depth }) => (
            <tr key={file.id} className={`status-${file.status}`}>
              <td className="path mono" title={file.path}>
                <span className="indent" style={{ paddingInlineStart: depth * 16 }}>
                  {depth > 0 ? '└ ' : ''}
                  {depth > 0 ? file.name : file.path}
                </span>
              </td>
              <td>{file.format ?? <span className="muted">—</span>}</td>
              <td>
                <span className={`status status-${file.status}`}>{file.status}</span>
              </td>
              <td className="num">{formatBytes(file.bytes)}</td>
              <td className="num">{formatCount(file.records)}</td>
              <td className="num">{formatCount(file.duplicates)}</td>
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
    </div>
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
