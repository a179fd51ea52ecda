import { downloadUrl } from '../../lib/svg-export';
import { exportFileName, textDataUrl } from './report-model';

export type PreviewState =
  | { state: 'loading' }
  | { state: 'done'; html: string; markdown: string }
  | { state: 'error'; message: string };

interface ReportPreviewProps {
  preview: PreviewState;
  /** Re-fetches the preview. */
  onRefresh: () => void;
  caseId: string;
}

/**
 * The live preview of the HTML report. The report is built from evidence (attacker-controlled) and
 * carries no scripts and its own strict CSP; it is shown in an iframe with an empty `sandbox`
 * (no scripts, an opaque origin, no forms, no popups, no top navigation), its markup handed over
 * as the `srcdoc` text attribute: it is never parsed into this document.
 */
export function ReportPreview({ preview, onRefresh, caseId }: ReportPreviewProps) {
  const done = preview.state === 'done' ? preview : null;
  return (
    <section className="report-preview" aria-labelledby="report-preview-heading">
      <div className="section-head">
        <h2 id="report-preview-heading">Preview</h2>
        <button type="button" className="button small" onClick={onRefresh} disabled={preview.state === 'loading'}>
          Refresh
        </button>
        <button
          type="button"
          className="button small"
          disabled={done === null}
          onClick={() => done && downloadUrl(textDataUrl(done.html, 'text/html'), exportFileName(caseId, 'html'))}
        >
          Download HTML
        </button>
        <button
          type="button"
          className="button small"
          disabled={done === null}
          onClick={() => done && downloadUrl(textDataUrl(done.markdown, 'text/markdown'), exportFileName(caseId, 'md'))}
        >
          Download Markdown
        </button>
      </div>
      <p className="muted report-cli-note">
        PDF and the evidence bundle come from the command line: <code>cairn report CASE --format pdf</code> and{' '}
        <code>cairn export CASE --bundle</code>.
      </p>
      {preview.state === 'loading' && <p role="status">Building the report…</p>}
      {preview.state === 'error' && (
        <p role="alert" className="error-text">
          Could not build the report: {preview.message}
        </p>
      )}
      {done && (
        <iframe
          className="report-frame"
          title="Report preview"
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={done.html}
        />
      )}
    </section>
  );
}
