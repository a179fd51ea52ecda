import ipaddr from 'ipaddr.js';
import type { ConditionBlock } from './model.js';
import type { ContextView } from './request-context.js';
import { substituteVariables } from './request-context.js';
import { wildcardMatch } from './wildcard.js';

/** Outcome of a condition block: met, not met, or depending on keys the request context does not give. */
export type ConditionOutcome =
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  /** `unknown`: one readable clause per unresolved key, e.g. `aws:SourceIp is in 10.0.0.0/8`. */
  | { readonly kind: 'unknown'; readonly unknown: readonly string[] };

type Family = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';

interface Operator {
  readonly family: Family;
  /** The value test; `negated` operators are true when no policy value matches. */
  readonly test: (policy: string, actual: string) => boolean | null;
  readonly negated: boolean;
  readonly verb: string;
}

/** A parsed operator name such as `ForAllValues:StringLikeIfExists`. */
interface ParsedOperator {
  readonly op: Operator;
  readonly set: 'any' | 'all' | null;
  readonly ifExists: boolean;
  readonly name: string;
}

const strEq = (p: string, a: string) => p === a;
const strEqI = (p: string, a: string) => p.toLowerCase() === a.toLowerCase();
const strLike = (p: string, a: string) => wildcardMatch(p, a);

function num(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
}

function cmpNum(f: (a: number, b: number) => boolean) {
  return (p: string, a: string): boolean | null => {
    const pv = num(p);
    const av = num(a);
    return pv === null || av === null ? null : f(av, pv);
  };
}

/** Dates: ISO 8601 text or epoch seconds (both allowed by IAM). Integer milliseconds UTC. */
function dateMs(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

function cmpDate(f: (a: number, b: number) => boolean) {
  return (p: string, a: string): boolean | null => {
    const pv = dateMs(p);
    const av = dateMs(a);
    return pv === null || av === null ? null : f(av, pv);
  };
}

function ipIn(cidr: string, actual: string): boolean | null {
  try {
    const range = cidr.includes('/') ? ipaddr.parseCIDR(cidr.trim()) : null;
    let addr = ipaddr.parse(actual.trim());
    const base = range ? range[0] : ipaddr.parse(cidr.trim());
    if (addr.kind() !== base.kind()) {
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
        addr = (addr as ipaddr.IPv6).toIPv4Address();
      else if (addr.kind() === 'ipv4') addr = (addr as ipaddr.IPv4).toIPv4MappedAddress();
      if (addr.kind() !== base.kind()) return false;
    }
    return range ? addr.match(range) : addr.toNormalizedString() === base.toNormalizedString();
  } catch {
    return null;
  }
}

/** ARN operators compare each of the six colon-separated parts separately, wildcards allowed in each. */
function arnLike(pattern: string, actual: string): boolean {
  const p = pattern.split(':');
  const a = actual.split(':');
  if (p.length < 6 || a.length < 6) return pattern === '*' || wildcardMatch(pattern, actual);
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(':')];
  const ph = head(p);
  const ah = head(a);
  return ph.every((part, i) => wildcardMatch(part, ah[i] ?? ''));
}

const OPERATORS: Readonly<Record<string, Operator>> = {
  stringequals: { family: 'String', test: strEq, negated: false, verb: 'is' },
  stringnotequals: { family: 'String', test: strEq, negated: true, verb: 'is not' },
  stringequalsignorecase: { family: 'String', test: strEqI, negated: false, verb: 'is (ignoring case)' },
  stringnotequalsignorecase: { family: 'String', test: strEqI, negated: true, verb: 'is not (ignoring case)' },
  stringlike: { family: 'String', test: strLike, negated: false, verb: 'matches' },
  stringnotlike: { family: 'String', test: strLike, negated: true, verb: 'does not match' },
  numericequals: { family: 'Numeric', test: cmpNum((a, b) => a === b), negated: false, verb: '=' },
  numericnotequals: { family: 'Numeric', test: cmpNum((a, b) => a === b), negated: true, verb: '≠' },
  numericlessthan: { family: 'Numeric', test: cmpNum((a, b) => a < b), negated: false, verb: '<' },
  numericlessthanequals: { family: 'Numeric', test: cmpNum((a, b) => a <= b), negated: false, verb: '≤' },
  numericgreaterthan: { family: 'Numeric', test: cmpNum((a, b) => a > b), negated: false, verb: '>' },
  numericgreaterthanequals: { family: 'Numeric', test: cmpNum((a, b) => a >= b), negated: false, verb: '≥' },
  dateequals: { family: 'Date', test: cmpDate((a, b) => a === b), negated: false, verb: 'is' },
  datenotequals: { family: 'Date', test: cmpDate((a, b) => a === b), negated: true, verb: 'is not' },
  datelessthan: { family: 'Date', test: cmpDate((a, b) => a < b), negated: false, verb: 'is before' },
  datelessthanequals: { family: 'Date', test: cmpDate((a, b) => a <= b), negated: false, verb: 'is at or before' },
  dategreaterthan: { family: 'Date', test: cmpDate((a, b) => a > b), negated: false, verb: 'is after' },
  dategreaterthanequals: { family: 'Date', test: cmpDate((a, b) => a >= b), negated: false, verb: 'is at or after' },
  bool: { family: 'Bool', test: strEqI, negated: false, verb: 'is' },
  binaryequals: { family: 'Binary', test: strEq, negated: false, verb: 'is' },
  ipaddress: { family: 'Ip', test: ipIn, negated: false, verb: 'is in' },
  notipaddress: { family: 'Ip', test: ipIn, negated: true, verb: 'is not in' },
  arnequals: { family: 'Arn', test: arnLike, negated: false, verb: 'matches' },
  arnlike: { family: 'Arn', test: arnLike, negated: false, verb: 'matches' },
  arnnotequals: { family: 'Arn', test: arnLike, negated: true, verb: 'does not match' },
  arnnotlike: { family: 'Arn', test: arnLike, negated: true, verb: 'does not match' },
  null: { family: 'Null', test: strEq, negated: false, verb: 'is' },
};

