/** Where an import stands; sent to the CLI's progress bar and the app's. Times in milliseconds. */
export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  inserted: number;
  duplicates: number;
  currentPath: string | null;
  elapsedMs: number;
  /** Estimated time left, from the byte rate so far; null until there is a rate. */
  etaMs: number | null;
}

/** Estimates the time left from bytes done so far. */
export function estimateEta(bytesDone: number, bytesTotal: number, elapsedMs: number): number | null {
  if (bytesDone <= 0 || elapsedMs < 200) return null;
  return Math.max(0, Math.round(((bytesTotal - bytesDone) * elapsedMs) / bytesDone));
}
