import { useCallback, useEffect, useState } from 'react';
import type { ReportSection, ReviewItem } from '../../../preload/contract/api';
import { useApi } from '../../api-context';
import { browserStorage, loadZone } from '../../lib/settings';
import type { TimeZoneMode } from '../../lib/time';
import { ReportPreview, type PreviewState } from './ReportPreview';
import { ReviewPanel } from './ReviewPanel';
import { SectionEditor } from './SectionEditor';
import { SECTIONS, sectionsByName, type SectionName } from './report-model';

interface ReportViewProps {
  /** Changes when the case's events changed: the preview re-builds. */
  dataVersion: number;
  /** The tab is showing: load on first show. */
  active: boolean;
  /** The case's id, for the export file names. */
  caseId: string;
  /** The row open in the timeline's detail pane (a review item can be linked to it), or null. */
  linkEventId: number | null;
  /** Opens the timeline on this row. */
  onShowEvent: (id: number) => void;
}

type Loaded<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'error'; message: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The post-mortem report: a live preview, the analyst-written sections, and the lessons-learned review. */
export function ReportView({ dataVersion, active, caseId, linkEventId, onShowEvent }: ReportViewProps) {
  const api = useApi();
  const [zone] = useState<TimeZoneMode>(() => loadZone(browserStorage()));
  const [shown, setShown] = useState(active);
  if (active && !shown) setShown(true);

  const [refresh, setRefresh] = useState(0);
  const [preview, setPreview] = useState<{ key: string; value: PreviewState } | null>(null);
  const previewKey = `${dataVersion}|${refresh}`;
  useEffect(() => {
    if (!shown) return;
    let live = true;
    api.reportPreview({}).then(
      (value) => live && setPreview({ key: previewKey, value: { state: 'done', ...value } }),
      (error: unknown) => live && setPreview({ key: previewKey, value: { state: 'error', message: message(error) } }),
    );
    return () => {
      live = false;
    };
  }, [api, shown, previewKey]);
  const previewState: PreviewState = preview?.key === previewKey ? preview.value : { state: 'loading' };
  const onRefresh = useCallback(() => setRefresh((count) => count + 1), []);

  const [sections, setSections] = useState<Loaded<ReportSection[]>>({ state: 'loading' });
  const [items, setItems] = useState<Loaded<ReviewItem[]>>({ state: 'loading' });
  useEffect(() => {
    if (!shown) return;
    let live = true;
    api.reportSections({}).then(
      (value) => live && setSections({ state: 'done', value }),
      (error: unknown) => live && setSections({ state: 'error', message: message(error) }),
    );
    api.reviewItems({}).then(
      (value) => live && setItems({ state: 'done', value }),
      (error: unknown) => live && setItems({ state: 'error', message: message(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, shown]);

  const onSaved = useCallback((name: SectionName, section: ReportSection | null) => {
    setSections((current) => {
      const rest = current.state === 'done' ? current.value.filter((entry) => entry.section !== name) : [];
      return { state: 'done', value: section === null ? rest : [...rest, section] };
    });
  }, []);

  const onChanged = useCallback((change: { item: ReviewItem } | { deleted: number }) => {
    setItems((current) => {
      const list = current.state === 'done' ? current.value : [];
      if ('deleted' in change) return { state: 'done', value: list.filter((item) => item.id !== change.deleted) };
      const exists = list.some((item) => item.id === change.item.id);
      return {
        state: 'done',
        value: exists ? list.map((item) => (item.id === change.item.id ? change.item : item)) : [...list, change.item],
      };
    });
  }, []);

  const saved = sections.state === 'done' ? sectionsByName(sections.value) : null;
  return (
    <div className="report">
      <div className="report-edit">
        <section className="report-sections" aria-labelledby="report-sections-heading">
          <h2 id="report-sections-heading">Sections</h2>
          {sections.state === 'loading' && <p role="status">Loading the sections…</p>}
          {sections.state === 'error' && (
            <p role="alert" className="error-text">
              Could not read the sections: {sections.message}
            </p>
          )}
          {saved !== null &&
            SECTIONS.map(({ name, label, hint }) => (
              <SectionEditor
                key={name}
                name={name}
                label={label}
                hint={hint}
                saved={saved.get(name)}
                zone={zone}
                onSaved={onSaved}
              />
            ))}
        </section>
        {items.state === 'loading' && <p role="status">Loading the review…</p>}
        {items.state === 'error' && (
          <p role="alert" className="error-text">
            Could not read the review: {items.message}
          </p>
        )}
        {items.state === 'done' && (
          <ReviewPanel
            items={items.value}
            zone={zone}
            linkEventId={linkEventId}
            onShowEvent={onShowEvent}
            onChanged={onChanged}
          />
        )}
      </div>
      <ReportPreview preview={previewState} onRefresh={onRefresh} caseId={caseId} />
    </div>
  );
}
