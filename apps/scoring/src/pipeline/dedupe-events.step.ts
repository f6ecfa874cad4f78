import { type BatchStep, drop, ok } from '@leadscore/kafka';
import { type NewEvent } from '@leadscore/persistence';

/** Step `dedupe-events`: the first occurrence of each eventId in the batch goes on (the store dedupes against the past). */
export const dedupeEventsStep: BatchStep<NewEvent, NewEvent> = {
  name: 'dedupe-events',
  run: (events) => {
    const seen = new Set<string>();
    return events.map((event) => {
      if (seen.has(event.eventId)) return drop('eventId repeated in the batch');
      seen.add(event.eventId);
      return ok(event);
    });
  },
};
