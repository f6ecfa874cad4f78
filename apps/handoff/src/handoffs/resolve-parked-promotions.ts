import { abandonStalePromotions, deleteParkedPromotions, lockResolvablePromotions } from '@leadscore/persistence';
import { handOff, type CreateHandoffsDeps, type LeadHandoffMessage, type Promotion } from './create-handoffs';

/**
 * One round over the parked promotions, in one transaction: those whose cause event has committed
 * (and that no earlier parked promotion of their lead holds back) are handed off exactly as the
 * consumer would, published, and unparked. Returns how many were taken and the handoffs made.
 */
export async function resolveParkedPromotions(
  deps: CreateHandoffsDeps, limit: number,
): Promise<{ resolved: number; created: LeadHandoffMessage[] }> {
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    const parked = await lockResolvablePromotions<Promotion>(client, limit);
    const created = await handOff(client, deps, parked.map((row) => row.message));
    await deleteParkedPromotions(client, parked.map((row) => row.id));
    await deps.publish(created);
    await client.query('COMMIT');
    return { resolved: parked.length, created };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Parked promotions whose cause never committed within `afterMs` stop holding back their lead. */
export function abandonParkedPromotions(deps: Pick<CreateHandoffsDeps, 'pool'>, afterMs: number): Promise<number> {
  return abandonStalePromotions(deps.pool, afterMs);
}
