import { type LeadEventMessage, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { type NewEvent } from '@leadscore/persistence';
import { foldLeads } from '@leadscore/projection';
import { type CompiledRuleSet } from '@leadscore/scoring';
import { identityPlan } from '../identity/identity-step';
import { dedupeEvents } from './dedupe-events.step';
import { type ScoringStore, type ScoringTransaction } from './scoring-store.port';

export interface BatchOutcome {
  stored: number;
  duplicates: number;
  changes: number;
  /** Identity markers and merged copies sent to `lead-events`. */
  forwarded: number;
}

export interface ScoreBatchDeps {
  store: ScoringStore;
  /** The set the worker last loaded: used as is when it is the version active in the transaction. */
  ruleSet: () => CompiledRuleSet;
  /** Publishes score changes; runs inside the transaction, before COMMIT (see README: at-least-once). */
  publish: (changes: LeadScoreChangedMessage[]) => Promise<void>;
  /** Sends identity markers and merged copies to `lead-events`; also inside the transaction. */
  forward: (events: LeadEventMessage[]) => Promise<void>;
}

/**
 * One transaction per batch (the store takes the switch lock shared): append the new events
 * (duplicates skipped by leadId and eventId), read the live generation and the active rule version together,
 * lock and load the leads' states, fold, upsert projections and audit rows, publish the changes
 * and the identity messages, record merges for the history forwarder (apps/scoring/src/identity), commit.
 * Publishing before COMMIT means a crash can only repeat a publication (the handoff service
 * dedupes), never lose one; the caller commits Kafka offsets only after this resolves.
 */
export async function scoreBatch(deps: ScoreBatchDeps, events: NewEvent[]): Promise<BatchOutcome> {
  const unique = dedupeEvents(events);
  return deps.store.inBatchTransaction(async (tx) => {
    const stored = await tx.appendEvents(unique);
    const outcome: BatchOutcome = { stored: stored.length, duplicates: events.length - stored.length, changes: 0, forwarded: 0 };
    if (stored.length === 0) return outcome;
    const { generation, ruleVersion } = await tx.liveGenerationAndVersion();
    const ruleSet = await ruleSetAt(deps, tx, ruleVersion);
    const states = await tx.loadLeadStates(generation, [...new Set(stored.map((event) => event.leadId))]);
    const folded = foldLeads(stored, states, ruleSet);
    await tx.upsertProjections(generation, folded.projections);
    await tx.insertAuditRows(generation, folded.audit);
    await deps.publish(folded.changes);
    outcome.changes = folded.changes.length;
    if (folded.identity.length > 0) {
      const identity = identityPlan(folded.identity);
      await deps.forward(identity.messages);
      await tx.insertIdentityForwardings(identity.forwardings);
      outcome.forwarded = identity.messages.length;
    }
    return outcome;
  });
}

/** The version active in this transaction: usually the one the worker loaded, else from the cache. */
async function ruleSetAt(deps: ScoreBatchDeps, tx: ScoringTransaction, version: number | null): Promise<CompiledRuleSet> {
  const loaded = deps.ruleSet();
  if (version === null || loaded.version === version) return loaded;
  return tx.compiledRuleSet(version);
}
