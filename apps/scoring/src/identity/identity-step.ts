import { type PoolClient } from 'pg';
import { type LeadEventMessage } from '@leadscore/contracts';
import { NEVER_FORWARDED, readLeadHistoryBefore, type IdentityEffect } from '@leadscore/persistence';
import { mergedCopy, mergeMarker } from './identity-messages';

/**
 * The `lead-events` messages a batch's identity effects call for, in the order to send them:
 * a marker to each linked id's stream; on a merge, a copy of the merged lead's history up to the
 * marker (read in this transaction, so the batch's own earlier events are in it); a copy of each
 * event a merged lead forwards. A merge reads the store once; the other effects read nothing.
 */
export async function identityMessages(client: PoolClient, effects: readonly IdentityEffect[]): Promise<LeadEventMessage[]> {
  const messages: LeadEventMessage[] = [];
  const push = (message: LeadEventMessage | null) => {
    if (message !== null) messages.push(message);
  };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'link':
        push(mergeMarker(effect.event, effect.otherId));
        break;
      case 'merged':
        for (const past of await readLeadHistoryBefore(client, effect.event.leadId, effect.event.seq, [...NEVER_FORWARDED])) {
          push(mergedCopy(past, effect.into));
        }
        break;
      case 'forward':
        push(mergedCopy(effect.event, effect.into));
        break;
    }
  }
  return messages;
}
