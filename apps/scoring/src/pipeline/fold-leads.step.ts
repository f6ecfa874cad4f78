import { type BatchStep, ok } from '@leadscore/kafka';
import { type StoredEvent } from '@leadscore/persistence';
import { foldLeads, type FoldedLeads } from '@leadscore/projection';
import { type CompiledRuleSet } from '@leadscore/scoring';
import { identityPlan, type IdentityPlan } from '../identity/identity-step';
import { type ScoringTransaction } from './scoring-store.port';

/** What the fold hands to the write and publish steps of the same transaction. */
export interface FoldedBatch {
  generation: number;
  rows: FoldedLeads;
  identity: IdentityPlan;
}

/** Filled by the fold step, read by the steps after it: one per transaction attempt (scoringSteps makes it). */
export class FoldedBatchSlot {
  private folded: FoldedBatch | null = null;

  fill(folded: FoldedBatch): void {
    this.folded = folded;
  }

  get(): FoldedBatch {
    if (this.folded === null) throw new Error('the fold step has not run in this transaction');
    return this.folded;
  }
}

/**
 * Step `fold-leads`: reads the live generation and the active rule version together, locks and
 * loads the leads' states, and folds the stored events onto them (libs/projection, shared with
 * replay). Every event goes on; the rows, changes and identity effects go to `slot`.
 */
export function foldLeadsStep(tx: ScoringTransaction, loadedRuleSet: () => CompiledRuleSet, slot: FoldedBatchSlot): BatchStep<StoredEvent, StoredEvent> {
  return {
    name: 'fold-leads',
    run: async (events) => {
      const { generation, ruleVersion } = await tx.liveGenerationAndVersion();
      const ruleSet = await ruleSetAt(tx, loadedRuleSet(), ruleVersion);
      const states = await tx.loadLeadStates(generation, [...new Set(events.map((event) => event.leadId))]);
      const rows = foldLeads(events, states, ruleSet);
      slot.fill({ generation, rows, identity: identityPlan(rows.identity) });
      return events.map(ok);
    },
  };
}

/** The version active in this transaction: usually the one the worker loaded, else from the cache. */
async function ruleSetAt(tx: ScoringTransaction, loaded: CompiledRuleSet, version: number | null): Promise<CompiledRuleSet> {
  if (version === null || loaded.version === version) return loaded;
  return tx.compiledRuleSet(version);
}
