/**
 * The API's channel names by method: plain data, free of zod, so the renderer can route HTTP calls
 * without bundling the schemas. `contract` in api.ts pairs each with its request schema.
 */
export const API_CHANNELS = {
  caseInfo: 'case:info',
  queryEvents: 'events:page',
  countEvents: 'events:count',
  histogram: 'events:histogram',
  getEvent: 'events:get',
  cancelQuery: 'query:cancel',
  annotate: 'annotations:set',
  listTags: 'annotations:tags',
  listEvidence: 'evidence:list',
  startIngest: 'ingest:start',
  ingestStatus: 'ingest:status',
  cancelIngest: 'ingest:cancel',
  addEvidenceDialog: 'evidence:add-dialog',
  openDemo: 'case:open-demo',
} as const;
