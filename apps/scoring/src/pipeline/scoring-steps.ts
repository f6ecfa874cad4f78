import { BatchPipeline, type ConsumedMessage } from '@leadscore/kafka';
import { type NewEvent, type StoredEvent } from '@leadscore/persistence';
import { type CompiledRuleSet } from '@leadscore/scoring';
import { dedupeEventsStep } from './dedupe-events.step';
import { foldLeadsStep, FoldedBatchSlot } from './fold-leads.step';
import { parseMessageStep } from './parse-message.step';
import { publishChangesStep, type ScoringPublisher } from './publish-changes.step';
import { type ScoringStore, type ScoringTransaction } from './scoring-store.port';
import { storeEventsStep } from './store-events.step';
import { writeRowsStep } from './write-rows.step';

export interface ScoringStepsDeps {
  store: ScoringStore;
  /** The set the worker last loaded: used as is when it is the version active in the transaction. */
  ruleSet: () => CompiledRuleSet;
  publisher: ScoringPublisher;
}

/**
 * The scoring worker's steps for a batch of `lead-events`, top to bottom: parse (unparseable →
 * DLQ), dedupe inside the batch, then one transaction holding the projection switch lock shared:
 * store (duplicates by leadId and eventId dropped), fold, write, publish. The transport commits the offsets
 * after it; when PostgreSQL refuses the transaction for its data, the transport splits it until
 * the refused messages stand alone and dead-letters them as `store-events`.
 */
export function scoringSteps(deps: ScoringStepsDeps, now: Date): BatchPipeline<ConsumedMessage, StoredEvent> {
  return BatchPipeline.of<ConsumedMessage>()
    .pipe(parseMessageStep(now))
    .pipe(dedupeEventsStep)
    .inTransaction('store-events', (work) => deps.store.inBatchTransaction(work), (tx: ScoringTransaction) => {
      const folded = new FoldedBatchSlot();
      return BatchPipeline.of<NewEvent>()
        .pipe(storeEventsStep(tx))
        .pipe(foldLeadsStep(tx, deps.ruleSet, folded))
        .pipe(writeRowsStep(tx, folded))
        .pipe(publishChangesStep(deps.publisher, folded));
    });
}
