import {
  readBlastRadius,
  readEntityProfile,
  readFlowExplanation,
  readFlowPairs,
  readFlowScans,
  readFlowTalkers,
  readLineage,
  readReportPreview,
  readReportSections,
  readReviewItems,
} from './analysis-reads.js';

/** The analysis read operations by API method (merged into READ_OPERATIONS). */
export const ANALYSIS_READS = {
  flowPairs: readFlowPairs,
  flowScans: readFlowScans,
  flowTalkers: readFlowTalkers,
  explainFlow: readFlowExplanation,
  blastRadius: readBlastRadius,
  entityProfile: readEntityProfile,
  lineage: readLineage,
  reportPreview: readReportPreview,
  reportSections: readReportSections,
  reviewItems: readReviewItems,
} as const;
