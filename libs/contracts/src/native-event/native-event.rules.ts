import { registerDecorator, type ValidationArguments } from 'class-validator';
import { LEAD_ID_PATTERN } from '../lead-event.message';
import { parseOccurredAt } from './occurred-at';

/** Deeper JSON is refused: it adds nothing a rule can match and can overflow serialisers downstream. */
export const MAX_JSON_DEPTH = 32;

/**
 * A class-validator rule from a function that returns the problem (the message) or null. One
 * function gives both the verdict and a message that says what was expected.
 */
export function fieldRule(name: string, problem: (value: unknown, args: ValidationArguments) => string | null): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problem(value, args) === null,
        defaultMessage: (args: ValidationArguments) => problem(args.value, args) ?? `${args.property} is invalid`,
      },
    });
}

export const IsOccurredAt = () =>
  fieldRule('isOccurredAt', (value, { property }) =>
    typeof value === 'string' && parseOccurredAt(value) !== null ? null : `${property} must be an ISO-8601 date-time, such as 2026-03-01T09:30:00Z`,
  );

export const IsJsonObject = () =>
  fieldRule('isJsonObject', (value, { property }) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? null : `${property} must be a JSON object`,
  );

/** Serialized as JSON (UTF-8), at most `maxBytes`. Leaves non-objects and too-deep values to the other rules. */
export const MaxJsonBytes = (maxBytes: number) =>
  fieldRule('maxJsonBytes', (value, { property }) => {
    if (typeof value !== 'object' || value === null || jsonDepth(value) > MAX_JSON_DEPTH) return null;
    const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
    return bytes <= maxBytes ? null : `${property} must be at most ${maxBytes} bytes as JSON, got ${bytes}`;
  });

/**
 * Text PostgreSQL can store (no NUL, no unpaired UTF-16 surrogate) and, in objects, at most
 * MAX_JSON_DEPTH levels: an event that passed ingest must never be refused by the event store.
 */
export const IsStorable = () =>
  fieldRule('isStorable', (value, { property }) => {
    if (typeof value === 'string') return unstorable(value) ? `${property} must not contain NUL characters or unpaired surrogates` : null;
    if (typeof value !== 'object' || value === null) return null;
    if (jsonDepth(value) > MAX_JSON_DEPTH) return `${property} must not nest deeper than ${MAX_JSON_DEPTH} levels`;
    const at = firstUnstorableText(value);
    return at === null ? null : `${property} must not contain NUL characters or unpaired surrogates (at ${[property, ...at].join('.')})`;
  });

/** The field is only accepted when the event's `type` is `type`. */
export const OnlyWithType = (type: string) =>
  fieldRule('onlyWithType', (_value, { property, object }) =>
    (object as { type?: unknown }).type === type ? null : `${property} are only accepted on events of type ${type}`,
  );

/**
 * The ids an identity event links (libs/scoring identity.ts): an alias needs
 * `properties.previousId`, and an identify's optional `properties.anonymousId` must be a lead id.
 */
export const LinksValidIds = () =>
  fieldRule('linksValidIds', (value, { object }) => {
    const type = (object as { type?: unknown }).type;
    const field = type === 'alias' ? 'previousId' : type === 'identify' ? 'anonymousId' : null;
    if (field === null) return null;
    const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
    if (id === undefined && field === 'anonymousId') return null;
    if (typeof id === 'string' && LEAD_ID_PATTERN.test(id)) return null;
    const what = field === 'previousId' ? 'properties.previousId is required on alias (the id being linked): ' : 'properties.anonymousId must be ';
    return `${what}1 to 128 characters of A-Z a-z 0-9 . _ : @ + -`;
  });

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): boolean {
  return text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);
}

/** Depth of nested objects and arrays, counted without recursion (the input is untrusted). */
export function jsonDepth(root: object): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
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
