/**
 * Guards against decompression bombs. Real evidence compresses 5–30×; we refuse past these.
 */
export interface ExpansionLimits {
  /** Largest ratio of decompressed to compressed bytes, once past `ratioGraceBytes`. */
  readonly maxRatio: number;
  /** Output below this size is never refused for its ratio (tiny files compress oddly). */
  readonly ratioGraceBytes: number;
  /** Largest decompressed size of any one file or archive member. */
  readonly maxExpandedBytes: number;
}

export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = {
  maxRatio: 200,
  ratioGraceBytes: 64 * 1024 * 1024,
  maxExpandedBytes: 16 * 1024 * 1024 * 1024,
};

export class ExpansionLimitError extends Error {
  override name = 'ExpansionLimitError';
}

/** Throws when `expanded` bytes out of `compressed` bytes break the limits. */
export function checkExpansion(compressed: number, expanded: number, limits: ExpansionLimits): void {
  if (expanded > limits.maxExpandedBytes) {
    throw new ExpansionLimitError(
      `decompressed size exceeds ${limits.maxExpandedBytes} bytes (possible decompression bomb)`,
    );
  }
  if (expanded > limits.ratioGraceBytes && expanded > compressed * limits.maxRatio) {
    throw new ExpansionLimitError(
      `expansion ratio exceeds ${limits.maxRatio}:1 (possible decompression bomb)`,
    );
  }
}
