/**
 * JSON text from evidence as a flat list of tree lines, for the detail pane. Evidence is
 * attacker-controlled: a planted record may nest thousands of levels deep or hold a huge array,
 * so the walk is iterative (an explicit stack, no recursion to overflow), stops descending at
 * `maxDepth` (a "…" line says so) and stops after `maxLines`. Values are only ever text.
 */

/** One line of the tree. */
export interface JsonLine {
  /** Nesting level, 0 for the top. */
  depth: number;
  /** Property name or array index; null at the top. */
  key: string | null;
  kind: 'object' | 'array' | 'value' | 'more';
  /** For values: the value as text (strings unquoted); for objects/arrays: a `{3}`/`[5]` summary; for more: why. */
  text: string;
  /** For values: the JSON type, for styling. */
  type?: 'string' | 'number' | 'boolean' | 'null';
}

export interface JsonTreeOptions {
  /** Deepest level shown; deeper content is a "…" line. */
  maxDepth?: number;
  /** Most lines produced; the rest is a "…" line. */
  maxLines?: number;
}

/** Default depth cap: deep enough for any real API call, shallow enough to stay cheap. */
export const JSON_MAX_DEPTH = 50;
export const JSON_MAX_LINES = 5000;

/** Parses JSON text; undefined when it is not JSON (then it is shown as plain text). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The lines of `value`'s tree, depth-first in document order. */
export function jsonLines(value: unknown, options: JsonTreeOptions = {}): JsonLine[] {
  const maxDepth = options.maxDepth ?? JSON_MAX_DEPTH;
  const maxLines = options.maxLines ?? JSON_MAX_LINES;
  const lines: JsonLine[] = [];
  const stack: { key: string | null; value: unknown; depth: number }[] = [{ key: null, value, depth: 0 }];
  while (stack.length > 0) {
    if (lines.length >= maxLines) {
      lines.push({ depth: 0, key: null, kind: 'more', text: `… (only the first ${maxLines} lines are shown)` });
      break;
    }
    const item = stack.pop() as { key: string | null; value: unknown; depth: number };
    const { key, depth } = item;
    const node = item.value;
    if (Array.isArray(node) || (typeof node === 'object' && node !== null)) {
      const entries: [string, unknown][] = Array.isArray(node)
        ? node.map((child, index) => [String(index), child])
        : Object.entries(node as Record<string, unknown>);
      const array = Array.isArray(node);
      lines.push({
        depth,
        key,
        kind: array ? 'array' : 'object',
        text: array ? `[${entries.length}]` : `{${entries.length}}`,
      });
      if (entries.length === 0) continue;
      if (depth + 1 > maxDepth) {
        lines.push({ depth: depth + 1, key: null, kind: 'more', text: `… (nested deeper than ${maxDepth} levels)` });
        continue;
      }
      // Pushed in reverse so they pop in document order.
      for (let index = entries.length - 1; index >= 0; index--) {
        const [childKey, child] = entries[index] as [string, unknown];
        stack.push({ key: childKey, value: child, depth: depth + 1 });
      }
      continue;
    }
    lines.push({ depth, key, kind: 'value', ...leaf(node) });
  }
  return lines;
}

function leaf(value: unknown): { text: string; type: 'string' | 'number' | 'boolean' | 'null' } {
  if (typeof value === 'string') return { text: value, type: 'string' };
  if (typeof value === 'number') return { text: String(value), type: 'number' };
  if (typeof value === 'boolean') return { text: String(value), type: 'boolean' };
  return { text: 'null', type: 'null' };
}
