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
}

export type NewEvent = Omit<StoredEvent, 'seq'>;
