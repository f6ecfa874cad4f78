import { type Pool, type PoolClient } from 'pg';
import {
  abandonStalePromotions, currentOwner, deleteParkedPromotions, handoffExists, insertDelivery, insertHandoff, leadSnapshot,
  leadsWithParkedPromotions, lockResolvablePromotions, nextRoundRobinTurn, openHandoffCounts, parkPromotions, storedEvents, withTransaction,
} from '@leadscore/persistence';
import { type LeadState } from '@leadscore/scoring';
import { type Promotion } from './create-handoffs';
import { type HandoffStore, type HandoffTransaction } from './handoff-store.port';
import { winProbabilityAtCause } from './win-probability-at-cause';

/** The handoff store on PostgreSQL (libs/persistence handoffs/): one `pg` transaction per batch or round. */
export function pgHandoffStore(pool: Pool): HandoffStore {
  return {
    storedEvents: (events) => storedEvents(pool, events),
    inTransaction: (work) => withTransaction(pool, (client) => work(pgHandoffTransaction(client))),
    abandonStalePromotions: (afterMs) => abandonStalePromotions(pool, afterMs),
  };
}

function pgHandoffTransaction(client: PoolClient): HandoffTransaction {
  return {
    leadsWithParkedPromotions: (leadIds) => leadsWithParkedPromotions(client, leadIds),
    parkPromotions: (promotions) => parkPromotions(client, promotions.map((change) => ({
      leadId: change.leadId, promotion: change.promotion, causeEventId: change.causeEventId, message: change,
    }))),
    lockResolvablePromotions: (limit) => lockResolvablePromotions<Promotion>(client, limit),
    deleteParkedPromotions: (ids) => deleteParkedPromotions(client, ids),
    handoffExists: (key) => handoffExists(client, key),
    leadSnapshot: (leadId) => leadSnapshot<LeadState>(client, leadId),
    winProbability: (leadId, causeEventId) => winProbabilityAtCause(client, leadId, causeEventId),
    currentOwner: (leadId) => currentOwner(client, leadId),
    nextRoundRobinTurn: (teamId) => nextRoundRobinTurn(client, teamId),
    openHandoffCounts: (teamId) => openHandoffCounts(client, teamId),
    insertHandoff: (handoff) => insertHandoff(client, handoff),
    insertDelivery: (delivery) => insertDelivery(client, delivery),
  };
}
