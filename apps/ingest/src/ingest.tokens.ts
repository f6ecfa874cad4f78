/** Injection tokens for the ports of ingest: what a unit test replaces. */
export const CLOCK = Symbol('Clock');
export const NEW_EVENT_ID = Symbol('NewEventId');
export const EVENT_LOG = Symbol('EventLog');
export const WRITE_KEYS = Symbol('WriteKeys');

/** The time of receipt comes from here, never from `new Date()` inside a decision. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
