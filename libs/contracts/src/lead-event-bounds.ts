import { EVENT_TYPE_PATTERN, LEAD_ID_PATTERN, MAX_EVENT_ID_LENGTH, MAX_FUTURE_SKEW_MS, MAX_PROPERTIES_BYTES, MAX_SOURCE_LENGTH } from './lead-event.message';

/**
 * The bounds of the event store's columns (libs/persistence migrations: lead_events), checked in
 * one place by ingest (the native DTO, which Segment and the pixel go through too) and by the
 * scoring worker's parse step, so that an event that passed either is never refused by
 * PostgreSQL. Each function gives the problem as a message naming `field`, or null.
 */
export const MAX_SOURCE_KEY_ID_LENGTH = 64;
export const MAX_TRAITS_BYTES = 16 * 1024;
/** Deeper JSON is refused: it adds nothing a rule can match and can overflow serialisers downstream. */
export const MAX_JSON_DEPTH = 32;
/** The earliest event time taken: 1970-01-01T00:00:00Z (PostgreSQL refuses year 0, JS allows it). */
export const EARLIEST_EVENT_TIME_MS = 0;

export function eventIdProblem(value: unknown, field = 'eventId'): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_EVENT_ID_LENGTH) {
    return `${field} must be a string of 1 to ${MAX_EVENT_ID_LENGTH} characters`;
  }
  return textProblem(value, field);
}

export function leadIdProblem(value: unknown, field = 'leadId'): string | null {
  return typeof value === 'string' && LEAD_ID_PATTERN.test(value) ? null : `${field} must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -`;
}

export function typeProblem(value: unknown, field = 'type'): string | null {
  return typeof value === 'string' && EVENT_TYPE_PATTERN.test(value)
    ? null
    : `${field} must be 1 to 64 characters: a lower-case letter, then lower-case letters, digits or _ (such as page_visit)`;
}

/** A source or a source key id: absent (null), or a string of at most `max` characters. */
export function optionalTextProblem(value: unknown, field: string, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > max) return `${field} must be a string of at most ${max} characters`;
  return textProblem(value, field);
}

export const sourceProblem = (value: unknown, field = 'source') => optionalTextProblem(value, field, MAX_SOURCE_LENGTH);
export const sourceKeyIdProblem = (value: unknown, field = 'sourceKeyId') => optionalTextProblem(value, field, MAX_SOURCE_KEY_ID_LENGTH);

/** An instant the store takes: from 1970-01-01T00:00:00Z to 24 h after `now` (when `now` is known). */
export function eventTimeProblem(time: Date, field: string, now: Date | null): string | null {
  if (Number.isNaN(time.getTime()) || time.getTime() < EARLIEST_EVENT_TIME_MS) return `${field} must be 1970-01-01T00:00:00Z or later`;
  if (now !== null && time.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) {
    return `${field} must be at most 24 h after the time of receipt (${now.toISOString()})`;
  }
  return null;
}

/**
 * A JSON object the store takes as jsonb: an object (not an array), at most MAX_JSON_DEPTH
 * levels, no NUL or unpaired surrogate in a key or a string, at most `maxBytes` as UTF-8 JSON.
 */
export function jsonObjectProblem(value: unknown, field: string, maxBytes: number): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${field} must be a JSON object`;
  return jsonContentProblem(value, field) ?? jsonSizeProblem(value, field, maxBytes);
}

/** Depth and text of a JSON value (the store's jsonb refuses NUL, and unpaired surrogates are no text). */
export function jsonContentProblem(value: object, field: string): string | null {
  if (jsonDepth(value) > MAX_JSON_DEPTH) return `${field} must not nest deeper than ${MAX_JSON_DEPTH} levels`;
  const at = firstUnstorableText(value);
  return at === null ? null : `${field} must not contain NUL characters or unpaired surrogates (at ${[field, ...at].join('.')})`;
}

export function jsonSizeProblem(value: object, field: string, maxBytes: number): string | null {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  return bytes <= maxBytes ? null : `${field} must be at most ${maxBytes} bytes as JSON, got ${bytes}`;
}

export const propertiesProblem = (value: unknown, field = 'properties') => jsonObjectProblem(value, field, MAX_PROPERTIES_BYTES);
export const traitsProblem = (value: unknown, field = 'traits') => jsonObjectProblem(value, field, MAX_TRAITS_BYTES);

/** Text PostgreSQL stores as sent: no NUL (refused) and no unpaired UTF-16 surrogate (no UTF-8 for it). */
export function textProblem(text: string, field: string): string | null {
  return unstorable(text) ? `${field} must not contain NUL characters or unpaired surrogates` : null;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): boolean {
  return text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);
}

/**
 * Depth of nested objects and arrays, counted without recursion (the input is untrusted), up to
 * just past `limit` (a deeper value gives limit + 1): JSON.stringify overflows the stack long
 * before JSON.parse does, so nothing stringifies a value before it passed this.
 */
export function jsonDepth(root: object, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** Path (keys) of the first key or string value that PostgreSQL could not store; null when none. */
function firstUnstorableText(root: object): string[] | null {
  const pending: Array<[unknown, string[]]> = [[root, []]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (unstorable(value)) return path;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      if (unstorable(key)) return [...path, key];
      pending.push([child, [...path, key]]);
    }
  }
  return null;
}
