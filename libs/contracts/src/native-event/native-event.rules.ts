import { registerDecorator, type ValidationArguments } from 'class-validator';
import { jsonContentProblem, jsonDepth, jsonSizeProblem, MAX_JSON_DEPTH, eventTimeProblem, textProblem } from '../lead-event-bounds';
import { LEAD_ID_PATTERN } from '../lead-event.message';
import { RESERVED_EVENT_ID_PREFIXES, RESERVED_TYPES, reservedEventIdPrefixOf, reservedProducerOf } from '../reserved-events';
import { parseOccurredAt } from './occurred-at';

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
  fieldRule('isOccurredAt', (value, { property }) => {
    const time = typeof value === 'string' ? parseOccurredAt(value) : null;
    if (time === null) return `${property} must be an ISO-8601 date-time, such as 2026-03-01T09:30:00Z`;
    // The upper bound depends on the time of receipt, which a decorator cannot know: see occurredAtTooLate.
    return eventTimeProblem(time, property, null);
  });

export const IsJsonObject = () =>
  fieldRule('isJsonObject', (value, { property }) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? null : `${property} must be a JSON object`,
  );

/** Serialized as JSON (UTF-8), at most `maxBytes`. Leaves non-objects and too-deep values to the other rules. */
export const MaxJsonBytes = (maxBytes: number) =>
  fieldRule('maxJsonBytes', (value, { property }) => {
    if (typeof value !== 'object' || value === null || jsonDepth(value) > MAX_JSON_DEPTH) return null;
    return jsonSizeProblem(value, property, maxBytes);
  });

/**
 * Text PostgreSQL can store (no NUL, no unpaired UTF-16 surrogate) and, in objects, at most
 * MAX_JSON_DEPTH levels: an event that passed ingest must never be refused by the event store.
 */
export const IsStorable = () =>
  fieldRule('isStorable', (value, { property }) => {
    if (typeof value === 'string') return textProblem(value, property);
    if (typeof value !== 'object' || value === null) return null;
    return jsonContentProblem(value, property);
  });

/** Not one of the types the system writes itself (reserved-events.ts): a write key is public. */
export const IsPublicType = () =>
  fieldRule('isPublicType', (value, { property }) =>
    typeof value === 'string' && reservedProducerOf(value) !== null
      ? `${property} ${value} is reserved: only the system writes it (${Object.keys(RESERVED_TYPES).join(', ')} are reserved)`
      : null,
  );

/** Not in one of the system's eventId namespaces (inactivity:…), which would pre-empt its own events. */
export const IsPublicEventId = () =>
  fieldRule('isPublicEventId', (value, { property }) => {
    const prefix = typeof value === 'string' ? reservedEventIdPrefixOf(value) : null;
    return prefix === null ? null : `${property} must not start with ${prefix}: ids of the form ${RESERVED_EVENT_ID_PREFIXES.map((p) => `${p}…`).join(', ')} are the system's own`;
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
