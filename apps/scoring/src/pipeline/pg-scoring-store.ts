import { type Pool, type PoolClient } from 'pg';
import {
  appendEvents, auditRowsCopy, checkLeadStates, insertAuditRows, insertIdentityForwardings, LIVE_SCORING_OPENING, type LiveGenerationAndVersion,
  liveGenerationAndVersionOf, upsertProjections, withTransactionOpening,
} from '@leadscore/persistence';
import { type LeadState } from '@leadscore/scoring';
import { compiledRuleSetFor } from '../rules/active-rule-set';
import { type CachedLeadState, type LeadStateCache } from './lead-state-cache';
import { type ScoringStore, type ScoringTransaction } from './scoring-store.port';

/**
 * The scoring store on PostgreSQL: the switch lock shared first, so a replay's switch waits for
 * the batch (or the batch for it), and the live generation read under it — both in the BEGIN's
 * round trip (LIVE_SCORING_OPENING). The states a batch writes go into `cache` once it commits.
 */
export function pgScoringStore(pool: Pool, cache: LeadStateCache): ScoringStore {
  return {
    inBatchTransaction: async (work) => {
      const written: Array<[string, CachedLeadState]> = [];
      const result = await withTransactionOpening(pool, LIVE_SCORING_OPENING, async (client, [, live]) =>
        work(pgScoringTransaction(client, cache, written, liveGenerationAndVersionOf(live))));
      for (const [leadId, entry] of written) cache.remember(leadId, entry);
      return result;
    },
  };
}

/** From this many audit rows a batch writes them by COPY; below, by one INSERT (see insertAuditRows below). */
export const AUDIT_COPY_FROM_ROWS = 100;

function pgScoringTransaction(
  client: PoolClient, cache: LeadStateCache, written: Array<[string, CachedLeadState]>, live: LiveGenerationAndVersion,
): ScoringTransaction {
  return {
    appendEvents: (events) => appendEvents(client, events),
    liveGenerationAndVersion: async () => live,
    compiledRuleSet: (version) => compiledRuleSetFor(client, version),
    loadLeadStates: (generation, leadIds) => loadLeadStates(client, cache, generation, leadIds),
    upsertProjections: async (generation, rows) => {
      await upsertProjections(client, generation, rows);
      for (const row of rows) written.push([row.leadId, { generation, lastSeq: row.lastSeq, state: row.state as LeadState }]);
    },
    // A small batch's rows in one INSERT (one round trip), a larger one's by COPY (two round trips,
    // but far less PostgreSQL CPU per row) without an ON CONFLICT probe: the rows are those of events
    // this transaction just stored, whose seqs are new (no generation can hold them yet: a replay
    // switches under the lock held here).
    insertAuditRows: async (generation, rows) => {
      if (rows.length < AUDIT_COPY_FROM_ROWS) await insertAuditRows(client, generation, rows);
      else await auditRowsCopy.copy(client, generation, rows);
    },
    insertIdentityForwardings: (rows) => insertIdentityForwardings(client, rows),
  };
}

/** The leads' states, locked: from the cache when the store's last_seq is the cached one, else the store's own. */
async function loadLeadStates(client: PoolClient, cache: LeadStateCache, generation: number, leadIds: string[]): Promise<Map<string, LeadState>> {
  const cached = new Map<string, LeadState>();
  const known = leadIds.map((leadId) => {
    const entry = cache.get(leadId);
    if (entry === undefined || entry.generation !== generation) return { leadId, knownSeq: null };
    cached.set(leadId, entry.state);
    return { leadId, knownSeq: entry.lastSeq };
  });
  const states = new Map<string, LeadState>();
  for (const [leadId, stored] of await checkLeadStates<LeadState>(client, generation, known)) {
    states.set(leadId, stored.state ?? cached.get(leadId)!);
  }
  return states;
}
