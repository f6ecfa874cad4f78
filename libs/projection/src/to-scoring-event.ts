import { type ScoringEvent } from '@leadscore/scoring';
import { type StoredEvent } from '@leadscore/persistence';

/** What the pure fold sees of a stored event: times as epoch ms, nothing else from the store. */
export function toScoringEvent(event: StoredEvent): ScoringEvent {
  return {
    eventId: event.eventId,
    leadId: event.leadId,
    type: event.type,
    occurredAt: event.occurredAt.getTime(),
    source: event.source,
    properties: event.properties,
    traits: event.traits,
    producer: event.producer,
  };
}
