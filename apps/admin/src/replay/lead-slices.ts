import { type StoredEvent } from '@leadscore/persistence';

/**
 * Splits a page (in seq order) into slices of whole leads of about `eventsPerSlice` events each:
 * every lead's events of the page stay together and in seq order, so folding the slices one by
 * one gives what folding the page at once gives, in the same number of `foldBatch` calls. The
 * replay yields to the event loop between slices, which keeps its COPY streams flowing.
 */
export function sliceByLead(events: readonly StoredEvent[], eventsPerSlice: number): StoredEvent[][] {
  const byLead = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = byLead.get(event.leadId);
    if (list) list.push(event);
    else byLead.set(event.leadId, [event]);
  }
  const slices: StoredEvent[][] = [];
  let slice: StoredEvent[] = [];
  for (const leadEvents of byLead.values()) {
    for (const event of leadEvents) slice.push(event);
    if (slice.length >= eventsPerSlice) {
      slices.push(slice);
      slice = [];
    }
  }
  if (slice.length > 0) slices.push(slice);
  return slices;
}
