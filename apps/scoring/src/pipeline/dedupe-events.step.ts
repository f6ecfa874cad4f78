import { eventKeyOf, type NewEvent } from '@leadscore/persistence';

/**
 * Keeps the first occurrence of each (leadId, eventId) in the batch (the store dedupes against the
 * past): the same eventId on two leads is two events.
 */
export function dedupeEvents(events: NewEvent[]): NewEvent[] {
  const seen = new Set<string>();
  const kept: NewEvent[] = [];
  for (const event of events) {
    const key = eventKeyOf(event);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(event);
  }
  return kept;
}
