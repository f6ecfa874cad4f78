import { type Producer } from './reserved-events';

/**
 * Value of a message on `lead-events` (key = leadId). Written by ingest, the admin feedback
 * endpoint, the inactivity scheduler and the scoring worker's identity step; read by the scoring
 * worker, which checks it (check-lead-event-message.ts) and stores it in the event store.
 */
export interface LeadEventMessage {
  v: 1;
  eventId: string;
  leadId: string;
  type: string;
  /** ISO-8601, when it happened (client's clock, or receipt time). */
  occurredAt: string;
  /** ISO-8601, when ingest accepted it. */
  receivedAt: string;
  source: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  /** Id of the write key (source) it came in with; null for internal producers. */
  sourceKeyId: string | null;
  /**
   * Who wrote it (reserved-events.ts): `public` for ingest, else the internal producer. A copy
   * of an event (identity forwarding) keeps its original's. Absent on messages of older
   * versions: the worker infers it (`inferredProducer`).
   */
  producer: Producer;
}

export const LEAD_ID_PATTERN = /^[A-Za-z0-9._:@+-]{1,128}$/;
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const MAX_EVENT_ID_LENGTH = 128;
export const MAX_SOURCE_LENGTH = 128;
export const MAX_PROPERTIES_BYTES = 16 * 1024;
export const MAX_FUTURE_SKEW_MS = 24 * 3600 * 1000;
