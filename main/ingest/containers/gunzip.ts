import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { checkExpansion, type ExpansionLimits } from './limits.js';

/**
 * Decompresses a gzip stream (multi-member files too), refusing bombs. A truncated or corrupt
 * stream makes iteration throw, so callers never mistake a cut file for a complete one.
 */
export async function* gunzip(source: AsyncIterable<Buffer>, limits: ExpansionLimits): AsyncGenerator<Buffer> {
  let compressed = 0;
  let expanded = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      compressed += chunk.length;
      yield chunk;
    }
  }
  const gunzipStream = createGunzip({ chunkSize: 256 * 1024 });
  const input = Readable.from(counted());
  input.on('error', (error) => gunzipStream.destroy(error));
  input.pipe(gunzipStream);
  try {
    for await (const chunk of gunzipStream as AsyncIterable<Buffer>) {
      expanded += chunk.length;
      checkExpansion(compressed, expanded, limits);
      yield chunk;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') {
      throw new Error(`gzip stream is truncated or corrupt after ${expanded} decompressed bytes (${(error as Error).message})`);
    }
    throw error;
  } finally {
    input.destroy();
    gunzipStream.destroy();
  }
}
