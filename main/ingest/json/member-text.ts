/**
 * Exact text of the value of top-level member `key` in the JSON object `json`, or null when `json`
 * is not an object with that member. Used to keep an envelope's embedded record byte-for-byte
 * (e.g. EventBridge's "detail") instead of re-serializing it. Assumes `json` is valid JSON.
 */
export function memberValueText(json: string, key: string): string | null {
  let i = skipSpace(json, 0);
  if (json.charCodeAt(i) !== 0x7b) return null;
  i++;
  // The last occurrence wins, as with JSON.parse.
  let found: string | null = null;
  for (;;) {
    i = skipSpace(json, i);
    if (json.charCodeAt(i) !== 0x22) return found;
    const keyEnd = endOfString(json, i);
    const name = json.slice(i, keyEnd);
    i = skipSpace(json, keyEnd);
    if (json.charCodeAt(i) !== 0x3a) return null;
    const valueStart = skipSpace(json, i + 1);
    const valueEnd = endOfValue(json, valueStart);
    if (valueEnd <= valueStart) return null;
    if (JSON.parse(name) === key) found = json.slice(valueStart, valueEnd);
    i = skipSpace(json, valueEnd);
    if (json.charCodeAt(i) !== 0x2c) return found;
    i++;
  }
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** Index just past the string starting with the quote at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let k = q - 1;
    while (k >= i && text.charCodeAt(k) === 0x5c) k--;
    i = q + 1;
    if (((q - 1 - k) & 1) === 0) return i;
  }
}

/** Index just past the value starting at `start`. */
function endOfValue(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 0x22) return endOfString(text, start);
  if (first !== 0x7b && first !== 0x5b) {
    let i = start;
    while (i < text.length && !',}] \n\r\t'.includes(text.charAt(i))) i++;
    return i;
  }
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = endOfString(text, i);
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}
