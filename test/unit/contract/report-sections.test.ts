import { describe, expect, it } from 'vitest';
import { REPORT_SECTION_NAMES } from '../../../preload/contract/api.js';
import { REPORT_SECTIONS } from '../../../main/store/queries/report-sections.js';

describe('report sections', () => {
  it('are the same list in the contract and in the store', () => {
    expect([...REPORT_SECTION_NAMES]).toEqual([...REPORT_SECTIONS]);
  });
});
