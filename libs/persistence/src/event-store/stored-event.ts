import { type Producer } from '@leadscore/contracts';

/** An event as it sits in the store, with its position `seq` (a bigint kept as a string). */
export interface StoredEvent {
  seq: string;
  eventId: string;
  leadId: string;
  type: string;
  occurredAt: Date;
  receivedAt: Date;
  source: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  sourceKeyId: string | null;
  /** Who wrote it (public = a write key, else the internal producer); the fold honours reserved types by it. */
  producer: Producer;
}

export type NewEvent = Omit<StoredEvent, 'seq'>;
