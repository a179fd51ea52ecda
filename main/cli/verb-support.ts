import { EXIT, UsageError } from './usage-error.js';
import type { Output } from './output.js';
import { CaseFileError } from '../store/migrate.js';
import { QuerySyntaxError } from '../analysis/query/parse.js';
import { ApiFailure } from '../services/api-failure.js';

/** A failure the verb reports itself, with its JSON error code and exit code. */
export class VerbFailure extends Error {
  override name = 'VerbFailure';
  constructor(
    readonly code: string,
    message: string,
    readonly exit: number = EXIT.fatal,
  ) {
    super(message);
  }
}

function classify(error: unknown): { code: string; exit: number; message: string } | null {
  if (error instanceof VerbFailure) return { code: error.code, exit: error.exit, message: error.message };
  if (error instanceof UsageError) return { code: 'usage', exit: EXIT.usage, message: error.message };
  if (error instanceof QuerySyntaxError)
    return { code: 'query-syntax', exit: EXIT.usage, message: `query error at column ${error.position + 1}: ${error.message}` };
  if (error instanceof ApiFailure)
    return { code: error.code, exit: error.code === 'invalid-request' ? EXIT.usage : EXIT.fatal, message: error.message };
  if (error instanceof CaseFileError) return { code: 'case-file', exit: EXIT.fatal, message: error.message };
  return null;
}

/**
 * Runs a verb body. With --json, every error goes to stderr as one `{"error","code"}` line; without
 * it, usage and case-file errors are left to main.ts and the verb's own failures print as text.
 */
export async function runVerb(name: string, argv: string[], io: Output, body: () => number | Promise<number>): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await body();
  } catch (error) {
    const known = classify(error);
    if (json) {
      const message = known?.message ?? (error as Error).message ?? String(error);
      io.err(JSON.stringify({ error: message, code: known?.code ?? 'internal' }));
      return known?.exit ?? EXIT.fatal;
    }
    if (known === null || error instanceof UsageError || error instanceof CaseFileError) throw error;
    io.err(`cairn ${name}: ${known.message}`);
    return known.exit;
  }
}

/** Refuses positional words beyond the ones a verb takes. */
export function noExtraWords(words: readonly string[], usage: string): void {
  if (words.length > 0) throw new UsageError(`unexpected argument${words.length > 1 ? 's' : ''}: ${words.join(' ')}\nusage: ${usage}`);
}

/** A milliseconds time as ISO 8601 UTC for tables. */
export function iso(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? '' : new Date(ms).toISOString();
}
