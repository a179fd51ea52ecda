import type { Migration } from './migration.js';
import { migration0001 } from './0001-initial.js';
import { migration0002 } from './0002-annotations-and-rollup.js';
import { migration0003 } from './0003-timeline-spine.js';
import { migration0004 } from './0004-report-and-review.js';
import { migration0005 } from './0005-raw-blocks.js';

/** Every migration, in order. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];

export const latestSchemaVersion = migrations[migrations.length - 1]?.version ?? 0;
