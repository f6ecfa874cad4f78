import { type LeadEventMessage } from '../lead-event.message';
import { type NativeEventDto } from './native-event.dto';
import { parseOccurredAt } from './occurred-at';

/** What ingest knows about a request, passed in so that the mapping stays pure. */
export interface LeadEventContext {
  receivedAt: Date;
  /** Makes the eventId of an event sent without one (the dedupe key downstream). */
  newEventId: () => string;
  /** The write key (source) the request came in with. */
  sourceKeyId: string | null;
}

/** A validated native event → the value written to `lead-events`, with every optional field settled. */
export function toLeadEventMessage(event: NativeEventDto, context: LeadEventContext): LeadEventMessage {
  const occurredAt = event.occurredAt ? parseOccurredAt(event.occurredAt) : null;
  return {
    v: 1,
    eventId: event.eventId ?? context.newEventId(),
    leadId: event.leadId,
    type: event.type,
    occurredAt: (occurredAt ?? context.receivedAt).toISOString(),
    receivedAt: context.receivedAt.toISOString(),
    source: event.source || null,
    properties: event.properties ?? {},
    traits: event.traits ?? null,
    sourceKeyId: context.sourceKeyId,
    // Everything ingest takes came in with a write key, which is public.
    producer: 'public',
  };
}
