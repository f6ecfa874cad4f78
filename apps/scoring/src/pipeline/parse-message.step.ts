import { checkLeadEventMessage } from '@leadscore/contracts';
import { type NewEvent } from '@leadscore/persistence';

export type ParseResult = { kind: 'ok'; event: NewEvent } | { kind: 'dlq'; reason: string };

/**
 * Turns the bytes of a `lead-events` message into an event for the store, or a DLQ reason. The
 * check is the one ingest applies (libs/contracts checkLeadEventMessage: the store's column
 * bounds), so a message that passes is never refused by PostgreSQL; `now` bounds its times.
 */
export function parseMessage(value: Buffer | null, now: Date): ParseResult {
  if (value === null || value.length === 0) return dlq('empty message value');
  let body: unknown;
  try {
    body = JSON.parse(value.toString('utf8'));
  } catch {
    return dlq('value is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return dlq('value is not a JSON object');
  const checked = checkLeadEventMessage(body, now);
  if (!checked.ok) return dlq(checked.errors.map((error) => `${error.path}: ${error.message}`).join('; '));
  return { kind: 'ok', event: checked.event };
}

function dlq(reason: string): ParseResult {
  return { kind: 'dlq', reason };
}
