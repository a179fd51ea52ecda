import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { GzipJob, GzipJobDone } from './gzip-protocol.js';

// Compresses and writes generated log files off the generating thread: the generator keeps one
// core busy producing JSON while this one gzips (the slower half of writing CloudTrail files).
const port = parentPort;
if (!port) throw new Error('gzip-worker must run in a worker thread');
const madeDirs = new Set<string>();

port.on('message', (job: GzipJob) => {
  let reply: GzipJobDone;
  try {
    const folder = dirname(job.path);
    if (!madeDirs.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeDirs.add(folder);
    }
    const compressed = gzipSync(job.text, { level: job.level });
    writeFileSync(job.path, compressed);
    reply = { id: job.id, gzipBytes: compressed.length };
  } catch (error) {
    reply = { id: job.id, gzipBytes: 0, error: (error as Error).message };
  }
  port.postMessage(reply);
});
