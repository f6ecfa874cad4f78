import { type BatchStep, drop, ok } from '@leadscore/kafka';
import { eventKeyOf, type NewEvent } from '@leadscore/persistence';

/**
 * Step `dedupe-events`: the first occurrence of each (leadId, eventId) in the batch goes on (the
 * store dedupes against the past); the same eventId on two leads is two events.
 */
export const dedupeEventsStep: BatchStep<NewEvent, NewEvent> = {
  name: 'dedupe-events',
  run: (events) => {
    const seen = new Set<string>();
    return events.map((event) => {
      const key = eventKeyOf(event);
      if (seen.has(key)) return drop('eventId repeated for its lead in the batch');
      seen.add(key);
      return ok(event);
    });
  },
};
