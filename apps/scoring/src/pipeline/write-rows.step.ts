import { type BatchStep, ok } from '@leadscore/kafka';
import { type StoredEvent } from '@leadscore/persistence';
import { type FoldedBatchSlot } from './fold-leads.step';
import { type ScoringTransaction } from './scoring-store.port';

/**
 * Step `write-rows`: the fold's projections and audit rows (one statement per table), and the
 * merges for the history forwarder (apps/scoring/src/identity) to page on after the commit.
 */
export function writeRowsStep(tx: ScoringTransaction, slot: FoldedBatchSlot): BatchStep<StoredEvent, StoredEvent> {
  return {
    name: 'write-rows',
    run: async (events) => {
      const { generation, rows, identity } = slot.get();
      await tx.upsertProjections(generation, rows.projections);
      await tx.insertAuditRows(generation, rows.audit);
      if (identity.forwardings.length > 0) await tx.insertIdentityForwardings(identity.forwardings);
      return events.map(ok);
    },
  };
}
