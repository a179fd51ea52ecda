import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_CASE_FILE, createDesktopHooks } from '../../../main/electron/desktop-hooks.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-hooks-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const noDialogs = { chooseEvidence: async () => null };

describe('desktop hooks', () => {
  it('builds the demo case once, then reuses it', async () => {
    const demoDirectory = join(dir, 'demo');
    const buildDemoCase = vi.fn(async (path: string) => writeFileSync(path, 'case'));
    const hooks = createDesktopHooks({ dialogs: noDialogs, demoDirectory, buildDemoCase });
    const [first, second] = await Promise.all([hooks.openDemo(), hooks.openDemo()]);
    expect(first).toBe(join(demoDirectory, DEMO_CASE_FILE));
    expect(second).toBe(first);
    await hooks.openDemo();
    expect(buildDemoCase).toHaveBeenCalledTimes(1);
    expect(readdirSync(demoDirectory)).toEqual([DEMO_CASE_FILE]);
  });

  it('leaves nothing behind when the build fails', async () => {
    const demoDirectory = join(dir, 'demo');
    const hooks = createDesktopHooks({
      dialogs: noDialogs,
      demoDirectory,
      buildDemoCase: async (path) => {
        writeFileSync(path, 'half a case');
        writeFileSync(`${path}-wal`, 'wal');
        throw new Error('disk full');
      },
    });
    await expect(hooks.openDemo()).rejects.toThrow('disk full');
    expect(readdirSync(demoDirectory)).toEqual([]);
    expect(existsSync(join(demoDirectory, DEMO_CASE_FILE))).toBe(false);
  });

  it('picks evidence with the native dialog', async () => {
    const chooseEvidence = vi.fn(async () => ['/e/a.json']);
    const hooks = createDesktopHooks({ dialogs: { chooseEvidence }, demoDirectory: dir, buildDemoCase: async () => undefined });
    await expect(hooks.chooseEvidence('files')).resolves.toEqual(['/e/a.json']);
    expect(chooseEvidence).toHaveBeenCalledWith('files');
  });
});
