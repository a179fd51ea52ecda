import type { ReadonlyDb } from '../store/open-case.js';
import { buildReportModel, hashCaseFile, type ReportAnalyses, type ReportModel, type ReportOptions } from '../report/model.js';
import { flowPairs, flowScans } from './flows.js';
import { blastRadius } from './identity.js';

/** The analyses a report uses: this Cairn's flows and identity services. */
export const CASE_ANALYSES: ReportAnalyses = {
  flowPairs: (db) => flowPairs(db),
  flowScans: (db) => flowScans(db),
  blastRadius: (db, seed) => blastRadius(db, seed),
};

/** The report model of an open case: the case file hashed first, then the model from `db`. */
export async function reportModelFor(
  db: ReadonlyDb,
  casePath: string,
  options: Omit<ReportOptions, 'caseHash' | 'analyses'> & { analyses?: ReportAnalyses },
): Promise<ReportModel> {
  const caseHash = await hashCaseFile(casePath);
  return buildReportModel(db, { ...options, caseHash, analyses: options.analyses ?? CASE_ANALYSES });
}
