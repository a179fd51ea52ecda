import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DesktopHooks } from '../services/api-dispatcher.js';
import type { CaseDialogs } from './dialogs.js';

export const DEMO_CASE_FILE = 'demo-incident.cairn';

export interface DesktopHooksOptions {
  dialogs: Pick<CaseDialogs, 'chooseEvidence'>;
  /** Where the demo case lives (a folder under app.getPath('userData')). */
  demoDirectory: string;
  /** Builds the bundled demo incident into a new case file at `path` (closed when it resolves). */
  buildDemoCase(path: string): Promise<void>;
  exists?: (path: string) => boolean;
}

function removeCaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** What only the desktop can do for the API: native pickers and the bundled demo case. */
export function createDesktopHooks(options: DesktopHooksOptions): DesktopHooks {
  const exists = options.exists ?? existsSync;
  const path = join(options.demoDirectory, DEMO_CASE_FILE);
  let building: Promise<string> | null = null;

  // Built under a temporary name and renamed when complete, so an interrupted build is never
  // mistaken for the demo case; concurrent requests share one build.
  const build = async (): Promise<string> => {
    mkdirSync(options.demoDirectory, { recursive: true });
    const temp = join(options.demoDirectory, `building-${process.pid}-${DEMO_CASE_FILE}`);
    removeCaseFiles(temp);
    try {
      await options.buildDemoCase(temp);
      renameSync(temp, path);
    } finally {
      removeCaseFiles(temp);
    }
    return path;
  };

  return {
    chooseEvidence: (kind) => options.dialogs.chooseEvidence(kind),
    openDemo: async () => {
      if (exists(path)) return path;
      building ??= build().finally(() => {
        building = null;
      });
      return building;
    },
  };
}
