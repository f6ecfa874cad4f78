import { type FieldError } from './field-error';
import {
  eventIdProblem, eventTimeProblem, leadIdProblem, propertiesProblem, sourceKeyIdProblem, sourceProblem, traitsProblem, typeProblem,
} from './lead-event-bounds';
import { parseOccurredAt } from './native-event/occurred-at';
import { inferredProducer, isProducer, PRODUCERS, type Producer } from './reserved-events';

/** A `lead-events` message that the event store will take, its times read. */
export interface CheckedLeadEvent {
  eventId: string;
  leadId: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date;
  source: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  sourceKeyId: string | null;
  producer: Producer;
}

export type LeadEventCheck = { ok: true; event: CheckedLeadEvent } | { ok: false; errors: FieldError[] };

/**
 * The scoring worker's check of a decoded `lead-events` value against the store's bounds
 * (lead-event-bounds.ts, the ones ingest applies): every problem, by field. `now` is the time of
 * processing: no time may be more than 24 h past it (an event older than its receipt is fine).
 * A missing receivedAt is the occurredAt, missing properties are {}; a missing producer (a
 * message of an older version) is inferred, never trusted upwards.
 */
export function checkLeadEventMessage(value: unknown, now: Date): LeadEventCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, errors: [{ path: 'value', message: 'value must be a JSON object' }] };
  const body = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  const check = (path: string, problem: string | null) => {
    if (problem !== null) errors.push({ path, message: problem });
  };
  check('eventId', eventIdProblem(body.eventId));
  check('leadId', leadIdProblem(body.leadId));
  check('type', typeProblem(body.type));
  const occurredAt = readTime(body.occurredAt, 'occurredAt', now, errors);
  const receivedAt = body.receivedAt === undefined || body.receivedAt === null ? occurredAt : readTime(body.receivedAt, 'receivedAt', now, errors);
  const source = body.source ?? null;
  check('source', sourceProblem(source));
  const sourceKeyId = body.sourceKeyId ?? null;
  check('sourceKeyId', sourceKeyIdProblem(sourceKeyId));
  const properties = body.properties ?? {};
  check('properties', propertiesProblem(properties));
  const traits = body.traits ?? null;
  if (traits !== null) check('traits', traitsProblem(traits));
  if (body.producer !== undefined && !isProducer(body.producer)) check('producer', `producer must be one of ${PRODUCERS.join(', ')}`);
  if (errors.length > 0 || occurredAt === null || receivedAt === null) return { ok: false, errors };
  const type = body.type as string;
  const keyId = sourceKeyId as string | null;
  return {
    ok: true,
    event: {
      eventId: body.eventId as string,
      leadId: body.leadId as string,
      type,
      occurredAt,
      receivedAt,
      source: source as string | null,
      properties: properties as Record<string, unknown>,
      traits: traits as Record<string, unknown> | null,
      sourceKeyId: keyId,
      producer: isProducer(body.producer) ? body.producer : inferredProducer({ type, sourceKeyId: keyId }),
    },
  };
}

function readTime(value: unknown, field: string, now: Date, errors: FieldError[]): Date | null {
  const time = typeof value === 'string' ? parseOccurredAt(value) : null;
  const problem = time === null ? `${field} must be an ISO-8601 date-time, such as 2026-03-01T09:30:00Z` : eventTimeProblem(time, field, now);
  if (problem === null) return time;
  errors.push({ path: field, message: problem });
  return null;
}
