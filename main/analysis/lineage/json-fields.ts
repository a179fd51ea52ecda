import type { TrailEvent } from './trail-event.js';

/** A parsed JSON object (requestParameters / responseElements). */
export type JsonRecord = Record<string, unknown>;

/** Parses JSON text into an object, or null when the text is missing, malformed or not an object. */
export function parseJsonObject(text: string | null): JsonRecord | null {
  if (text === null || text === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    // Evidence is attacker-controlled and may be truncated; a bad blob just carries no facts.
    return null;
  }
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The non-empty string at a path of object keys, or null. */
export function stringAt(root: unknown, ...path: string[]): string | null {
  let value: unknown = root;
  for (const key of path) {
    if (!isRecord(value)) return null;
    value = value[key];
  }
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The event's request parameters and response elements, each parsed once. */
export interface ParsedBodies {
  request: JsonRecord | null;
  response: JsonRecord | null;
}

/** Parses both JSON bodies of an event. */
export function parseBodies(event: TrailEvent): ParsedBodies {
  return { request: parseJsonObject(event.requestParameters), response: parseJsonObject(event.responseElements) };
}
