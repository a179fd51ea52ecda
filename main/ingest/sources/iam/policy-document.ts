import type { ConditionBlock, PolicyDocument, PrincipalBlock, Statement } from '../../../analysis/iam/model.js';
import { IamParseError, describeJson, isObject, parseJsonText } from './parse-error.js';

/**
 * Normalizes a policy document as found in evidence: an object, JSON text, or URL-encoded JSON
 * text (get-account-authorization-details); `Statement` an object or an array; `Action`/`Resource`
 * strings or arrays. AWS Config sometimes wraps documents in a one-element array: statements of
 * every element are concatenated. Throws IamParseError at `locator`.
 */
export function normalizePolicyDocument(raw: unknown, locator: string): PolicyDocument {
  const value = typeof raw === 'string' ? decodeDocumentText(raw, locator) : raw;
  if (Array.isArray(value)) {
    const parts = value.map((part, i) => normalizePolicyDocument(part, `${locator}[${i}]`));
    const version = parts.find((p) => p.version !== undefined)?.version;
    return { ...(version === undefined ? {} : { version }), statements: parts.flatMap((p) => p.statements) };
  }
  if (!isObject(value)) throw new IamParseError(locator, `expected a policy document, found ${describeJson(value)}`);
  const version = typeof value.Version === 'string' ? value.Version : undefined;
  const rawStatements = value.Statement ?? [];
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements = list.map((s, i) => normalizeStatement(s, i, `${locator}.Statement[${i}]`));
  return { ...(version === undefined ? {} : { version }), statements };
}

function decodeDocumentText(text: string, locator: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseAt(trimmed, locator);
  let decoded: string;
  try {
    // URL encoding uses '+' for spaces in some exports; decodeURIComponent leaves it alone.
    decoded = decodeURIComponent(trimmed.replace(/\+/g, '%20'));
  } catch {
    throw new IamParseError(locator, 'policy document text is neither JSON nor URL-encoded JSON');
  }
  return parseAt(decoded, locator);
}

function parseAt(text: string, locator: string): unknown {
  try {
    return parseJsonText(text, 'the policy document');
  } catch (error) {
    throw new IamParseError(locator, error instanceof Error ? error.message : String(error));
  }
}

function normalizeStatement(raw: unknown, index: number, locator: string): Statement {
  if (!isObject(raw)) throw new IamParseError(locator, `expected a statement object, found ${describeJson(raw)}`);
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny')
    throw new IamParseError(
      `${locator}.Effect`,
      `expected "Allow" or "Deny", found ${JSON.stringify(effect) ?? 'nothing'}`,
    );
  const sid = typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : String(index);
  const statement: {
    -readonly [K in keyof Statement]: Statement[K];
  } = { sid, effect };
  const action = stringList(raw.Action, `${locator}.Action`);
  if (action) statement.action = action;
  const notAction = stringList(raw.NotAction, `${locator}.NotAction`);
  if (notAction) statement.notAction = notAction;
  const resource = stringList(raw.Resource, `${locator}.Resource`);
  if (resource) statement.resource = resource;
  const notResource = stringList(raw.NotResource, `${locator}.NotResource`);
  if (notResource) statement.notResource = notResource;
  const principal = principalBlock(raw.Principal, `${locator}.Principal`);
  if (principal) statement.principal = principal;
  const notPrincipal = principalBlock(raw.NotPrincipal, `${locator}.NotPrincipal`);
  if (notPrincipal) statement.notPrincipal = notPrincipal;
  const condition = conditionBlock(raw.Condition, `${locator}.Condition`);
  if (condition) statement.condition = condition;
  return statement;
}

function stringList(value: unknown, locator: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new IamParseError(`${locator}[${i}]`, `expected a string, found ${describeJson(item)}`);
  });
}

function principalBlock(value: unknown, locator: string): PrincipalBlock | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === '*') return '*';
  if (!isObject(value)) throw new IamParseError(locator, `expected "*" or an object, found ${describeJson(value)}`);
  const block: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(value)) block[type] = stringList(ids, `${locator}.${type}`) ?? [];
  return block;
}

function conditionBlock(value: unknown, locator: string): ConditionBlock | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new IamParseError(locator, `expected an object, found ${describeJson(value)}`);
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isObject(keys))
      throw new IamParseError(`${locator}.${operator}`, `expected an object, found ${describeJson(keys)}`);
    const entry: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(keys))
      entry[key] = stringList(values, `${locator}.${operator}.${key}`) ?? [];
    block[operator] = entry;
  }
  return block;
}
