// Plain data, free of zod, so the store can share it without loading the request schemas.
/** The analyst-written report sections: the summary, each incident-response phase, and "what happened". */
export const REPORT_SECTION_NAMES = [
  'summary',
  'preparation',
  'identification',
  'containment',
  'investigation',
  'eradication',
  'recovery',
  'follow-up',
  'what-happened',
] as const;
