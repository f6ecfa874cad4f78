import { type BatchStep, ok } from '@leadscore/kafka';
import { createHandoffs, type CreateHandoffsDeps, type LeadHandoffMessage, type Promotion } from './create-handoffs';

/**
 * Step `create-handoffs`: the promotions' handoffs in one transaction of their own (routed,
 * stored with their outbox rows, published, committed). Each promotion goes on with the handoff
 * it made, or null (already handed off, or parked until its cause commits).
 */
export function createHandoffsStep(deps: CreateHandoffsDeps): BatchStep<Promotion, LeadHandoffMessage | null> {
  return {
    name: 'create-handoffs',
    run: async (promotions) => {
      const created = new Map((await createHandoffs(deps, promotions)).map((handoff) => [promotionKey(handoff), handoff]));
      return promotions.map((promotion) => ok(created.get(promotionKey(promotion)) ?? null));
    },
  };
}

/** A promotion is handed off once per (lead, promotion, cause event): the handoffs' unique key. */
function promotionKey(promotion: { leadId: string; promotion: string; causeEventId: string }): string {
  return `${promotion.leadId}\u0000${promotion.promotion}\u0000${promotion.causeEventId}`;
}
