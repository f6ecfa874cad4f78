import { type BatchStep, drop, ok } from '@leadscore/kafka';
import { type NewEvent, type StoredEvent } from '@leadscore/persistence';
import { type ScoringTransaction } from './scoring-store.port';

/** Step `store-events`: appends the batch's events (one statement); those stored before are dropped as duplicates. */
export function storeEventsStep(tx: ScoringTransaction): BatchStep<NewEvent, StoredEvent> {
  return {
    name: 'store-events',
    run: async (events) => {
      const stored = new Map((await tx.appendEvents(events)).map((event) => [event.eventId, event]));
      return events.map((event) => {
        const kept = stored.get(event.eventId);
        return kept === undefined ? drop('eventId already stored') : ok(kept);
      });
    },
  };
}
