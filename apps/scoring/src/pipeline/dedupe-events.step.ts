import { type NewEvent } from '@leadscore/persistence';

/** Keeps the first occurrence of each eventId in the batch (the store dedupes against the past). */
export function dedupeEvents(events: NewEvent[]): NewEvent[] {
  const seen = new Set<string>();
  const kept: NewEvent[] = [];
  for (const event of events) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    kept.push(event);
  }
  return kept;
}
