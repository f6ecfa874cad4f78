import { type LeadEventMessage } from '@leadscore/contracts';

/**
 * The largest event (its LeadEventMessage as JSON) the log takes: Kafka refuses a record batch
 * over about 1 MiB (message.max.bytes = 1048588 by default), and a body of up to 1 MiB grows a
 * little once mapped. Larger events are a 413, never a 503 that a retry cannot cure.
 */
export const MAX_EVENT_BYTES = 1_000_000;

/**
 * The durable log events go to (Kafka's `lead-events`). `append` resolves only once every
 * message is acknowledged and rejects within a bounded time otherwise: nothing answers 2xx
 * before it resolved.
 */
export interface EventLog {
  append(events: LeadEventMessage[]): Promise<void>;
  /** Whether a request of about this many bytes could be queued now (false: 503 before reading it). */
  hasRoomFor(bytes: number): boolean;
}
