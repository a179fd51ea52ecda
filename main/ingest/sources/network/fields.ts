// AWS CLI output spells keys in PascalCase ("NetworkAclId"); AWS Config configuration items in
// camelCase ("networkAclId"). These readers accept either and ignore values of the wrong type.

/** A JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value under a PascalCase key or its camelCase spelling. */
export function get(object: Json, key: string): unknown {
  const value = object[key];
  if (value !== undefined) return value;
  return object[key.charAt(0).toLowerCase() + key.slice(1)];
}

/** A string (or a number written as text), null otherwise or when empty. */
export function str(object: Json, key: string): string | null {
  const value = get(object, key);
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** An integer (also from numeric text), null otherwise. */
export function int(object: Json, key: string): number | null {
  const value = get(object, key);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** A boolean (also "true"/"false"), false otherwise. */
export function bool(object: Json, key: string): boolean {
  const value = get(object, key);
  return value === true || value === 'true';
}

/** The objects of an array value; [] when absent or not an array. */
export function objects(object: Json, key: string): Json[] {
  const value = get(object, key);
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A nested object, null when absent. */
export function child(object: Json, key: string): Json | null {
  const value = get(object, key);
  return isObject(value) ? value : null;
}

/**
 * Strings from an array whose items are either strings (AWS Config's "ipRanges": ["0.0.0.0/0"])
 * or objects carrying the string under one of `keys` (the CLI's "IpRanges": [{"CidrIp": …}]).
 */
export function strings(object: Json, key: string, keys: readonly string[]): string[] {
  const value = get(object, key);
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') out.push(item);
    else if (isObject(item))
      for (const inner of keys) {
        const text = str(item, inner);
        if (text !== null) {
          out.push(text);
          break;
        }
      }
  }
  return out;
}

/** The value of the "Name" tag, from a CLI tag list or Config/Panther tag map. */
export function nameTag(object: Json): string | null {
  const tags = get(object, 'Tags');
  if (Array.isArray(tags)) {
    for (const tag of tags) if (isObject(tag) && str(tag, 'Key') === 'Name') return str(tag, 'Value');
    return null;
  }
  if (isObject(tags) && typeof tags.Name === 'string') return tags.Name;
  return null;
}
