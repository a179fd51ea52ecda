import type { WritableDb } from './open-case.js';

export interface BatchLimits {
  /** Commit once this many rows were written since the last commit… */
  maxRows: number;
  /** …or once the open transaction is this old (readers see progress). */
  maxMs: number;
}

/**
 * Groups many small units of work (one per evidence file) into few large transactions, because
 * each commit costs a full flush of index and full-text pages. Every unit stays all-or-nothing:
 * it runs in its own savepoint, rolled back alone when it fails.
 */
export class BatchedTransaction {
  private open = false;
  private rows = 0;
  private startedAt = 0;

  constructor(
    private readonly db: WritableDb,
    private readonly limits: BatchLimits = { maxRows: 200_000, maxMs: 5_000 },
    /** Runs inside the transaction, outside any savepoint, just before each COMMIT. */
    private readonly beforeCommit: () => void = () => {},
  ) {}

  /** Runs `work` in a savepoint inside the current batch; a throw rolls back `work` only. */
  async unit<T>(work: () => Promise<T>): Promise<T> {
    this.begin();
    this.db.exec('SAVEPOINT evidence_unit');
    try {
      const result = await work();
      this.db.exec('RELEASE evidence_unit');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK TO evidence_unit');
      this.db.exec('RELEASE evidence_unit');
      throw error;
    }
  }

  /** Counts rows written, for the commit threshold. */
  wrote(rows: number): void {
    this.rows += rows;
  }

  /** Commits when the batch is big or old enough. Call only between units. */
  commitIfDue(): void {
    if (this.open && (this.rows >= this.limits.maxRows || Date.now() - this.startedAt >= this.limits.maxMs)) {
      this.commit();
    }
  }

  commit(): void {
    if (!this.open) return;
    this.beforeCommit();
    this.db.exec('COMMIT');
    this.open = false;
    this.rows = 0;
  }

  /** Opens the batch's transaction if none is open (also for small writes between units). */
  begin(): void {
    if (this.open) return;
    this.db.exec('BEGIN');
    this.open = true;
    this.startedAt = Date.now();
  }
}
