import { handOff, type CreateHandoffsDeps, type LeadHandoffMessage } from './create-handoffs';

/**
 * One round over the parked promotions, in one transaction: those whose cause event has committed
 * (and that no earlier parked promotion of their lead holds back) are handed off exactly as the
 * consumer would, published, and unparked. Returns how many were taken and the handoffs made.
 */
export async function resolveParkedPromotions(
  deps: CreateHandoffsDeps, limit: number,
): Promise<{ resolved: number; created: LeadHandoffMessage[] }> {
  return deps.store.inTransaction(async (tx) => {
    const parked = await tx.lockResolvablePromotions(limit);
    const created = await handOff(tx, deps, parked.map((row) => row.message));
    await tx.deleteParkedPromotions(parked.map((row) => row.id));
    await deps.publish(created);
    return { resolved: parked.length, created };
  });
}

/** Parked promotions whose cause never committed within `afterMs` stop holding back their lead. */
export function abandonParkedPromotions(deps: Pick<CreateHandoffsDeps, 'store'>, afterMs: number): Promise<number> {
  return deps.store.abandonStalePromotions(afterMs);
}