/** Parses an operator name; null for one IAM does not define (such a condition never matches). */
export function parseOperator(name: string): ParsedOperator | null {
  let rest = name;
  let set: 'any' | 'all' | null = null;
  const prefix = /^(ForAnyValue|ForAllValues):/i.exec(rest);
  if (prefix) {
    set = prefix[1]?.toLowerCase() === 'foranyvalue' ? 'any' : 'all';
    rest = rest.slice(prefix[0].length);
  }
  let ifExists = false;
  if (/IfExists$/i.test(rest) && rest.toLowerCase() !== 'null') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const op = OPERATORS[rest.toLowerCase()];
  return op ? { op, set, ifExists, name } : null;
}

/**
 * Evaluates a statement's Condition block: every operator and every key must hold. A key missing from
 * the context is absent (AWS semantics) when the context is `complete`, else unknown.
 */
export function evaluateConditions(block: ConditionBlock | undefined, context: ContextView): ConditionOutcome {
  if (!block) return { kind: 'true' };
  const unknown: string[] = [];
  for (const [opName, keys] of Object.entries(block)) {
    const parsed = parseOperator(opName);
    for (const [key, rawValues] of Object.entries(keys)) {
      if (!parsed) return { kind: 'false' };
      const values = substitutePolicyValues(parsed, rawValues, context);
      if (values === null) {
        unknown.push(describeClause(parsed, key, rawValues));
        continue;
      }
      const actual = context.get(key);
      const result =
        actual === undefined ? missingKey(parsed, values, context.complete) : present(parsed, values, actual);
      if (result === false) return { kind: 'false' };
      if (result === null) unknown.push(describeClause(parsed, key, values));
    }
  }
  return unknown.length ? { kind: 'unknown', unknown } : { kind: 'true' };
}

/** Policy variables in String/Arn values are substituted; null when one cannot be. */
function substitutePolicyValues(
  parsed: ParsedOperator,
  values: readonly string[],
  context: ContextView,
): string[] | null {
  if (parsed.op.family !== 'String' && parsed.op.family !== 'Arn') return [...values];
  const out: string[] = [];
  for (const v of values) {
    const s = substituteVariables(v, context);
    if ('missing' in s) return null;
    out.push(s.text);
  }
  return out;
}

/** A key absent from the request: known semantics when complete, else unknown (null). */
function missingKey(parsed: ParsedOperator, values: readonly string[], complete: boolean): boolean | null {
  if (!complete) return null;
  if (parsed.op.family === 'Null') return values.some((v) => v.toLowerCase() === 'true');
  if (parsed.ifExists) return true;
  if (parsed.set === 'all') return true; // an empty set satisfies "for all values"
  if (parsed.set === 'any') return false;
  return parsed.op.negated;
}

/** The key is present with `actual` values. null when a value cannot be compared (e.g. not a number). */
function present(parsed: ParsedOperator, values: readonly string[], actual: readonly string[]): boolean | null {
  const { op } = parsed;
  if (op.family === 'Null') return values.some((v) => v.toLowerCase() === 'false');
  let undecidable = false;
  const matchesAny = (a: string): boolean => {
    for (const v of values) {
      const r = op.test(v, a);
      if (r === null) undecidable = true;
      else if (r) return true;
    }
    return false;
  };
  const ok = (a: string) => (op.negated ? !matchesAny(a) : matchesAny(a));
  let result: boolean;
  if (parsed.set === 'all') result = actual.every(ok);
  else if (parsed.set === 'any') result = actual.some(ok);
  else result = op.negated ? actual.every(ok) : actual.some(ok);
  return !result && undecidable ? null : result;
}

/** `aws:SourceIp is in 10.0.0.0/8`, `aws:MultiFactorAuthPresent is absent or is "true"`. */
export function describeClause(parsed: ParsedOperator, key: string, values: readonly string[]): string {
  const list = values.map((v) => (parsed.op.family === 'Ip' || parsed.op.family === 'Numeric' ? v : JSON.stringify(v)));
  if (parsed.op.family === 'Null')
    return values.some((v) => v.toLowerCase() === 'true') ? `${key} is absent` : `${key} is present`;
  const target = list.length === 1 ? (list[0] ?? '') : `${parsed.op.negated ? 'any of' : 'one of'} ${list.join(', ')}`;
  const quantifier = parsed.set === 'all' ? 'every value of ' : parsed.set === 'any' ? 'some value of ' : '';
  const clause = `${quantifier}${key} ${parsed.op.verb} ${target}`;
  return parsed.ifExists ? `${key} is absent or ${clause}` : clause;
}
