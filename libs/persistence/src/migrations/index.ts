import { EventStore1763900000000 } from './1763900000000-event-store';
import { Handoffs1764100000000 } from './1764100000000-handoffs';
import { ReplayJobs1764200000000 } from './1764200000000-replay-jobs';
import { LeadListIndexes1764300000000 } from './1764300000000-lead-list-indexes';
import { TeamSecretRotation1764400000000 } from './1764400000000-team-secret-rotation';
import { WriteKeyAllowedOrigins1764500000000 } from './1764500000000-write-key-allowed-origins';
import { IdentityForwardings1764510000000 } from './1764510000000-identity-forwardings';
import { EventProvenance1764520000000 } from './1764520000000-event-provenance';
import { HandoffRobustness1764600000000 } from './1764600000000-handoff-robustness';
import { Insights1764700000000 } from './1764700000000-insights';
import { Erasures1764710000000 } from './1764710000000-erasures';
import { ApiTokensAndOpsAudit1764720000000 } from './1764720000000-api-tokens-and-ops-audit';
import { LeadFirstKeys1764900000000 } from './1764900000000-lead-first-keys';
import { Models1765000000000 } from './1765000000000-models';
import { LeadWinProbabilities1765100000000 } from './1765100000000-lead-win-probabilities';
import { ProjectionStateJson1765200000000 } from './1765200000000-projection-state-json';

/** Every migration, oldest first. A new one is added here in one line, with a later timestamp. */
export const MIGRATIONS = [
  EventStore1763900000000,
  Handoffs1764100000000,
  ReplayJobs1764200000000,
  LeadListIndexes1764300000000,
  TeamSecretRotation1764400000000,
  WriteKeyAllowedOrigins1764500000000,
  IdentityForwardings1764510000000,
  EventProvenance1764520000000,
  HandoffRobustness1764600000000,
  Insights1764700000000,
  Erasures1764710000000,
  ApiTokensAndOpsAudit1764720000000,
  LeadFirstKeys1764900000000,
  Models1765000000000,
  LeadWinProbabilities1765100000000,
  ProjectionStateJson1765200000000,
];
