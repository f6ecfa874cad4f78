import { EventStore1763900000000 } from './1763900000000-event-store';

/** Every migration, oldest first. A new one is added here in one line, with a later timestamp. */
export const MIGRATIONS = [
  EventStore1763900000000,
];
