import { resolve } from 'node:path';
import { openCase, type WritableDb } from '../store/open-case.js';
import { QueryPool } from './query-pool.js';
import { IngestJobs } from './ingest-jobs.js';
import { ApiFailure } from './api-failure.js';

/** The case open in the app or the bridge: one writer connection, the query workers, the imports. */
export class CaseSession {
  private db: WritableDb | null = null;
  private pool: QueryPool | null = null;
  private casePath: string | null = null;
  readonly ingests = new IngestJobs();

  /** A session with no case yet (the desktop app before New/Open/Demo). */
  static empty(): CaseSession {
    return new CaseSession();
  }

  static open(path: string, options: { create?: boolean } = {}): CaseSession {
    const session = new CaseSession();
    session.open(path, options);
    return session;
  }

  get path(): string | null {
    return this.casePath;
  }

  /** Opens (migrating, or creating when asked) a case, closing the current one. */
  open(path: string, options: { create?: boolean } = {}): void {
    const absolute = resolve(path);
    const db = openCase(absolute, { create: options.create === true });
    this.close();
    this.db = db;
    this.casePath = absolute;
    this.pool = new QueryPool(absolute);
  }

  close(): void {
    void this.pool?.close();
    this.pool = null;
    this.db?.close();
    this.db = null;
    this.casePath = null;
  }

  /** The writer connection; throws `no-case` when none is open. */
  writer(): WritableDb {
    if (!this.db) throw new ApiFailure('no-case', 'no case is open');
    return this.db;
  }

  queries(): QueryPool {
    if (!this.pool) throw new ApiFailure('no-case', 'no case is open');
    return this.pool;
  }

  requirePath(): string {
    if (!this.casePath) throw new ApiFailure('no-case', 'no case is open');
    return this.casePath;
  }
}
