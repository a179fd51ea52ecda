import { resolve } from 'node:path';

/**
 * The case file named on the command line (a file-manager "Open with", or a second launch while
 * Cairn runs), resolved against the launching directory; the last `*.cairn` argument wins.
 * Switches (`--…`) are never taken as paths.
 */
export function caseArgument(argv: readonly string[], workingDirectory: string): string | null {
  const candidates = argv.slice(1).filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.cairn'));
  const last = candidates.at(-1);
  return last ? resolve(workingDirectory, last) : null;
}
