import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** How many cases File ▸ Open Recent lists. */
export const MAX_RECENT_CASES = 10;
export const RECENT_CASES_FILE = 'recent-cases.json';

/** Puts `path` first, dropping an older entry for it and anything past the limit. */
export function pushRecent(list: readonly string[], path: string): string[] {
  const absolute = resolve(path);
  return [absolute, ...list.filter((entry) => entry !== absolute)].slice(0, MAX_RECENT_CASES);
}

function parseList(text: string): string[] {
  try {
    const data = JSON.parse(text) as { cases?: unknown };
    if (!Array.isArray(data.cases)) return [];
    return data.cases.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0);
  } catch {
    return [];
  }
}

export interface RecentCases {
  /** Most recent first; cases whose file is gone are left out (and forgotten). */
  list(): string[];
  add(path: string): string[];
  remove(path: string): string[];
  clear(): void;
}

export interface RecentCasesOptions {
  /** Where the list is kept: app.getPath('userData') in the app, a temp folder in tests. */
  directory: string;
  exists?: (path: string) => boolean;
}

/** The recent-cases list, a small JSON file rewritten atomically on each change. */
export function createRecentCases(options: RecentCasesOptions): RecentCases {
  const file = join(options.directory, RECENT_CASES_FILE);
  const exists = options.exists ?? existsSync;

  const read = (): string[] => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    return parseList(text);
  };
  const write = (cases: string[]): string[] => {
    mkdirSync(options.directory, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, cases }, null, 2)}\n`);
    renameSync(temp, file);
    return cases;
  };
  const current = (): string[] => {
    const stored = read();
    const present = [...new Set(stored)].filter((path) => exists(path)).slice(0, MAX_RECENT_CASES);
    if (present.length !== stored.length) write(present);
    return present;
  };

  return {
    list: current,
    add: (path) => write(pushRecent(current(), path)),
    remove: (path) => write(current().filter((entry) => entry !== resolve(path))),
    clear: () => void write([]),
  };
}
