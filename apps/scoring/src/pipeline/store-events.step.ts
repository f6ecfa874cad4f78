import { type BatchStep, drop, ok } from '@leadscore/kafka';
import { eventKeyOf, type NewEvent, type StoredEvent } from '@leadscore/persistence';
import { type ScoringTransaction } from './scoring-store.port';

/** Step `store-events`: appends the batch's events (one statement); those their lead stored before are dropped as duplicates. */
export function storeEventsStep(tx: ScoringTransaction): BatchStep<NewEvent, StoredEvent> {
  return {
    name: 'store-events',
    run: async (events) => {
      const stored = new Map((await tx.appendEvents(events)).map((event) => [eventKeyOf(event), event]));
      return events.map((event) => {
        const kept = stored.get(eventKeyOf(event));
        return kept === undefined ? drop('eventId already stored for its lead') : ok(kept);
      });
    },
  };
}
