import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline as pipeStreams } from 'node:stream/promises';
import type { ExpansionLimits } from './limits.js';

/** A stream copied to a private temporary file. */
export interface SpooledCopy {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

const SPOOL_PREFIX = 'cairn-spool-';
/** `cairn-spool-<pid>-<random>`: the pid says whose copy it is, so a later import can tell a dead one's. */
const SPOOL_NAME = /^cairn-spool-(\d+)-/;

/**
 * Copies a stream to a temporary file named for this process (hashing it, refusing members larger
 * than the limits allow), runs `use`, then deletes the copy. A copy left by a killed process is
 * removed by the next import's `removeStaleSpools`.
 */
export async function withSpooledCopy(
  stream: AsyncIterable<Buffer>,
  limits: ExpansionLimits,
  use: (spooled: SpooledCopy) => Promise<void>,
  parent: string = tmpdir(),
): Promise<void> {
  const dir = await mkdtemp(join(parent, `${SPOOL_PREFIX}${process.pid}-`));
  const path = join(dir, 'member');
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        bytes += chunk.length;
        if (bytes > limits.maxExpandedBytes) {
          callback(new Error(`archive member exceeds ${limits.maxExpandedBytes} bytes (possible bomb)`));
          return;
        }
        callback(null, chunk);
      },
    });
    await pipeStreams(stream, counter, createWriteStream(path, { mode: 0o600 }));
    await use({ path, sha256: hash.digest('hex'), bytes });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Deletes spool folders whose process is gone (killed mid-import): evidence copies must not outlive
 * the import that made them. Folders of live processes (another import running) are left alone.
 * Returns the folders removed.
 */
export async function removeStaleSpools(parent: string = tmpdir()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = SPOOL_NAME.exec(name)?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    try {
      await rm(join(parent, name), { recursive: true, force: true });
      removed.push(join(parent, name));
    } catch {
      // another user's folder, or already gone: not ours to insist on
    }
  }
  return removed;
}

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
