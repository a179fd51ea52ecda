import {
  contract,
  methodByChannel,
  type ApiMethod,
  type ApiResult,
  type ApiResults,
  type ApiValidRequest,
} from '../../preload/contract/api.js';
import { annotateRow, RowNotFoundError } from '../store/annotate.js';
import { deleteSearchAudited, saveSearchAudited } from '../store/saved-search-actions.js';
import { readCaseInfo } from './read-queries.js';
import { verifyCaseReport } from './verify-case.js';
import { checkIngestPaths } from './ingest-roots.js';
import {
  addReviewItem,
  deleteReviewItem,
  ReviewItemNotFoundError,
  setReportSection,
  updateReviewItem,
} from '../store/report-actions.js';

/** Runs a write; a missing row or review item becomes a not-found API error. */
function notFoundAsApi<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RowNotFoundError || error instanceof ReviewItemNotFoundError) throw new ApiFailure('not-found', error.message);
    throw error;
  }
}
import { ApiFailure } from './api-failure.js';
import type { CaseSession } from './case-session.js';

/** What only the desktop shell can do (native dialogs, the bundled demo). */
export interface DesktopHooks {
  chooseEvidence(kind: 'files' | 'folder'): Promise<string[] | null>;
  /** Returns the demo case's path, creating it the first time. */
  openDemo(): Promise<string>;
}

/** What a transport (Electron IPC, the loopback bridge) needs: one call, never throws. */
export interface ApiHost {
  dispatch(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
}

export interface ApiHostOptions {
  session: CaseSession;
  desktop?: DesktopHooks;
  /** Recorded in the audit log for analyst actions. */
  actor?: string;
  log?: (line: string) => void;
  /** Folders `ingest:start` may read from (the bridge); undefined: any (the desktop app). */
  ingestRoots?: readonly string[];
}

type Handlers = { [M in ApiMethod]: (request: ApiValidRequest<M>) => Promise<ApiResults[M]> | ApiResults[M] };

function createHandlers(options: ApiHostOptions): Handlers {
  const { session, desktop } = options;
  const actor = options.actor ?? 'analyst';
  const query = <M extends ApiMethod>(method: M & ApiMethod, request: ApiValidRequest<M>, requestId?: string) =>
    session.queries().run(method as never, request, requestId) as Promise<ApiResults[M]>;
  const unavailable = (what: string): never => {
    throw new ApiFailure('unavailable', `${what} is only available in the desktop app`);
  };
  return {
    caseInfo: () => readCaseInfo(session.writer(), session.requirePath()),
    queryEvents: (request) => query('queryEvents', request, request.requestId),
    countEvents: (request) => query('countEvents', request, request.requestId),
    histogram: (request) => query('histogram', request, request.requestId),
    fieldStats: (request) => query('fieldStats', request, request.requestId),
    catalog: (request) => query('catalog', request),
    listSearches: (request) => query('listSearches', request),
    listAudit: (request) => query('listAudit', request),
    saveSearch: (request) => saveSearchAudited(session.writer(), request, actor),
    deleteSearch: (request) => ({ deleted: deleteSearchAudited(session.writer(), request.id, actor) }),
    flowPairs: (request) => query('flowPairs', request, request.requestId),
    flowScans: (request) => query('flowScans', request, request.requestId),
    flowTalkers: (request) => query('flowTalkers', request, request.requestId),
    explainFlow: (request) => query('explainFlow', request),
    blastRadius: (request) => query('blastRadius', request, request.requestId),
    entityProfile: (request) => query('entityProfile', request, request.requestId),
    lineage: (request) => query('lineage', request),
    reportPreview: (request) => query('reportPreview', request, request.requestId),
    reportSections: (request) => query('reportSections', request),
    reviewItems: (request) => query('reviewItems', request),
    setReportSection: (request) => setReportSection(session.writer(), request.section, request.text, actor),
    addReviewItem: (request) => notFoundAsApi(() => addReviewItem(session.writer(), request, actor)),
    updateReviewItem: (request) => {
      const { id, ...change } = request;
      return notFoundAsApi(() => updateReviewItem(session.writer(), id, change, actor));
    },
    deleteReviewItem: (request) =>
      notFoundAsApi(() => {
        deleteReviewItem(session.writer(), request.id, actor);
        return { deleted: true };
      }),
    verifyCase: () => verifyCaseReport(session.writer(), session.requirePath(), []),
    getEvent: (request) => query('getEvent', request),
    listTags: (request) => query('listTags', request),
    listEvidence: (request) => query('listEvidence', request),
    cancelQuery: (request) => ({ cancelled: session.queries().cancel(request.requestId) }),
    annotate: (request) => {
      try {
        const { id, ...change } = request;
        return annotateRow(session.writer(), id, change, actor);
      } catch (error) {
        if (error instanceof RowNotFoundError) throw new ApiFailure('not-found', error.message);
        throw error;
      }
    },
    startIngest: (request) => ({
      jobId: session.ingests.start(session.requirePath(), checkIngestPaths(request.paths, options.ingestRoots), actor),
    }),
    ingestStatus: (request) => {
      const status = session.ingests.status(request.jobId);
      if (!status) throw new ApiFailure('not-found', `no import with id ${request.jobId}`);
      return status;
    },
    cancelIngest: (request) => ({ cancelled: session.ingests.cancel(request.jobId) }),
    addEvidenceDialog: async (request) => {
      if (!desktop) return unavailable('the evidence picker');
      const casePath = session.requirePath();
      const paths = await desktop.chooseEvidence(request.kind);
      if (!paths || paths.length === 0) return { jobId: null };
      return { jobId: session.ingests.start(casePath, paths, actor) };
    },
    openDemo: async () => {
      if (!desktop) return unavailable('the demo incident');
      session.open(await desktop.openDemo());
      return readCaseInfo(session.writer(), session.requirePath());
    },
  };
}

/**
 * The API's single entry point for every transport: finds the method by channel, validates the
 * payload against the contract, runs the handler and wraps the answer in the result envelope.
 */
export function createApiHost(options: ApiHostOptions): ApiHost {
  const handlers = createHandlers(options);
  const log = options.log ?? ((line: string) => console.error(line));
  return {
    async dispatch(channel, payload) {
      const method = methodByChannel.get(channel);
      if (!method) return { ok: false, error: { code: 'invalid-request', message: `unknown channel: ${channel}` } };
      const parsed = contract[method].request.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        return {
          ok: false,
          error: { code: 'invalid-request', message: `invalid ${channel} request${where}: ${issue?.message ?? 'bad payload'}` },
        };
      }
      try {
        const handler = handlers[method] as (request: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof ApiFailure) return { ok: false, error: error.toApiError() };
        if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
          // The write waited its turn (busy timeout) behind an import that still holds the lock.
          return { ok: false, error: { code: 'unavailable', message: 'an import is writing to this case right now; try again in a moment' } };
        }
        log(`cairn: ${channel} failed: ${(error as Error).stack ?? String(error)}`);
        return { ok: false, error: { code: 'internal', message: (error as Error).message } };
      }
    },
  };
}
export { CaseSession } from './case-session.js';
