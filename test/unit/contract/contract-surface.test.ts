import { describe, expect, it } from 'vitest';
import { contract, methodByChannel } from '../../../preload/contract/api.js';

// Pins the API surface: adding, renaming or removing a channel must be a deliberate change here.
describe('API contract surface', () => {
  it('has exactly these channels', () => {
    expect(Object.fromEntries(Object.entries(contract).map(([method, spec]) => [method, spec.channel]))).toEqual({
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
      fieldStats: 'events:stats',
      catalog: 'sources:catalog',
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
      reportPreview: 'report:preview',
      reportSections: 'report:sections',
      setReportSection: 'report:set-section',
      reviewItems: 'review:list',
      addReviewItem: 'review:add',
      updateReviewItem: 'review:update',
      deleteReviewItem: 'review:delete',
    });
  });

  it('names channels domain:action and maps each back to one method', () => {
    for (const [method, spec] of Object.entries(contract)) {
      expect(spec.channel).toMatch(/^[a-z]+:[a-z-]+$/);
      expect(methodByChannel.get(spec.channel)).toBe(method);
    }
  });

  it('rejects unknown keys and wrong types in payloads', () => {
    expect(contract.queryEvents.request.safeParse({ query: 'x', evil: 1 }).success).toBe(false);
    expect(contract.queryEvents.request.safeParse({ limit: 5000 }).success).toBe(false);
    expect(contract.getEvent.request.safeParse({ id: '1' }).success).toBe(false);
    expect(contract.annotate.request.safeParse({ id: 1, addTags: [''] }).success).toBe(false);
    expect(contract.queryEvents.request.parse({})).toEqual({ order: 'asc', limit: 200 });
  });
});
