/**
 * The API's channel names by method: plain data, free of zod, so the renderer can route HTTP calls
 * without bundling the schemas. `contract` in api.ts pairs each with its request schema.
 */
export const API_CHANNELS = {
  caseInfo: 'case:info',
  queryEvents: 'events:page',
  countEvents: 'events:count',
  histogram: 'events:histogram',
  fieldStats: 'events:stats',
  catalog: 'sources:catalog',
  getEvent: 'events:get',
  cancelQuery: 'query:cancel',
  annotate: 'annotations:set',
  listTags: 'annotations:tags',
  listSearches: 'searches:list',
  saveSearch: 'searches:save',
  deleteSearch: 'searches:delete',
  listAudit: 'audit:list',
  verifyCase: 'case:verify',
  flowPairs: 'flows:pairs',
  flowScans: 'flows:scans',
  flowTalkers: 'flows:talkers',
  explainFlow: 'flows:explain',
  blastRadius: 'identity:blast',
  entityProfile: 'identity:profile',
  lineage: 'identity:lineage',
  listEvidence: 'evidence:list',
  startIngest: 'ingest:start',
  ingestStatus: 'ingest:status',
  cancelIngest: 'ingest:cancel',
  addEvidenceDialog: 'evidence:add-dialog',
  openDemo: 'case:open-demo',
} as const;
