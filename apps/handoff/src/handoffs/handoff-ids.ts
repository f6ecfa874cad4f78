import { createHash } from 'node:crypto';

export interface PromotionKey {
  leadId: string;
  promotion: 'mql' | 'sql';
  causeEventId: string;
}

/**
 * The handoff id (a UUID) and webhook delivery id (`msg_…`) of one promotion, derived from
 * (lead, promotion, cause): a repeat of the same promotion — a republished `lead-handoffs`
 * message after a crash, a redelivered `lead-scores` message — carries the same ids.
 */
export function handoffIds(key: PromotionKey): { handoffId: string; deliveryId: string } {
  const digest = (purpose: string) => createHash('sha256')
    .update(JSON.stringify([purpose, key.leadId, key.promotion, key.causeEventId])).digest('hex');
  const hex = digest('handoff');
  // RFC 9562 version 8 (custom) UUID: the version nibble and the variant bits set, the rest hashed.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const handoffId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return { handoffId, deliveryId: `msg_${digest('delivery').slice(0, 32)}` };
}
