import { type EventKey, type LeadSnapshot, type NewDelivery, type NewHandoff, type ParkedPromotion } from '@leadscore/persistence';
import { type LeadState } from '@leadscore/scoring';
import { type Promotion } from './create-handoffs';
import { type PromotionKey } from './handoff-ids';

/**
 * What one handoff transaction reads and writes: the store side of `createHandoffs` and
 * `resolveParkedPromotions`, replaced by an in-memory one in unit tests.
 */
export interface HandoffTransaction {
  /** Which of these leads have a promotion parked: their later promotions wait behind it. */
  leadsWithParkedPromotions(leadIds: string[]): Promise<Set<string>>;
  /** Parks promotions until their cause commits; the same (lead, promotion, cause) parks once. */
  parkPromotions(promotions: Promotion[]): Promise<void>;
  /** Locks up to `limit` parked promotions that can go now: cause committed, no earlier one of their lead parked. */
  lockResolvablePromotions(limit: number): Promise<Array<ParkedPromotion<Promotion>>>;
  deleteParkedPromotions(ids: string[]): Promise<void>;
  handoffExists(key: PromotionKey): Promise<boolean>;
  /** The live projection's traits and fold state, and the source of the lead's first event that named one. */
  leadSnapshot(leadId: string): Promise<LeadSnapshot<LeadState>>;
  /** The active learned model's win probability of the lead at the cause event (routing's `winProbability`); null without a model. */
  winProbability(leadId: string, causeEventId: string): Promise<number | null>;
  /** The team and member of the lead's latest assigned handoff (an SQL handoff keeps the MQL owner). */
  currentOwner(leadId: string): Promise<{ teamId: string; member: string } | null>;
  /** Increments and returns the team's round-robin turn (1, 2, 3, …). */
  nextRoundRobinTurn(teamId: string): Promise<number>;
  /** Open handoffs per member of a team: leads still in sales' hands (mql … opportunity). */
  openHandoffCounts(teamId: string): Promise<Map<string, number>>;
  insertHandoff(handoff: NewHandoff): Promise<void>;
  insertDelivery(delivery: NewDelivery): Promise<void>;
}

export interface HandoffStore {
  /** Which of these events are committed in the event store, as `eventKeyOf` keys (read outside the transaction, while waiting for them). */
  storedEvents(events: readonly EventKey[]): Promise<Set<string>>;
  /** Runs `work` in one transaction: all of it commits, or none. */
  inTransaction<T>(work: (tx: HandoffTransaction) => Promise<T>): Promise<T>;
  /** Marks abandoned the promotions parked longer than `afterMs` whose cause never committed; returns how many. */
  abandonStalePromotions(afterMs: number): Promise<number>;
}
