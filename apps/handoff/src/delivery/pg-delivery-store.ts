import { type Pool } from 'pg';
import { claimDueDeliveries, disableTeamWebhook, recordAttempt, teamEndpointState } from '@leadscore/persistence';
import { type DeliveryStore } from './delivery-store.port';

/** The delivery store on PostgreSQL (libs/persistence handoffs/): the outbox `webhook_deliveries` and `routing_teams`. */
export function pgDeliveryStore(pool: Pool): DeliveryStore {
  return {
    teamEndpointState: (teamId) => teamEndpointState(pool, teamId),
    disableTeamWebhook: (teamId) => disableTeamWebhook(pool, teamId),
    claimDueDeliveries: (options) => claimDueDeliveries(pool, options),
    recordAttempt: async (claim, attempt) => {
      const client = await pool.connect();
      try {
        return await recordAttempt(client, claim, attempt);
      } finally {
        client.release();
      }
    },
  };
}
