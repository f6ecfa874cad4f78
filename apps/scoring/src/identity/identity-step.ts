import { type LeadEventMessage } from '@leadscore/contracts';
import { type NewIdentityForwarding } from '@leadscore/persistence';
import { type IdentityEffect } from '@leadscore/projection';
import { mergedCopy, mergeMarker } from './identity-messages';

/** What a batch's identity effects call for: messages to send now, merges whose history to copy later. */
export interface IdentityPlan {
  messages: LeadEventMessage[];
  forwardings: NewIdentityForwarding[];
}

/**
 * Pure: a marker to each linked id's stream; a copy of each event a merged lead forwards; and for
 * each merge, a forwarding job (the history before the marker, of any length, is paged by the
 * history forwarder outside the batch, so a batch never reads or sends a whole history).
 */
export function identityPlan(effects: readonly IdentityEffect[]): IdentityPlan {
  const plan: IdentityPlan = { messages: [], forwardings: [] };
  const push = (message: LeadEventMessage | null) => {
    if (message !== null) plan.messages.push(message);
  };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'link':
        push(mergeMarker(effect.event, effect.otherId));
        break;
      case 'merged':
        plan.forwardings.push({ fromLead: effect.event.leadId, intoLead: effect.into, markerSeq: effect.event.seq });
        break;
      case 'forward':
        push(mergedCopy(effect.event, effect.into));
        break;
    }
  }
  return plan;
}
