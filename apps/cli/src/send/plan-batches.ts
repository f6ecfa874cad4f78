import { type LineEvent } from './json-lines';

/** The native API's limits (docs/events.md "Native API"): 500 events and 1 MiB per request. */
export const MAX_BATCH_EVENTS = 500;
/** Under 1 MiB with room for the envelope, so a full batch is never a 413. */
export const MAX_BATCH_BYTES = 1024 * 1024 - 16 * 1024;

/**
 * Cuts the file's events, in order, into requests of at most `maxEvents` events and `maxBytes`
 * serialized bytes. An event alone over the byte limit goes alone: the server says why it refuses it.
 */
export function planBatches(events: readonly LineEvent[], options: { maxEvents?: number; maxBytes?: number } = {}): LineEvent[][] {
  const maxEvents = options.maxEvents ?? MAX_BATCH_EVENTS;
  const maxBytes = options.maxBytes ?? MAX_BATCH_BYTES;
  const batches: LineEvent[][] = [];
  let current: LineEvent[] = [];
  let bytes = 0;
  for (const item of events) {
    const size = Buffer.byteLength(JSON.stringify(item.event)) + 1;
    if (current.length > 0 && (current.length >= maxEvents || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
