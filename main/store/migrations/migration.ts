import type Database from 'better-sqlite3';

/** One numbered, pure schema step. `up` runs inside the runner's transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
