import { extract } from 'tar-stream';
import { Readable } from 'node:stream';

/** One regular file inside a tar stream; `stream` must be consumed before the next member comes. */
export interface TarMember {
  readonly name: string;
  readonly bytes: number;
  /** The member's bytes (a streamx stream, iterable like a Node one). */
  readonly stream: AsyncIterable<Buffer>;
}

/**
 * Streams the regular files of a tar archive. Links, devices and directories are passed over
 * (nothing is ever written to disk from an archive, so unsafe names only matter as labels).
 */
export async function* tarMembers(source: AsyncIterable<Buffer>): AsyncGenerator<TarMember> {
  const extractor = extract();
  const input = Readable.from(source);
  input.on('error', (error) => extractor.destroy(error));
  input.pipe(extractor);
  for await (const entry of extractor) {
    if (entry.header.type !== 'file' && entry.header.type !== 'contiguous-file') {
      entry.resume();
      continue;
    }
    yield { name: entry.header.name, bytes: entry.header.size ?? 0, stream: entry as AsyncIterable<Buffer> };
    entry.resume(); // drain whatever the consumer left, so the archive can move on
  }
}
