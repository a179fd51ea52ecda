/**
 * Evidence that is state, not events (IAM and network snapshots, resource policies): recognised by
 * content, read whole (they are API responses, not logs) and stored as versioned resource states.
 */
export interface SnapshotFormat {
  /** Recorded as the evidence file's format, e.g. "iam-authorization-details". */
  readonly id: string;
  /** 0..1, compared with every other format's (see Recognition). */
  sniff(head: string): number;
  /**
   * The resources in the document, each with its own state; throws with a clear message when the
   * document is malformed (the file is then `failed`, with the error located).
   */
  read(text: string, context: { capturedAt: number; fileKey: string }): SnapshotResource[];
}

/** One resource's state from a snapshot document. */
export interface SnapshotResource {
  kind: string;
  resourceId: string;
  accountId: string | null;
  region: string | null;
  capturedAt: number;
  /** Where in the file ("document", "RoleDetailList[3]"). */
  locator: string;
  document: unknown;
}

/** Largest snapshot document read whole. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;
