import { EVENT_TYPE_PATTERN, LEAD_ID_PATTERN, MAX_EVENT_ID_LENGTH, type LeadEventMessage } from '@leadscore/contracts';
import { type NewEvent } from '@leadscore/persistence';

export type ParseResult = { kind: 'ok'; event: NewEvent } | { kind: 'dlq'; reason: string };

/** Turns the bytes of a `lead-events` message into an event for the store, or a DLQ reason. */
export function parseMessage(value: Buffer | null): ParseResult {
  if (value === null || value.length === 0) return dlq('empty message value');
  let body: Partial<LeadEventMessage>;
  try {
    body = JSON.parse(value.toString('utf8'));
  } catch {
    return dlq('value is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return dlq('value is not a JSON object');
  if (typeof body.eventId !== 'string' || body.eventId.length === 0 || body.eventId.length > MAX_EVENT_ID_LENGTH) return dlq('eventId: expected a string of 1-128 characters');
  if (typeof body.leadId !== 'string' || !LEAD_ID_PATTERN.test(body.leadId)) return dlq('leadId: expected 1-128 characters of [A-Za-z0-9._:@+-]');
  if (typeof body.type !== 'string' || !EVENT_TYPE_PATTERN.test(body.type)) return dlq('type: expected ^[a-z][a-z0-9_]{0,63}$');
  const occurredAt = parseTime(body.occurredAt);
  if (occurredAt === null) return dlq('occurredAt: expected an ISO-8601 time');
  const receivedAt = parseTime(body.receivedAt) ?? occurredAt;
  if (body.properties !== undefined && !isObject(body.properties)) return dlq('properties: expected an object');
  if (body.traits !== undefined && body.traits !== null && !isObject(body.traits)) return dlq('traits: expected an object or null');
  return {
    kind: 'ok',
    event: {
      eventId: body.eventId,
      leadId: body.leadId,
      type: body.type,
      occurredAt,
      receivedAt,
      source: typeof body.source === 'string' ? body.source : null,
      properties: body.properties ?? {},
      traits: body.traits ?? null,
      sourceKeyId: typeof body.sourceKeyId === 'string' ? body.sourceKeyId : null,
    },
  };
}

function dlq(reason: string): ParseResult {
  return { kind: 'dlq', reason };
}

function parseTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
