import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'bin', 'cairn.js');

/** Runs the built `cairn` CLI and returns stdout (throws on a non-zero exit other than `allowed`). */
export function cairn(args: string[], allowed: number[] = [0]): string {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (!allowed.includes(result.status ?? -1)) {
    throw new Error(`cairn ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

export interface ServedCase {
  dir: string;
  casePath: string;
  url: string;
  stop(): Promise<void>;
}

/** Starts `cairn serve CASE` and waits for the URL it prints first. */
export async function serveCase(casePath: string, dir: string): Promise<ServedCase> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', casePath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolveUrl(line.trim()));
    child.once('exit', (code) => reject(new Error(`cairn serve exited ${code}: ${stderr}`)));
  });
  return {
    dir,
    casePath,
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cairn-e2e-'));
}
