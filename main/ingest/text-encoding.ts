/** Text encodings recognised by their byte-order mark; everything else is read as UTF-8. */
export type TextEncodingName = 'utf-16le' | 'utf-16be';

/** The UTF-16 flavour a head's BOM announces, or null (UTF-8, with or without its BOM). */
export function utf16Bom(head: Buffer): TextEncodingName | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) {
    // FF FE 00 00 is UTF-32LE's mark: not UTF-16 (and not supported).
    return head.length >= 4 && head[2] === 0 && head[3] === 0 ? null : 'utf-16le';
  }
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Re-encodes a UTF-16 stream as UTF-8, chunk by chunk (a code unit or surrogate pair split across
 * chunks is kept whole); the BOM is dropped. Unpaired surrogates become U+FFFD, so a damaged
 * record fails alone when it is parsed, not the file.
 */
export async function* utf16ToUtf8(source: AsyncIterable<Buffer>, encoding: TextEncodingName): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield Buffer.from(rest, 'utf8');
}
