/** A file for the gzip worker to compress and write. */
export interface GzipJob {
  id: number;
  /** Absolute path of the .gz file to write. */
  path: string;
  text: string;
  level: number;
}

/** The worker's answer; `error` when the file could not be written. */
export interface GzipJobDone {
  id: number;
  gzipBytes: number;
  error?: string;
}
