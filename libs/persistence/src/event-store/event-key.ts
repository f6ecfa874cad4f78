/**
 * What identifies an event: its eventId within its lead (`lead_events_lead_id_event_id_key`). A
 * repeated eventId of one lead is the same event; the same eventId on two leads is two events.
 */
export interface EventKey {
  leadId: string;
  eventId: string;
}

/**
 * One string per key, for a Set or a Map. Unambiguous: a leadId never holds a newline
 * (LEAD_ID_PATTERN, checked by ingest and again by the scoring worker's parse step).
 */
export function eventKeyOf(event: EventKey): string {
  return `${event.leadId}\n${event.eventId}`;
}
