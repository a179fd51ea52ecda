/**
 * Reads up to `size` bytes from the front of a stream without losing them: returns those bytes
 * and a stream that replays them followed by the rest.
 */
export async function peek(
  source: AsyncIterable<Buffer>,
  size: number,
): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(buffered, length).subarray(0, Math.min(length, size));
  async function* replay(): AsyncGenerator<Buffer> {
    yield* buffered;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, stream: replay() };
}
