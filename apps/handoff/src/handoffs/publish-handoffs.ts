import { topicName } from '@leadscore/contracts';
import { type ReliableProducer } from '@leadscore/kafka';
import { type LeadHandoffMessage } from './create-handoffs';

/**
 * Publishes handoffs to `lead-handoffs`: key = leadId (one lead's handoffs stay in order on one
 * partition), header `message-id` = the handoff id derived from (lead, promotion, cause), so a
 * consumer recognises a repeat.
 */
export async function publishHandoffs(producer: ReliableProducer, namespace: string, handoffs: LeadHandoffMessage[]): Promise<void> {
  if (handoffs.length === 0) return;
  await producer.send(
    topicName(namespace, 'leadHandoffs'),
    handoffs.map((handoff) => ({ key: handoff.leadId, value: JSON.stringify(handoff), headers: { 'message-id': handoff.handoffId } })),
  );
}
