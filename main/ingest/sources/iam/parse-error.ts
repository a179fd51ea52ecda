/** A malformed IAM evidence document; `locator` points into it (e.g. `RoleDetailList[3].AssumeRolePolicyDocument`). */
export class IamParseError extends Error {
  override readonly name = 'IamParseError';
  /** Path inside the document where the problem is; `''` for the document itself. */
  readonly locator: string;

  constructor(locator: string, message: string) {
    super(locator ? `${locator}: ${message}` : message);
    this.locator = locator;
  }
}

/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text, turning a syntax error into an IamParseError that names the document. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new IamParseError('', `${what} is not valid JSON (${detail})`);
  }
}

/** A short description of a value's JSON type, for error messages (never the value itself). */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** `obj[key]` as an object, or an IamParseError at `locator`. */
export function requireObject(value: unknown, locator: string, what: string): JsonObject {
  if (!isObject(value))
    throw new IamParseError(locator, `expected ${what} (a JSON object), found ${describeJson(value)}`);
  return value;
}

/** An optional array: undefined/null → [], an array as is, anything else an IamParseError. */
export function optionalArray(value: unknown, locator: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new IamParseError(locator, `expected an array, found ${describeJson(value)}`);
  return value;
}

/** A string field, or undefined; numbers (account ids) become decimal text. */
export function optionalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A required string field. */
export function requireString(value: unknown, locator: string): string {
  const text = optionalString(value);
  if (text === undefined) throw new IamParseError(locator, `expected a string, found ${describeJson(value)}`);
  return text;
}
