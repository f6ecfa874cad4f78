import { eventKeyOf, type EventKey, type LeadSnapshot, type NewDelivery, type NewHandoff } from '@leadscore/persistence';
import { type LeadState } from '@leadscore/scoring';
import { type Promotion } from '../create-handoffs';
import { type HandoffStore, type HandoffTransaction } from '../handoff-store.port';

export interface InMemoryParkedPromotion {
  id: string;
  message: Promotion;
  status: 'parked' | 'abandoned';
  parkedAtMs: number;
}

interface HandoffData {
  handoffs: NewHandoff[];
  deliveries: NewDelivery[];
  parked: InMemoryParkedPromotion[];
  turns: Map<string, number>;
}

/** Stages in which a lead is still in sales' hands (as openHandoffCounts counts them in SQL). */
const OPEN_STAGES = new Set(['mql', 'contacted', 'sql', 'opportunity']);

/**
 * The handoff store in memory, for unit tests of the steps: committed cause events and lead
 * snapshots are set by the test; a transaction works on a copy that replaces the committed data
 * only when the work resolves, as PostgreSQL's COMMIT / ROLLBACK do.
 */
export class InMemoryHandoffStore implements HandoffStore {
  /** Events committed in the event store (`eventKeyOf`: an eventId is its lead's). */
  private readonly committedEvents = new Set<string>();
  /** Live projections by lead id (missing: a lead without one, as `leadSnapshot` reads it). */
  readonly leads = new Map<string, LeadSnapshot<LeadState>>();
  /** The active model's win probability by lead (missing: no model). */
  readonly winProbabilities = new Map<string, number>();
  handoffs: NewHandoff[] = [];
  deliveries: NewDelivery[] = [];
  parked: InMemoryParkedPromotion[] = [];
  turns = new Map<string, number>();
  private nextParkedId = 1;

  /** `nowMs`: the database's clock, for parking times. */
  constructor(private readonly nowMs: () => number = () => 0) {}

  /** Commits these events in the event store. */
  commitEvents(...events: EventKey[]): void {
    for (const event of events) this.committedEvents.add(eventKeyOf(event));
  }

  async storedEvents(events: readonly EventKey[]): Promise<Set<string>> {
    return new Set(events.map(eventKeyOf).filter((key) => this.committedEvents.has(key)));
  }

  async inTransaction<T>(work: (tx: HandoffTransaction) => Promise<T>): Promise<T> {
    const draft: HandoffData = {
      handoffs: [...this.handoffs], deliveries: [...this.deliveries], parked: this.parked.map((row) => ({ ...row })), turns: new Map(this.turns),
    };
    const result = await work(this.transactionOn(draft));
    Object.assign(this, draft);
    return result;
  }

  async abandonStalePromotions(afterMs: number): Promise<number> {
    const stale = this.parked.filter((row) => row.status === 'parked' && row.parkedAtMs < this.nowMs() - afterMs && !this.committedEvents.has(causeKeyOf(row.message)));
    for (const row of stale) row.status = 'abandoned';
    return stale.length;
  }

  private transactionOn(draft: HandoffData): HandoffTransaction {
    const parkedOf = (leadId: string) => draft.parked.filter((row) => row.status === 'parked' && row.message.leadId === leadId);
    return {
      leadsWithParkedPromotions: async (leadIds) => new Set(leadIds.filter((leadId) => parkedOf(leadId).length > 0)),
      parkPromotions: async (promotions) => {
        for (const message of promotions) {
          if (draft.parked.some((row) => sameKey(row.message, message))) continue;
          draft.parked.push({ id: String(this.nextParkedId++), message: structuredClone(message), status: 'parked', parkedAtMs: this.nowMs() });
        }
      },
      lockResolvablePromotions: async (limit) => draft.parked
        .filter((row) => row.status === 'parked' && this.committedEvents.has(causeKeyOf(row.message)) && parkedOf(row.message.leadId)[0] === row)
        .slice(0, limit)
        .map((row) => ({ id: row.id, message: structuredClone(row.message) })),
      deleteParkedPromotions: async (ids) => {
        draft.parked = draft.parked.filter((row) => !ids.includes(row.id));
      },
      handoffExists: async (key) => draft.handoffs.some((handoff) => sameKey(handoff, key)),
      leadSnapshot: async (leadId) => structuredClone(this.leads.get(leadId) ?? { traits: {}, source: null, state: null }),
      winProbability: async (leadId) => this.winProbabilities.get(leadId) ?? null,
      currentOwner: async (leadId) => {
        const latest = draft.handoffs.filter((handoff) => handoff.leadId === leadId && handoff.teamId !== null).at(-1);
        return latest ? { teamId: latest.teamId!, member: latest.member! } : null;
      },
      nextRoundRobinTurn: async (teamId) => {
        const turn = (draft.turns.get(teamId) ?? 0) + 1;
        draft.turns.set(teamId, turn);
        return turn;
      },
      openHandoffCounts: async (teamId) => {
        const leadsByMember = new Map<string, Set<string>>();
        for (const handoff of draft.handoffs) {
          const stage = this.leads.get(handoff.leadId)?.state?.stage;
          if (handoff.teamId !== teamId || handoff.member === null || !stage || !OPEN_STAGES.has(stage)) continue;
          leadsByMember.set(handoff.member, (leadsByMember.get(handoff.member) ?? new Set()).add(handoff.leadId));
        }
        return new Map([...leadsByMember].map(([member, leads]) => [member, leads.size]));
      },
      insertHandoff: async (handoff) => {
        if (draft.handoffs.some((other) => other.id === handoff.id || sameKey(other, handoff))) throw new Error(`duplicate key value violates unique constraint "handoffs_once"`);
        draft.handoffs.push(structuredClone(handoff));
      },
      insertDelivery: async (delivery) => {
        draft.deliveries.push({ ...delivery });
      },
    };
  }
}

function sameKey(a: { leadId: string; promotion: string; causeEventId: string }, b: { leadId: string; promotion: string; causeEventId: string }): boolean {
  return a.leadId === b.leadId && a.promotion === b.promotion && a.causeEventId === b.causeEventId;
}

function causeKeyOf(promotion: { leadId: string; causeEventId: string }): string {
  return eventKeyOf({ leadId: promotion.leadId, eventId: promotion.causeEventId });
}
