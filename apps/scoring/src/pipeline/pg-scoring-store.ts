import { type Pool, type PoolClient } from 'pg';
import {
  appendEvents, insertAuditRows, insertIdentityForwardings, liveGenerationAndVersion, loadLeadStates, takeSwitchLockShared, upsertProjections,
  withTransaction,
} from '@leadscore/persistence';
import { type LeadState } from '@leadscore/scoring';
import { compiledRuleSetFor } from '../rules/active-rule-set';
import { type ScoringStore, type ScoringTransaction } from './scoring-store.port';

/** The scoring store on PostgreSQL: the switch lock shared first, so a replay's switch waits for the batch (or the batch for it). */
export function pgScoringStore(pool: Pool): ScoringStore {
  return {
    inBatchTransaction: (work) => withTransaction(pool, async (client) => {
      await takeSwitchLockShared(client);
      return work(pgScoringTransaction(client));
    }),
  };
}

function pgScoringTransaction(client: PoolClient): ScoringTransaction {
  return {
    appendEvents: (events) => appendEvents(client, events),
    liveGenerationAndVersion: () => liveGenerationAndVersion(client),
    compiledRuleSet: (version) => compiledRuleSetFor(client, version),
    loadLeadStates: (generation, leadIds) => loadLeadStates<LeadState>(client, generation, leadIds),
    upsertProjections: (generation, rows) => upsertProjections(client, generation, rows),
    insertAuditRows: (generation, rows) => insertAuditRows(client, generation, rows),
    insertIdentityForwardings: (rows) => insertIdentityForwardings(client, rows),
  };
}
