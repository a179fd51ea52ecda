/**
 * Mutations of real evidence for property tests: byte-level damage (flips, cuts, duplicated or
 * removed ranges, NULs, invalid UTF-8, line endings, BOMs), structural damage (deep nesting, huge
 * strings) and JSON-aware damage (random values in CloudTrail's fields). Everything is drawn from
 * the PRNG given, so a failing case is reproduced from its seed.
 */

export type Random = () => number;

export const int = (random: Random, below: number): number => Math.floor(random() * below);
export const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)] as T;

/** Fields whose values the parsers lean on, and some envelope keys. */
const TARGET_FIELDS = [
  'eventTime', 'eventName', 'eventSource', 'eventID', 'eventVersion', 'eventType', 'awsRegion',
  'sourceIPAddress', 'userAgent', 'userIdentity', 'arn', 'type', 'accountId', 'userName', 'accessKeyId',
  'sessionContext', 'sessionIssuer', 'requestParameters', 'responseElements', 'resources', 'ARN',
  'readOnly', 'recipientAccountId', 'errorCode', 'errorMessage', '@timestamp', 'message', 'timestamp',
  'CloudTrailEvent', 'Records', 'Events', 'events', 'detail', 'detail-type', 'log_type', 'log', '_source',
  'query_timestamp', 'query_name', 'srcaddr', 'version', 'account_id', 'start', 'end',
  'UserDetailList', 'RoleDetailList', 'Policy', 'Statement', 'Principal', 'Action', 'Resource', 'Effect',
  'SecurityGroups', 'IpPermissions', 'NetworkAcls', 'Entries', 'CidrBlock', 'configurationItems',
  'configuration', 'resourceType', 'resourceId', 'awsAccountId', 'configurationItemCaptureTime',
];

const STRANGE_STRINGS = [
  '', ' ', '  ', '\t', '\u0000', '\ufeff', '\ud800', '\u202e', '💣', 'null', 'undefined', 'NaN', '-0',
  '0000-00-00T00:00:00Z', '2024-02-30T25:61:61Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z', '1970-01-01T00:00:00', '2024-05-10T08:00:00.123456789+14:00', '1e999',
  'arn:aws:iam::', 'arn:aws:iam::111122223333:user/' + 'a'.repeat(300), '999.999.999.999', '::ffff:1.2.3.4',
  '{"eventVersion":"1.08"}', '[', '"', '\\', '%s%s%s', "'; DROP TABLE events; --", 'x'.repeat(70_000),
];

/** A random JSON value: scalars at the edges of what parsers expect, and small containers. */
export function randomJsonValue(random: Random, depth = 0): unknown {
  switch (int(random, depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -0, 1, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1.5, 1715328000000, 1715328000]);
    case 3:
    case 4:
      return pick(random, STRANGE_STRINGS);
    case 5:
      return String.fromCharCode(...Array.from({ length: int(random, 12) }, () => int(random, 0x10000)));
    case 6:
      return Array.from({ length: int(random, 4) }, () => randomJsonValue(random, depth + 1));
    default: {
      const value: Record<string, unknown> = {};
      for (let i = int(random, 4); i > 0; i--) value[pick(random, TARGET_FIELDS)] = randomJsonValue(random, depth + 1);
      return value;
    }
  }
}

