import { parseLeadEventValue } from '@leadscore/contracts';
import { type BatchStep, type ConsumedMessage, dlq, ok } from '@leadscore/kafka';
import { type NewEvent } from '@leadscore/persistence';

export type ParseResult = { kind: 'ok'; event: NewEvent } | { kind: 'dlq'; reason: string };

/**
 * Turns the bytes of a `lead-events` message into an event for the store, or a DLQ reason. The
 * parser is the topic's one (libs/contracts parsers: the store's column bounds, as ingest checks
 * them), so a message that passes is never refused by PostgreSQL; `now` bounds its times.
 */
export function parseMessage(value: Buffer | null, now: Date): ParseResult {
  const parsed = parseLeadEventValue(value, now);
  return parsed.ok ? { kind: 'ok', event: parsed.message } : { kind: 'dlq', reason: parsed.reason };
}

/** Step `parse-message`: each message's event, or a dead letter naming every problem by field. */
export function parseMessageStep(now: Date): BatchStep<ConsumedMessage, NewEvent> {
  return {
    name: 'parse-message',
    run: (messages) => messages.map((message) => {
      const parsed = parseMessage(message.value, now);
      return parsed.kind === 'ok' ? ok(parsed.event) : dlq(parsed.reason);
    }),
  };
}
