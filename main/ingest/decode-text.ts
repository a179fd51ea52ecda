import { SNIFF_BYTES } from './format.js';
import { peek } from './containers/peek.js';
import { utf16Bom, utf16ToUtf8 } from './text-encoding.js';

/**
 * The head of a file's decompressed content and the content itself, as UTF-8: UTF-16 files (with
 * their BOM, as PowerShell and some Windows tools write them) are re-encoded before sniffing.
 */
export async function decodeText(content: AsyncIterable<Buffer>): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const first = await peek(content, SNIFF_BYTES);
  const encoding = utf16Bom(first.head);
  return encoding === null ? first : peek(utf16ToUtf8(first.stream, encoding), SNIFF_BYTES);
}
