/**
 * CloudTrail's nested field names, keyed by their lower-case spelling: Athena's CloudTrail table
 * lower-cases struct fields (`sessioncontext={sessionissuer={…}}`), normalizing expects camelCase.
 */
const CAMEL_CASE_NAMES: ReadonlyMap<string, string> = new Map(
  [
    'type',
    'principalId',
    'arn',
    'accountId',
    'invokedBy',
    'accessKeyId',
    'userName',
    'sessionContext',
    'attributes',
    'mfaAuthenticated',
    'creationDate',
    'sessionIssuer',
    'webIdFederationData',
    'federatedProvider',
    'ec2RoleDelivery',
    'sourceIdentity',
    'onBehalfOf',
    'userId',
    'identityStoreArn',
    'credentialId',
    'identityProvider',
    'ARNPrefix',
  ].map((name) => [name.toLowerCase(), name]),
);

/**
 * Reads a value as Athena (Presto/Trino) prints a ROW or ARRAY in query results —
 * `{type=IAMUser, arn=arn:aws:iam::1:user/a, sessioncontext={…}}`, `[{arn=…, type=…}]` — into the
 * equivalent JSON value with CloudTrail's camelCase field names; undefined if it is not one.
 * Scalars stay strings ("null" becomes null), as CloudTrail's own JSON has them.
 */
export function parseAthenaValue(text: string): unknown {
  const reader = new AthenaValueReader(text.trim());
  try {
    const value = reader.value('');
    return reader.atEnd() ? value : undefined;
  } catch (error) {
    if (error instanceof NotAnAthenaValue) return undefined;
    throw error;
  }
}

class NotAnAthenaValue extends Error {}

const FIELD_NAME = /^[A-Za-z_@$][\w@$.-]*=/;

/** Deeper than any real Athena result; a cell nested further is kept as plain text. */
const MAX_NESTING = 256;

class AthenaValueReader {
  private i = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.i >= this.text.length;
  }

  /** A value inside a container closed by `close` ('' at the top). */
  value(close: string): unknown {
    const c = this.text.charAt(this.i);
    if (c !== '{' && c !== '[') return this.scalar(close);
    // Past MAX_NESTING levels the cell is left as text instead of overflowing the stack.
    if (++this.depth > MAX_NESTING) throw new NotAnAthenaValue();
    try {
      return c === '{' ? this.row() : this.array();
    } finally {
      this.depth--;
    }
  }

  private row(): Record<string, unknown> {
    this.i++;
    const result: Record<string, unknown> = {};
    if (this.text.charAt(this.i) === '}') {
      this.i++;
      return result;
    }
    for (;;) {
      const match = FIELD_NAME.exec(this.text.slice(this.i, this.i + 200));
      if (!match) throw new NotAnAthenaValue();
      const name = match[0].slice(0, -1);
      this.i += match[0].length;
      result[CAMEL_CASE_NAMES.get(name.toLowerCase()) ?? name] = this.value('}');
      if (this.text.startsWith(', ', this.i)) this.i += 2;
      else if (this.text.charAt(this.i) === '}') {
        this.i++;
        return result;
      } else throw new NotAnAthenaValue();
    }
  }

  private array(): unknown[] {
    this.i++;
    const result: unknown[] = [];
    if (this.text.charAt(this.i) === ']') {
      this.i++;
      return result;
    }
    for (;;) {
      result.push(this.value(']'));
      if (this.text.startsWith(', ', this.i)) this.i += 2;
      else if (this.text.charAt(this.i) === ']') {
        this.i++;
        return result;
      } else throw new NotAnAthenaValue();
    }
  }

  /**
   * Scalars are not quoted: one ends where its container closes or at ", " followed by the next
   * field name (in a row) or by anything (in an array).
   */
  private scalar(close: string): string | null {
    const start = this.i;
    const text = this.text;
    while (this.i < text.length) {
      const c = text.charAt(this.i);
      if (close !== '' && c === close) break;
      if (c === ',' && text.charAt(this.i + 1) === ' ') {
        if (close === ']') break;
        if (close === '}' && FIELD_NAME.test(text.slice(this.i + 2, this.i + 202))) break;
      }
      this.i++;
    }
    const value = text.slice(start, this.i);
    return value === 'null' ? null : value;
  }
}
