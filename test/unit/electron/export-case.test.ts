import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase } from '../../../main/store/open-case.js';
import { exportCaseCopy, exportCopyDefaultPath } from '../../../main/electron/export-case.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const caseId = (path: string): string => {
  const db = openCase(path, { readonly: true });
  try {
    return (db.prepare(`SELECT value FROM case_meta WHERE key = 'case_id'`).get() as { value: string }).value;
  } finally {
    db.close();
  }
};

describe('exportCaseCopy', () => {
  it('copies an open case, WAL contents included', async () => {
    const source = join(dir, 'incident.cairn');
    const writer = openCase(source, { create: true });
    try {
      writer.exec(`CREATE TABLE export_probe (value TEXT)`);
      writer.prepare(`INSERT INTO export_probe VALUES (?)`).run('still in the WAL');
      const target = join(dir, 'copy.cairn');
      writeFileSync(`${target}-wal`, 'stale wal of an older file');
      await exportCaseCopy(source, target);
      expect(existsSync(`${target}-wal`)).toBe(false);
      expect(caseId(target)).toBe(caseId(source));
      const copy = openCase(target, { readonly: true });
      try {
        expect(copy.prepare(`SELECT value FROM export_probe`).get()).toEqual({ value: 'still in the WAL' });
      } finally {
        copy.close();
      }
    } finally {
      writer.close();
    }
  });

  it('refuses to export a case onto itself', async () => {
    const source = join(dir, 'incident.cairn');
    openCase(source, { create: true }).close();
    await expect(exportCaseCopy(source, join(dir, '.', 'incident.cairn'))).rejects.toThrow(/different file/);
  });

  it('suggests a timestamped name next to the case', () => {
    expect(exportCopyDefaultPath('/cases/breach.cairn', new Date(Date.UTC(2024, 2, 5, 7, 8, 9)))).toBe(
      join('/cases', 'breach-copy-20240305-070809.cairn'),
    );
  });
});
