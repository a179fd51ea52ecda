import { SOURCES } from '../../../../main/ingest/sources/index.js';
import { cloudTrailSource } from '../../../../main/ingest/sources/cloudtrail/descriptor.js';
import { sourceTarget } from '../../../../main/analysis/timeline/query-targets.js';
import type { QueryOptions } from '../../../../main/analysis/query/index.js';

/** The real registry's fields, as the app parses queries with them. */
export const Q: QueryOptions = { catalog: SOURCES };

/** CloudTrail's detail table as the compiler's target (the sample case's rows). */
export const CT = sourceTarget(cloudTrailSource);