/** Replaces the values of some known fields, anywhere in a parsed document, with random ones. */
function mutateValue(value: unknown, random: Random, rate: number, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((item) => mutateValue(item, random, rate, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (TARGET_FIELDS.includes(key) && random() < rate) {
      if (random() < 0.1) continue; // the field goes missing
      out[key] = randomJsonValue(random);
    } else {
      out[key] = mutateValue(inner, random, rate, depth + 1);
    }
  }
  if (random() < rate / 4) out[pick(random, TARGET_FIELDS)] = randomJsonValue(random);
  return out;
}

/** JSON-aware mutation of a whole document, or of each JSON line; null when the text is neither. */
function mutateJson(data: Buffer, random: Random): Buffer | null {
  const text = data.toString('utf8');
  const rate = 0.05 + random() * 0.3;
  try {
    return Buffer.from(JSON.stringify(mutateValue(JSON.parse(text), random, rate), null, random() < 0.5 ? 2 : undefined));
  } catch {
    // not one document: try lines
  }
  let changed = false;
  const lines = text.split('\n');
  if (lines.length > 5000) return null;
  const mutated = lines.map((line) => {
    if (!/^\s*[[{]/.test(line)) return line;
    try {
      const value = JSON.parse(line) as unknown;
      changed = true;
      return JSON.stringify(mutateValue(value, random, rate));
    } catch {
      return line;
    }
  });
  return changed ? Buffer.from(mutated.join('\n')) : null;
}

const INVALID_UTF8 = [[0xff], [0xfe], [0xc3, 0x28], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];

const insertAt = (data: Buffer, at: number, bytes: Buffer): Buffer => Buffer.concat([data.subarray(0, at), bytes, data.subarray(at)]);

/** One named mutation; `others` are seeds of any format, for splicing. */
export type Mutation = (data: Buffer, random: Random, others: readonly Buffer[]) => Buffer;

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  bitFlips(data, random) {
    const out = Buffer.from(data);
    for (let i = 1 + int(random, 8); i > 0 && out.length > 0; i--) {
      const at = int(random, out.length);
      out[at] = (out[at] as number) ^ (1 << int(random, 8));
    }
    return out;
  },
  truncate: (data, random) => data.subarray(0, int(random, data.length + 1)),
  duplicateRange(data, random) {
    const from = int(random, data.length + 1);
    const to = Math.min(data.length, from + 1 + int(random, 2048));
    return insertAt(data, int(random, data.length + 1), data.subarray(from, to));
  },
  removeRange(data, random) {
    const from = int(random, data.length + 1);
    return Buffer.concat([data.subarray(0, from), data.subarray(Math.min(data.length, from + 1 + int(random, 512)))]);
  },
  nulBytes(data, random) {
    let out = data;
    for (let i = 1 + int(random, 3); i > 0; i--) out = insertAt(out, int(random, out.length + 1), Buffer.alloc(1 + int(random, 2)));
    return out;
  },
  invalidUtf8(data, random) {
    let out = data;
    for (let i = 1 + int(random, 4); i > 0; i--) out = insertAt(out, int(random, out.length + 1), Buffer.from(pick(random, INVALID_UTF8)));
    return out;
  },
  crlf: (data, random) =>
    Buffer.from(data.toString('latin1').replace(/\n/g, () => pick(random, ['\r\n', '\r\n', '\r', '\n\n', '\r\r\n'])), 'latin1'),
  bom(data, random) {
    const boms = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];
    if (random() < 0.4) return Buffer.concat([pick(random, boms), data]);
    if (random() < 0.5) return insertAt(data, int(random, data.length + 1), pick(random, boms));
    // A real UTF-16 file, LE or BE (with its mark), of the UTF-8 text.
    const le = Buffer.from(`\ufeff${data.toString('utf8')}`, 'utf16le');
    return random() < 0.5 ? le : Buffer.from(le).swap16();
  },
  deepNesting(data, random) {
    const depth = pick(random, [100, 1000, 5000, 20_000, 100_000]);
    const open = pick(random, ['[', '{"a":', '{"requestParameters":', '{"Records":[']);
    const close = open === '[' ? ']' : open === '{"Records":[' ? ']}' : '}';
    const balanced = random() < 0.5;
    const nest = open.repeat(depth) + '1' + (balanced ? close.repeat(depth) : '');
    return insertAt(data, int(random, data.length + 1), Buffer.from(nest));
  },
  hugeString(data, random) {
    const size = pick(random, [70_000, 1 << 20, 3 << 20]);
    const filler = pick(random, ['A', '\\', '"', '\\u0000', 'é', '\n']).repeat(size);
    return insertAt(data, int(random, data.length + 1), Buffer.from(random() < 0.5 ? `"${filler}"` : filler));
  },
  jsonFields: (data, random) => mutateJson(data, random) ?? MUTATIONS.bitFlips!(data, random, []),
  splice(data, random, others) {
    const other = others.length > 0 ? pick(random, others) : data;
    const from = int(random, other.length + 1);
    return insertAt(data, int(random, data.length + 1), other.subarray(from, from + 1 + int(random, 4096)));
  },
  shuffleLines(data, random) {
    const lines = data.toString('utf8').split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      const j = int(random, i + 1);
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    }
    if (lines.length > 0 && random() < 0.5) lines.splice(int(random, lines.length), 0, pick(random, lines));
    return Buffer.from(lines.join('\n'));
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies 1–3 random mutations; returns the bytes and the names applied (for failure messages). */
export function mutate(seed: Buffer, random: Random, others: readonly Buffer[]): { data: Buffer; applied: string[] } {
  let data = seed;
  const applied: string[] = [];
  for (let i = 1 + int(random, 3); i > 0; i--) {
    const name = pick(random, MUTATION_NAMES);
    data = (MUTATIONS[name] as Mutation)(data, random, others);
    applied.push(name);
  }
  return { data, applied };
}

/** Chunk sizes that cut records, UTF-8 sequences and CRLFs in odd places (1-byte chunks only for small inputs). */
export function chunkSizer(random: Random, length: number): () => number {
  const choice = int(random, 4);
  if (choice === 0 && length <= 16 * 1024) return () => 1 + int(random, 3);
  if (choice <= 1) return () => 1 + int(random, 4096);
  if (choice === 2) return () => 64 * 1024;
  return () => 1 + int(random, 200_000);
}
