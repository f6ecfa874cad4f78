import { type Pool, type PoolClient } from 'pg';
import {
  appendEvents, auditRowsCopy, insertIdentityForwardings, liveGenerationAndVersion, loadLeadStates, takeSwitchLockShared, upsertProjections,
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
    // By COPY, without an ON CONFLICT probe: the rows are those of events this transaction just
    // stored, whose seqs are new (no generation can hold them yet: a replay switches under the lock held here).
    insertAuditRows: async (generation, rows) => {
      await auditRowsCopy.copy(client, generation, rows);
    },
    insertIdentityForwardings: (rows) => insertIdentityForwardings(client, rows),
  };
}
