import { EventStore1763900000000 } from './1763900000000-event-store';
import { Handoffs1764100000000 } from './1764100000000-handoffs';
import { ReplayJobs1764200000000 } from './1764200000000-replay-jobs';
import { LeadListIndexes1764300000000 } from './1764300000000-lead-list-indexes';
import { TeamSecretRotation1764400000000 } from './1764400000000-team-secret-rotation';
import { EventProvenance1764510000000 } from './1764510000000-event-provenance';

/** Every migration, oldest first. A new one is added here in one line, with a later timestamp. */
export const MIGRATIONS = [
  EventStore1763900000000,
  Handoffs1764100000000,
  ReplayJobs1764200000000,
  LeadListIndexes1764300000000,
  TeamSecretRotation1764400000000,
  EventProvenance1764510000000,
];
