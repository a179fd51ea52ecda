/** A mistake in how the command was called (exit code 2, usage shown). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes: the contract scripts rely on. */
export const EXIT = {
  ok: 0,
  fatal: 1,
  usage: 2,
  /** Some files had errors; the rest was ingested. */
  partial: 3,
  /** `verify` found evidence or the case file not as recorded. */
  mismatch: 4,
} as const;
