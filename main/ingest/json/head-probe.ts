import { FileParseError } from '../format.js';
import { JsonSplitter, type JsonSplitMode } from './json-splitter.js';

/** What the first bytes of a file show about its JSON structure (for format sniffing). */
export interface JsonHeadProbe {
  /** Structure is broken within the head (not JSON of the expected shape). */
  readonly broken: boolean;
  /** The first complete elements, parsed (unparseable ones as undefined), at most the limit asked. */
  readonly elements: readonly unknown[];
  /** How many elements were complete in the head. */
  readonly elementCount: number;
  /** How many top-level values started in the head. */
  readonly topLevelValues: number;
  /** Member mode: how many arrays under the wanted key started in the head. */
  readonly memberArrays: number;
  /** The head ended between top-level values (the file may be complete). */
  readonly endedAtTopLevel: boolean;
}

/** Runs the JSON splitter over a file's head without treating the cut-off end as an error. */
export function probeJsonHead(head: Buffer, mode: JsonSplitMode, limit = 1): JsonHeadProbe {
  const elements: unknown[] = [];
  let elementCount = 0;
  const splitter = new JsonSplitter(
    {
      element(text) {
        elementCount++;
        if (elements.length < limit) elements.push(parseOrUndefined(text));
      },
      oversize() {
        elementCount++;
        if (elements.length < limit) elements.push(undefined);
      },
    },
    { mode, maxElementBytes: head.length + 1 },
  );
  let broken = false;
  try {
    splitter.push(head);
  } catch (error) {
    if (!(error instanceof FileParseError)) throw error;
    broken = true;
  }
  let endedAtTopLevel = false;
  if (!broken) {
    try {
      splitter.end();
      endedAtTopLevel = true;
    } catch (error) {
      if (!(error instanceof FileParseError)) throw error;
    }
  }
  return {
    broken,
    elements,
    elementCount,
    topLevelValues: splitter.topLevelValues,
    memberArrays: splitter.memberArrays,
    endedAtTopLevel,
  };
}

/** The first element that parsed (unparseable ones are undefined), or undefined. */
export function firstParsed(elements: readonly unknown[]): unknown {
  return elements.find((element) => element !== undefined);
}

/**
 * The complete, non-blank lines of `head` (a line cut off by the end of the head is left out unless
 * the head is the whole file), at most `limit` of them.
 */
export function completeLines(head: Buffer, headIsWholeFile: boolean, limit: number): string[] {
  const lines: string[] = [];
  let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (start < head.length && lines.length < limit) {
    const newline = head.indexOf(0x0a, start);
    if (newline < 0 && !headIsWholeFile) break;
    const end = newline < 0 ? head.length : newline;
    const text = head.toString('utf8', start, end).replace(/\r$/, '');
    if (text.trim() !== '') lines.push(text);
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The first line of `head` that is not blank, and whether it is complete (a newline follows it). */
export function firstNonBlankLine(head: Buffer, headIsWholeFile: boolean): { text: string; complete: boolean } | null {
  let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (start < head.length) {
    const newline = head.indexOf(0x0a, start);
    const end = newline < 0 ? head.length : newline;
    const text = head.toString('utf8', start, end).replace(/\r$/, '');
    if (text.trim() !== '') return { text, complete: newline >= 0 || headIsWholeFile };
    if (newline < 0) return null;
    start = newline + 1;
  }
  return null;
}
