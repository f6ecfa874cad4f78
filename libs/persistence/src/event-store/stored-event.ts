import { type CheckedLeadEvent } from '@leadscore/contracts';

/**
 * An event as it sits in the store: a checked `lead-events` message with its position `seq` (a
 * bigint kept as a string). `producer` says who wrote it (public = a write key, else the internal
 * producer); the fold honours reserved types by it.
 */
export interface StoredEvent extends CheckedLeadEvent {
  seq: string;
}

/** An event before the store gives it a position: what the worker's check hands over. */
export type NewEvent = CheckedLeadEvent;
