import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { checkExpansion, ExpansionLimitError, type ExpansionLimits } from './limits.js';

/** One member of a zip archive that is safe to read. */
export interface ZipMember {
  /** Path inside the archive, as stored (forward slashes). */
  readonly name: string;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  /** Opens the member's decompressed bytes; may be called more than once. */
  open(): Promise<Readable>;
}

/** A member that cannot be read, with the reason (unsafe path, bomb, encryption, …). */
export interface ZipRejection {
  readonly name: string;
  readonly message: string;
}

export interface ZipArchive {
  readonly members: AsyncIterable<ZipMember | ZipRejection>;
  close(): void;
}

export function isRejection(item: ZipMember | ZipRejection): item is ZipRejection {
  return 'message' in item;
}

/**
 * Opens a zip archive read-only and lists its members one at a time. Names are decoded here (not by
 * yauzl) so that one bad name — `../x`, an absolute path — rejects that member, not the archive.
 */
export async function openZip(path: string, limits: ExpansionLimits): Promise<ZipArchive> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, autoClose: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });
  let closed = false;
  const close = (): void => {
    if (!closed) {
      closed = true;
      zipfile.close();
    }
  };

  async function* members(): AsyncGenerator<ZipMember | ZipRejection> {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const onEntry = (value: yauzl.Entry): void => {
          cleanup();
          resolve(value);
        };
        const onEnd = (): void => {
          cleanup();
          resolve(null);
        };
        const onError = (error: Error): void => {
          cleanup();
          reject(error);
        };
        const cleanup = (): void => {
          zipfile.off('entry', onEntry);
          zipfile.off('end', onEnd);
          zipfile.off('error', onError);
        };
        zipfile.on('entry', onEntry);
        zipfile.on('end', onEnd);
        zipfile.on('error', onError);
        zipfile.readEntry();
      });
      if (entry === null) return;
      const rawName = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, rawName, entry.extraFields, false);
      if (name.endsWith('/')) continue; // a directory
      const unsafe = yauzl.validateFileName(name);
      if (unsafe !== null) {
        yield { name, message: `unsafe path in archive, member skipped (${unsafe})` };
        continue;
      }
      if (entry.isEncrypted()) {
        yield { name, message: 'encrypted member, skipped' };
        continue;
      }
      try {
        checkExpansion(entry.compressedSize, entry.uncompressedSize, limits);
      } catch (error) {
        if (error instanceof ExpansionLimitError) {
          yield { name, message: `${error.message}; member skipped` };
          continue;
        }
        throw error;
      }
      yield {
        name,
        compressedBytes: entry.compressedSize,
        uncompressedBytes: entry.uncompressedSize,
        open: () =>
          new Promise<Readable>((resolve, reject) =>
            zipfile.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
          ),
      };
    }
  }
  return { members: members(), close };
}
