import { type LeadEventMessage, type LeadScoreChangedMessage } from '@leadscore/contracts';
import { type BatchStep, ok } from '@leadscore/kafka';
import { type StoredEvent } from '@leadscore/persistence';
import { type FoldedBatchSlot } from './fold-leads.step';

/** Where the batch's messages go; each resolves once Kafka acknowledged. */
export interface ScoringPublisher {
  /** Score and stage changes to `lead-scores`. */
  publish(changes: LeadScoreChangedMessage[]): Promise<void>;
  /** Identity markers and merged copies to `lead-events`, keyed by the lead they go to. */
  forward(messages: LeadEventMessage[]): Promise<void>;
  /** Told what was sent (metrics). */
  sent(counts: { changes: number; forwarded: number }): void;
}

/**
 * Step `publish-changes`, the transaction's last: sends the fold's score changes and identity
 * messages before COMMIT, so a crash can only repeat a publication (the handoff worker and the
 * store dedupe), never lose one.
 */
export function publishChangesStep(publisher: ScoringPublisher, slot: FoldedBatchSlot): BatchStep<StoredEvent, StoredEvent> {
  return {
    name: 'publish-changes',
    run: async (events) => {
      const { rows, identity } = slot.get();
      await publisher.publish(rows.changes);
      if (identity.messages.length > 0) await publisher.forward(identity.messages);
      publisher.sent({ changes: rows.changes.length, forwarded: identity.messages.length });
      return events.map(ok);
    },
  };
}
