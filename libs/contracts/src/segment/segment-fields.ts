import { type FieldError } from '../field-error';
import { parseOccurredAt } from '../native-event/occurred-at';

/** Readers of a Segment call's fields: each returns the value or records a FieldError. */
export type Json = Record<string, unknown>;

export function occurredAtOf(timestamp: unknown, sentAt: unknown, receivedAt: Date, at: (field: string) => string, errors: FieldError[]): string | undefined {
  if (timestamp === undefined || timestamp === null) return undefined;
  const happened = typeof timestamp === 'string' ? parseOccurredAt(timestamp) : null;
  if (happened === null) {
    errors.push({ path: at('timestamp'), message: 'timestamp must be an ISO-8601 date-time, such as 2026-03-01T09:30:00Z' });
    return undefined;
  }
  const sent = typeof sentAt === 'string' ? parseOccurredAt(sentAt) : null;
  if (sent === null) return happened.toISOString();
  return new Date(receivedAt.getTime() - (sent.getTime() - happened.getTime())).toISOString();
}

export function eventIdOf(messageId: unknown, at: (field: string) => string, errors: FieldError[]): string | undefined {
  if (messageId === undefined || messageId === null || messageId === '') return undefined;
  if (typeof messageId !== 'string') {
    errors.push({ path: at('messageId'), message: 'messageId must be a string' });
    return undefined;
  }
  return messageId;
}

export function objectField(message: Json, field: 'properties' | 'traits', at: (field: string) => string, errors: FieldError[]): Json | undefined {
  const value = message[field];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    errors.push({ path: at(field), message: `${field} must be a JSON object` });
    return undefined;
  }
  return value;
}

/** Segment ids are strings; numbers are accepted as their decimal text, as Segment does. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function contextOf(message: Json): Json {
  return isObject(message.context) ? message.context : {};
}

export function contextTraits(message: Json): Json | undefined {
  const traits = contextOf(message).traits;
  return isObject(traits) ? traits : undefined;
}

export function contextPageUrl(message: Json): unknown {
  const page = contextOf(message).page;
  return isObject(page) ? page.url : undefined;
}

export function campaignSource(message: Json): unknown {
  const campaign = contextOf(message).campaign;
  return isObject(campaign) ? campaign.source : undefined;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
