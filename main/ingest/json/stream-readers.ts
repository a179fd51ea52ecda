import type { ByteStream, ParseContext, RecordSink } from '../format.js';
import { JsonSplitter, type JsonSplitMode } from './json-splitter.js';
import { LineSplitter } from './line-splitter.js';

/** The error reported for a record or line longer than the context allows. */
export function oversizeMessage(bytes: number, maxRecordBytes: number): string {
  return `record is ${bytes} bytes, more than the ${maxRecordBytes}-byte limit; skipped`;
}

/**
 * Streams the elements selected by `mode` to `onElement` with their locator ("record 7"); elements
 * over the size limit become sink errors. Throws FileParseError on broken or truncated structure.
 */
export async function readJsonElements(
  input: ByteStream,
  sink: RecordSink,
  context: ParseContext,
  mode: JsonSplitMode,
  onElement: (text: string, locator: string) => void,
): Promise<void> {
  const splitter = new JsonSplitter(
    {
      element: (text, ordinal) => onElement(text, `record ${ordinal}`),
      oversize: (ordinal, bytes) => sink.error(`record ${ordinal}`, oversizeMessage(bytes, context.maxRecordBytes)),
    },
    { mode, maxElementBytes: context.maxRecordBytes },
  );
  for await (const chunk of input) splitter.push(chunk);
  splitter.end();
}

/**
 * Streams the non-blank lines of the input to `onLine` with their locator ("line 12"); lines over
 * the size limit become sink errors and reading goes on with the next line.
 */
export async function readNonBlankLines(
  input: ByteStream,
  sink: RecordSink,
  context: ParseContext,
  onLine: (text: string, locator: string) => void,
): Promise<void> {
  const splitter = new LineSplitter(
    {
      line(text, lineNumber) {
        if (!isBlank(text)) onLine(text, `line ${lineNumber}`);
      },
      oversize: (lineNumber, bytes) => sink.error(`line ${lineNumber}`, oversizeMessage(bytes, context.maxRecordBytes)),
    },
    { maxLineBytes: context.maxRecordBytes },
  );
  for await (const chunk of input) splitter.push(chunk);
  splitter.end();
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
